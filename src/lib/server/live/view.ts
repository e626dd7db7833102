/**
 * What one role sees of an exercise now: the events that reached it (the engine's `visibleTo`,
 * applied here on the server), its own teams, the incidents it knows of, and the choices its
 * order forms may offer. The facilitator sees everything, plus observations and participants.
 */
import { visibleTo, FACILITATOR, type Exercise, mayOrder, commandsTeam, areaLimit } from '../../../../engine/index.ts';
// The engine's own rules of authority, so that the forms offer exactly what the engine accepts.
import type { LiveExercise } from './liveExercise.ts';
import type { LiveStore } from './store.ts';
import { eventsFor } from './redact.ts';

type LonLat = [number, number];

function pointOf(ex: Exercise, id: string | undefined): LonLat | null {
  if (!id) return null;
  const p = ex.scenario.world.points.get(id);
  return p ? [p.lon, p.lat] : null;
}

/**
 * The map as the role knows it: roads blocked or slowed and facilities out of service are read
 * from the events the role has seen (`road.changed`, `facility.status`), latest first.
 */
export function mapOf(ex: Exercise, role: string = FACILITATOR) {
  const d = ex.scenario.data;
  const w = ex.scenario.world;
  const roadNow = new Map<string, { blocked: boolean; slowdown: number }>();
  const facilityNow = new Map<string, string>();
  for (const e of ex.events) {
    if (e.type === 'road.changed' && visibleTo(e, role)) roadNow.set(String(e.data.road), { blocked: e.data.blocked === true, slowdown: Number(e.data.slowdown ?? 1) });
    else if (e.type === 'facility.status' && visibleTo(e, role)) facilityNow.set(String(e.data.facility), String(e.data.to));
  }
  return {
    districts: {
      type: 'FeatureCollection' as const,
      features: w.districts.map((x) => ({
        type: 'Feature' as const,
        properties: { id: x.id, name: { zh: x.nameZh, en: x.nameEn }, population: x.population, areaKm2: x.areaKm2 },
        geometry: { type: 'MultiPolygon' as const, coordinates: x.geometry }
      }))
    },
    places: d.places.map((p) => ({ id: p.id, name: p.name, at: p.at, district: p.district })),
    roads: d.roads.map((r, i) => {
      const id = r.id ?? `road-${i}`;
      const now = roadNow.get(id);
      return { id, from: r.from, to: r.to, minutes: r.minutes, path: [pointOf(ex, r.from), pointOf(ex, r.to)], blocked: now?.blocked ?? false, slowdown: now?.slowdown ?? 1 };
    }),
    facilities: d.facilities.map((f) => ({ id: f.id, kind: f.kind, name: f.name, place: f.place, at: pointOf(ex, f.place), status: facilityNow.get(f.id) ?? 'ok' })),
    rivers: d.rivers.map((r) => ({ id: r.id, name: r.name })),
    grid: { centre: d.map.grid.centre, halfWidth: d.map.grid.halfWidth, cellSize: d.map.grid.cellSize }
  };
}

function teamsFor(ex: Exercise, role: string) {
  return ex.scenario.data.teams
    .filter((t) => role === FACILITATOR || commandsTeam(ex, role, t.id))
    .map((t) => {
      const st = ex.state.teams[t.id];
      return {
        id: t.id,
        name: t.name,
        type: t.type,
        owner: t.owner,
        base: t.base,
        size: t.size,
        capabilities: t.capabilities,
        status: st?.lc.value ?? 'unknown',
        location: st?.location ?? t.base,
        at: pointOf(ex, st?.location ?? t.base),
        assignment: st?.assignment ?? null
      };
    });
}

function incidentsFor(ex: Exercise, role: string) {
  return Object.entries(ex.state.incidents)
    .filter(([, i]) => role === FACILITATOR || i.knownBy.includes(role) || i.fieldPost === role)
    .map(([id, i]) => ({
      id,
      kind: i.kind,
      name: i.name,
      place: i.place,
      district: i.district,
      at: pointOf(ex, i.place),
      status: i.lc.value,
      grade: String(i.lc.context.grade ?? ''),
      parent: i.parent ?? null,
      fieldPost: i.fieldPost ?? null,
      startedAt: i.startedAt
    }));
}

export function buildView(live: LiveExercise, role: string, store: LiveStore, extra: { cells?: { id: string; name: string; status: string; t: number }[] } = {}) {
  const ex = live.ex;
  const d = ex.scenario.data;
  const seatDef = role === FACILITATOR ? undefined : d.seats.find((s) => s.id === role);
  const districts = ex.scenario.world.districts.map((x) => ({ id: x.id, name: { zh: x.nameZh, en: x.nameEn } }));
  const limit = seatDef ? areaLimit(seatDef) : null;
  const teams = teamsFor(ex, role);
  const incidents = incidentsFor(ex, role);
  const view: Record<string, unknown> = {
    // A seat is not told the seed, the scenario file or the exercise's lineage: with the seed and
    // the scenario, `yanlian run` would show it every hazard event in advance. Stopped on an engine
    // failure: the facilitator reads why; a seat, when.
    exercise:
      role === FACILITATOR
        ? {
            id: live.id,
            name: live.row.name,
            scenario: d.id,
            title: d.title,
            hazard: d.hazard,
            startTime: d.startTime,
            duration: d.duration,
            seed: live.row.seed,
            group: live.row.group_id,
            forkedFrom: live.row.forked_from,
            forkAt: live.row.fork_at,
            forkOf: live.row.forked_from ? { id: live.row.forked_from, at: live.row.fork_at } : null,
            ...live.clockInfo(),
            failure: live.failure
          }
        : {
            id: live.id,
            name: live.row.name,
            title: d.title,
            hazard: d.hazard,
            startTime: d.startTime,
            duration: d.duration,
            ...live.clockInfo(),
            failure: live.failure ? { t: live.failure.t } : null
          },
    role,
    ...(seatDef
      ? {
          seat: {
            id: seatDef.id,
            name: seatDef.name,
            tier: seatDef.tier,
            parent: seatDef.parent ?? null,
            district: seatDef.district ?? null,
            mayOrder: mayOrder(seatDef),
            mayDeclare: seatDef.mayDeclare,
            level: ex.state.posts[seatDef.id]?.value ?? 'none'
          }
        }
      : {}),
    seats: d.seats.map((s) => ({ id: s.id, name: s.name, tier: s.tier, parent: s.parent ?? null, district: s.district ?? null })),
    map: mapOf(ex, role),
    teams,
    // Stockpiles the role holds: its own and those of the seats below it (all for the facilitator).
    resources: d.stockpiles
      .filter((r) => role === FACILITATOR || ex.chainOf(r.owner).includes(role))
      .map((r) => ({ id: r.id, owner: r.owner, place: r.place, at: pointOf(ex, r.place), items: r.items })),
    incidents,
    // Names of the plan's rules (预案条款), so that a rule's events read by name, not by id; the
    // facilitator's only: a seat is sent nothing of the plan (docs/security.md).
    planRules: role === FACILITATOR ? (d.plan?.rules ?? []).filter((r) => r.name).map((r) => ({ id: r.id, name: r.name })) : [],
    events: eventsFor(ex.events, role),
    orderOptions: {
      teams: teams.map((t) => ({ id: t.id, name: t.name, status: t.status, capabilities: t.capabilities })),
      districts: limit ? districts.filter((x) => x.id === limit) : districts,
      incidents: incidents.map((i) => ({ id: i.id, name: i.name, status: i.status })),
      places: d.places.map((p) => ({ id: p.id, name: p.name })),
      injects: role === FACILITATOR ? live.msel() : [],
      levels: seatDef ? seatDef.mayDeclare : [],
      seats: role === FACILITATOR ? d.seats.map((s) => ({ id: s.id, name: s.name })) : []
    }
  };
  if (role === FACILITATOR) {
    view.observations = store.observations(live.id).map((o) => ({ id: o.id, t: o.t, text: o.text, createdAt: o.created_at }));
    const connected = new Map<string, number>();
    for (const s of live.subscribers) connected.set(s.role, (connected.get(s.role) ?? 0) + 1);
    view.participants = d.seats.map((s) => ({
      id: s.id,
      name: s.name,
      tier: s.tier,
      connected: connected.get(s.id) ?? 0,
      level: ex.state.posts[s.id]?.value ?? 'none',
      orders: ex.events
        .filter((e) => (e.type === 'command.accepted' || e.type === 'command.refused') && e.data.seat === s.id && !e.data.via)
        .map((e) => ({ seq: e.seq, t: e.t, type: e.data.type, ok: e.type === 'command.accepted', command: e.data.command ?? null, reason: e.data.reason ?? null }))
    }));
    view.warnings = { ...ex.state.warnings };
    if (extra.cells) view.cells = extra.cells;
  }
  return view;
}
