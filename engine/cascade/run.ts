/**
 * Cascade rules at run time. After each hazard step the engine evaluates every rule instance
 * against the fields and states of its entity; a rule whose condition has held for `holdFor`,
 * that nothing prevents and whose seeded draw succeeds, fires once: it records the chain link
 * (`cascade.triggered`, caused by the event that last changed its entity) and applies its effects.
 * A preventive condition (`unless`) that holds when the rule would fire is recorded as
 * `cascade.prevented`, so the report can say which secondary disasters the response stopped.
 */
import type { Exercise } from '../sim/exercise.ts';
import type { CascadeEffect } from '../scenario/schema.ts';
import type { Value } from './expr.ts';
import type { RuleInstance } from './compile.ts';
import { startRelease } from '../sim/chemical.ts';
import { CASCADE_REPEATS } from '../sim/limits.ts';
import { own } from '../util/own.ts';

export interface CascadeInstanceState {
  since?: number;
  fired?: boolean;
  /** The seeded draw failed: it will not fire in this run. */
  spared?: boolean;
  prevented?: boolean;
}

export interface FacilityState {
  status: 'ok' | 'offline' | 'damaged' | 'flooded';
  /** The event that last changed this facility or what it depends on (chain links). */
  cause?: number;
  /** The incident behind that change, if any. */
  causeIncident?: string;
}

export interface RoadState {
  blocked: boolean;
  slowdown: number;
  cause?: number;
  causeIncident?: string;
}

export interface InfraState {
  facilities: Record<string, FacilityState>;
  roads: Record<string, RoadState>;
  drainageFactor: Record<string, number>;
  /** Cause of the latest hazard field update (a `hazard.typhoon`, `hazard.quake` or `hazard.aftershock` event). */
  fieldCause: number;
  /** Hazard fields by entity: `district:<id>`, `facility:<id>`, `road:<id>`, `river:<id>`. */
  fields: Record<string, Record<string, number>>;
  /** Effects to undo when an incident is resolved. */
  undo: Record<string, { facilities: string[]; roads: string[] }>;
}

export function initialInfra(ex: Exercise): InfraState {
  const d = ex.scenario.data;
  const infra: InfraState = { facilities: {}, roads: {}, drainageFactor: {}, fieldCause: -1, fields: {}, undo: {} };
  for (const f of d.facilities) infra.facilities[f.id] = { status: 'ok' };
  d.roads.forEach((r, i) => { infra.roads[r.id ?? `road-${i}`] = { blocked: false, slowdown: 1 }; });
  const hilly = new Set([...(d.typhoon?.hillyDistricts ?? []), ...(d.earthquake?.hillyDistricts ?? [])]);
  for (const dist of ex.scenario.world.districts) {
    infra.drainageFactor[dist.id] = 1;
    infra.fields[`district:${dist.id}`] = { hilly: hilly.has(dist.id) ? 1 : 0, population: dist.population };
  }
  return infra;
}

// ---------- what a rule sees ----------

function teamsAt(ex: Exercise, where: (teamId: string) => boolean): Record<string, number> {
  const counts: Record<string, number> = { any: 0 };
  for (const t of ex.scenario.data.teams) {
    const st = ex.state.teams[t.id];
    if (st.lc.value !== 'onScene' || !where(t.id)) continue;
    counts.any++;
    for (const c of t.capabilities) counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}

function facilityDef(ex: Exercise, id: string) {
  return ex.scenario.data.facilities.find((f) => f.id === id);
}

/** Standing water at a facility: its own depth for a low point, its low point's for a substation. */
export function waterDepthAt(ex: Exercise, facilityId: string): number {
  const f = facilityDef(ex, facilityId);
  if (!f) return 0;
  const lp = f.kind === 'low-point' ? f.id : f.kind === 'substation' || f.kind === 'chemical-plant' ? f.lowPoint : undefined;
  return lp ? ex.state.infra.fields[`facility:${lp}`]?.waterDepthM ?? 0 : 0;
}

export function isPowered(ex: Exercise, facilityId: string): boolean {
  const f = facilityDef(ex, facilityId);
  if (!f || f.kind !== 'pump-station') return true;
  return ex.state.infra.facilities[f.poweredBy]?.status === 'ok';
}

function lookupFor(ex: Exercise, inst: { kind: string; entity: string }): (name: string) => Value {
  const infra = ex.state.infra;
  const t = ex.state.t;
  let onScene: Record<string, number> | null = null;
  const scene = (): Record<string, number> => {
    if (onScene) return onScene;
    if (inst.kind === 'facility') onScene = teamsAt(ex, (id) => ex.state.teams[id].location === inst.entity);
    else if (inst.kind === 'incident') onScene = teamsAt(ex, (id) => ex.state.incidents[inst.entity]?.onScene.includes(id) ?? false);
    else onScene = { any: 0 };
    return onScene;
  };
  const district = inst.kind === 'district' ? inst.entity
    : inst.kind === 'facility' ? ex.scenario.world.points.get(inst.entity)?.district
    : inst.kind === 'incident' ? ex.state.incidents[inst.entity]?.district : undefined;
  // An incident at a facility sees that facility's state (is the pump powered again? has the water gone?).
  const atFacility = inst.kind === 'incident' ? ex.state.incidents[inst.entity]?.place : undefined;
  const placeIsFacility = atFacility !== undefined && infra.facilities[atFacility] !== undefined;
  const own = infra.fields[`${inst.kind}:${inst.entity}`] ?? (placeIsFacility ? infra.fields[`facility:${atFacility}`] : undefined);
  const dist = district ? infra.fields[`district:${district}`] : undefined;
  return (name: string): Value => {
    if (name === 't') return t;
    if (name === 'hours') return t / 60;
    if (name.startsWith('onScene.')) return scene()[name.slice(8).replace(/_/g, '-')] ?? 0;
    switch (inst.kind) {
      case 'facility': {
        const st = infra.facilities[inst.entity];
        if (name === 'offline') return st.status === 'offline';
        if (name === 'damaged') return st.status === 'damaged';
        if (name === 'flooded') return st.status === 'flooded';
        if (name === 'powered') return isPowered(ex, inst.entity);
        if (name === 'waterDepthM') return waterDepthAt(ex, inst.entity);
        break;
      }
      case 'road': {
        const st = infra.roads[inst.entity];
        if (name === 'blocked') return st.blocked;
        if (name === 'bridge') return ex.scenario.data.roads.find((r, i) => (r.id ?? `road-${i}`) === inst.entity)?.bridge ?? false;
        break;
      }
      case 'incident': {
        const inc = ex.state.incidents[inst.entity];
        if (name === 'minutesOpen') return inc ? t - inc.startedAt : 0;
        if (name === 'contained') return inc ? ['contained', 'closed'].includes(inc.lc.value) : false;
        if (name === 'grade') return inc ? 5 - ['I', 'II', 'III', 'IV'].indexOf(String(inc.lc.context.grade)) - 1 : 0;
        if (placeIsFacility) {
          if (name === 'waterDepthM') return waterDepthAt(ex, atFacility!);
          if (name === 'powered') return isPowered(ex, atFacility!);
          if (name === 'offline') return infra.facilities[atFacility!].status === 'offline';
        }
        break;
      }
    }
    const v = own?.[name] ?? dist?.[name];
    return v ?? 0;
  };
}

// ---------- evaluation ----------

function instanceList(ex: Exercise): RuleInstance[] {
  const c = ex.scenario.cascades;
  const out = c.instances.slice();
  const incidentRules = [...c.rules.values()].filter((r) => r.rule.target.kind === 'incident');
  if (incidentRules.length) {
    for (const [id, inc] of Object.entries(ex.state.incidents)) {
      for (const r of incidentRules) {
        if (r.rule.target.of && r.rule.target.of !== inc.kind) continue;
        if (r.rule.target.ids && !r.rule.target.ids.includes(id)) continue;
        out.push({ key: `${r.rule.id}:${id}`, rule: r.rule, kind: 'incident', entity: id });
      }
    }
  }
  return out;
}

/** Cause of an entity's latest change: its own status change, else the latest hazard field update. */
function causeOf(ex: Exercise, inst: { kind: string; entity: string }): { seq: number; incident?: string } {
  const infra = ex.state.infra;
  const own = inst.kind === 'facility' ? infra.facilities[inst.entity] : inst.kind === 'road' ? infra.roads[inst.entity] : undefined;
  if (own?.cause !== undefined) return { seq: own.cause, incident: own.causeIncident };
  if (inst.kind === 'incident') {
    const inc = ex.state.incidents[inst.entity];
    if (inc) return { seq: inc.cause, incident: inst.entity };
  }
  return { seq: infra.fieldCause };
}

export function evaluateCascades(ex: Exercise): void {
  const compiled = ex.scenario.cascades;
  if (compiled.rules.size === 0) return;
  for (const inst of instanceList(ex)) {
    if (ex.aborted) return;
    const st = (ex.state.cascades[inst.key] ??= {});
    if (st.fired || st.spared) continue;
    const cr = compiled.rules.get(inst.rule.id)!;
    const lookup = lookupFor(ex, inst);
    if (!cr.when.evaluateBoolean(lookup)) { st.since = undefined; continue; }
    if (st.since === undefined) st.since = ex.state.t;
    if (ex.state.t - st.since < inst.rule.holdFor) continue;
    const cause = causeOf(ex, inst);
    if (cr.unless && cr.unless.evaluateBoolean(lookup)) {
      if (!st.prevented) {
        st.prevented = true;
        ex.emit('cascade.prevented', { rule: inst.rule.id, entity: inst.entity, target: inst.kind, reason: inst.rule.unless, parent: cause.incident ?? null }, { audience: 'facilitator', cause: cause.seq });
      }
      continue;
    }
    const p = typeof cr.probability === 'number' ? cr.probability : cr.probability.evaluateNumber(lookup);
    if (p < 1) {
      const u = ex.rng.uniform(`cascade/${inst.rule.id}/${inst.entity}`);
      if (!(u < p)) { st.spared = true; continue; }
    }
    if (inst.kind === 'incident' && repeatsOnLine(ex, inst.rule.id, inst.entity) >= CASCADE_REPEATS) {
      ex.abort('cascade-loop', CASCADE_REPEATS, inst.rule.id);
      return;
    }
    st.fired = true;
    fire(ex, inst, cause);
  }
  resolveByCondition(ex);
}

/**
 * How often `rule` spawned along the line of incidents that ends at `incident` (it, its parent,
 * the parent's parent…). A rule's child incident is named "<rule>:<entity>", and a rule on
 * incidents makes the incident it fires on the parent: a line that keeps repeating one rule is a
 * loop (docs/scenario-format.md, "Limits").
 */
function repeatsOnLine(ex: Exercise, rule: string, incident: string): number {
  let n = 0;
  for (let id: string | undefined = incident, hops = 0; id !== undefined && hops <= ex.limits.maxIncidents; hops++) {
    if (id.startsWith(`${rule}:`)) n++;
    id = ex.state.incidents[id]?.parent;
  }
  return n;
}

function fire(ex: Exercise, inst: RuleInstance, cause: { seq: number; incident?: string }): void {
  const rule = inst.rule;
  const spawn = rule.effects.find((e): e is Extract<CascadeEffect, { spawn: unknown }> => 'spawn' in e);
  const child = spawn ? inst.key : null;
  const e = ex.emit('cascade.triggered', {
    rule: rule.id, name: rule.name, target: inst.kind, entity: inst.entity, parent: cause.incident ?? null, child,
    effects: rule.effects.map((x) => Object.keys(x)[0])
  }, { audience: 'facilitator', cause: cause.seq });
  const undo = { facilities: [] as string[], roads: [] as string[] };
  for (const eff of rule.effects) applyEffect(ex, inst, eff, e.seq, child, undo);
  if (child) ex.state.infra.undo[child] = undo;
}

function placeFor(ex: Exercise, inst: RuleInstance, at?: string): string {
  if (at) return at;
  const d = ex.scenario.data;
  switch (inst.kind) {
    case 'facility': return inst.entity;
    case 'incident': return ex.state.incidents[inst.entity]?.place ?? d.places[0].id;
    case 'road': {
      const r = d.roads.find((x, i) => (x.id ?? `road-${i}`) === inst.entity);
      return r ? r.lowPoint ?? r.from : d.places[0].id;
    }
    case 'district': return d.places.find((p) => p.district === inst.entity)?.id ?? d.places[0].id;
    case 'river': {
      const intake = d.facilities.find((f) => f.kind === 'water-intake' && f.river === inst.entity);
      return intake?.id ?? d.places[0].id;
    }
  }
}

function applyEffect(ex: Exercise, inst: RuleInstance, eff: CascadeEffect, cause: number, child: string | null, undo: { facilities: string[]; roads: string[] }): void {
  const infra = ex.state.infra;
  if ('spawn' in eff) {
    const s = eff.spawn;
    const place = placeFor(ex, inst, s.at);
    const district = ex.scenario.world.points.get(place)!.district;
    const reportTo = s.reportTo ?? ex.scenario.data.seats.find((x) => x.tier === 'district' && x.district === district)?.id ?? ex.scenario.data.seats.find((x) => !x.parent)!.id;
    const parent = inst.kind === 'incident' ? inst.entity : causeOf(ex, inst).incident;
    if (!ex.admitIncident()) return;
    ex.state.incidents[child!] = {
      lc: ex.layer.start('incident', { grade: s.grade }).snap, kind: s.kind, name: s.name, place, district,
      startedAt: ex.state.t, knownBy: [], onScene: [], cause, ...(parent && ex.state.incidents[parent] ? { parent } : {})
    };
    ex.at(s.reportAfter, 'engine', `detect:${child}`, { kind: 'detect', incident: child!, to: reportTo });
  } else if ('facility' in eff) {
    const id = eff.facility.id ?? inst.entity;
    setFacility(ex, id, eff.facility.status, cause, child ?? undefined);
    undo.facilities.push(id);
  } else if ('road' in eff) {
    const ids = eff.road.ids ?? (inst.kind === 'road' ? [inst.entity] : []);
    for (const id of ids) {
      const r = own(infra.roads, id);
      if (!r) continue;
      if (eff.road.blocked !== undefined) r.blocked = eff.road.blocked;
      if (eff.road.slowdown !== undefined) r.slowdown = Math.max(r.slowdown, eff.road.slowdown);
      r.cause = cause;
      r.causeIncident = child ?? undefined;
      undo.roads.push(id);
      ex.emit('road.changed', { road: id, blocked: r.blocked, slowdown: r.slowdown, incident: child }, { audience: 'all', cause });
    }
    ex.roadsChanged(cause);
  } else if ('release' in eff) {
    startRelease(ex, eff.release.id, cause);
  } else if ('set' in eff) {
    const district = inst.kind === 'district' ? inst.entity : ex.scenario.world.points.get(placeFor(ex, inst))?.district;
    if (district) infra.drainageFactor[district] = eff.set.value;
  }
}

/** Change a facility's status and pass the cause on to what depends on it (pumps on a substation, their low points). */
export function setFacility(ex: Exercise, id: string, status: FacilityState['status'], cause: number, incident?: string): void {
  const infra = ex.state.infra;
  const f = own(infra.facilities, id);
  if (!f) return;
  const from = f.status;
  f.status = status;
  f.cause = cause;
  f.causeIncident = incident;
  if (from !== status) ex.emit('facility.status', { facility: id, from, to: status, incident: incident ?? null }, { audience: 'facilitator', cause });
  for (const dep of ex.scenario.data.facilities) {
    if (dep.kind === 'pump-station' && dep.poweredBy === id) {
      infra.facilities[dep.id].cause = cause;
      infra.facilities[dep.id].causeIncident = incident;
      const lp = infra.facilities[dep.drains];
      if (lp) { lp.cause = cause; lp.causeIncident = incident; }
    }
  }
}

// ---------- how cascade incidents end ----------

/** A team arrived at a cascade incident: if the rule says teams of its capability resolve it, start the clock. */
export function onTeamOnScene(ex: Exercise, incidentId: string, teamId: string): void {
  const spawn = spawnOf(ex, incidentId);
  const res = spawn?.resolve;
  if (!res?.minutes) return;
  const def = ex.scenario.data.teams.find((t) => t.id === teamId)!;
  if (res.capability && !def.capabilities.includes(res.capability)) return;
  ex.at(res.minutes, 'engine', `resolve:${incidentId}:${teamId}`, { kind: 'cascade-resolve', incident: incidentId, team: teamId });
}

export function resolveByTeam(ex: Exercise, incidentId: string, teamId: string): void {
  const inc = ex.state.incidents[incidentId];
  if (!inc || ['contained', 'closed'].includes(inc.lc.value) || !inc.onScene.includes(teamId)) return;
  if (ex.state.teams[teamId].lc.value !== 'onScene') return;
  resolveIncident(ex, incidentId, teamId);
}

function spawnOf(ex: Exercise, incidentId: string) {
  const ruleId = incidentId.slice(0, incidentId.indexOf(':'));
  const rule = ex.scenario.cascades.rules.get(ruleId)?.rule;
  const eff = rule?.effects.find((e): e is Extract<CascadeEffect, { spawn: unknown }> => 'spawn' in e);
  return eff?.spawn;
}

function resolveByCondition(ex: Exercise): void {
  for (const [id, inc] of Object.entries(ex.state.incidents)) {
    if (['contained', 'closed', 'unknown'].includes(inc.lc.value)) continue;
    const ruleId = id.includes(':') ? id.slice(0, id.indexOf(':')) : '';
    const cr = ex.scenario.cascades.rules.get(ruleId);
    if (!cr?.resolveWhen) continue;
    if (cr.resolveWhen.evaluateBoolean(lookupFor(ex, { kind: 'incident', entity: id }))) resolveIncident(ex, id, 'condition');
  }
}

/**
 * An incident ends: by a team's work (`by` = its id), by its condition, or by rescue. It is recorded,
 * the effects its rule applied are undone, and it moves to contained.
 */
export function resolveIncident(ex: Exercise, incidentId: string, by: string): void {
  const inc = ex.state.incidents[incidentId];
  const e = ex.emit('incident.resolved', { incident: incidentId, kind: inc.kind, by }, { audience: ex.incidentAudience(incidentId) });
  const undo = ex.state.infra.undo[incidentId];
  if (undo) {
    for (const f of undo.facilities) setFacility(ex, f, 'ok', e.seq);
    for (const r of undo.roads) {
      const st = ex.state.infra.roads[r];
      st.blocked = false;
      st.slowdown = 1;
      st.cause = e.seq;
      ex.emit('road.changed', { road: r, blocked: false, slowdown: 1, incident: incidentId }, { audience: 'all', cause: e.seq });
    }
    if (undo.roads.length) ex.roadsChanged(e.seq);
  }
  if (inc.lc.value !== 'responding') ex.lifecycle('incident', incidentId, { type: 'RESPOND' }, e.seq);
  ex.lifecycle('incident', incidentId, { type: 'CONTAIN' }, e.seq);
}
