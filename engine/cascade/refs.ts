/**
 * Load-time checks of what cascade rules name and how they connect: every place, seat, facility,
 * road and release an effect names exists (else the rule would fail only when it fires, hours
 * into a run), rule ids are unique, and no rules start each other in a loop.
 */
import type { ScenarioData } from '../scenario/schema.ts';
import { unknownRef, type FileIssue } from '../scenario/errors.ts';
import { roadIds } from './compile.ts';
import { loopsOf } from '../util/graph.ts';

export function checkCascadeRefs(d: ScenarioData): FileIssue[] {
  const out: FileIssue[] = [];
  const places = new Set([...d.places.map((p) => p.id), ...d.facilities.map((f) => f.id)]);
  const seats = new Set(d.seats.map((s) => s.id));
  const facilities = new Set(d.facilities.map((f) => f.id));
  const roads = roadIds(d);
  const roadSet = new Set(roads);
  const releases = new Set(d.releases.map((r) => r.id));
  // Road ids key the road state: two roads with one id would share it.
  const seenRoad = new Map<string, number>();
  roads.forEach((id, i) => {
    if (seenRoad.has(id)) out.push({ path: `roads[${i}].id`, message: `duplicate road id "${id}" (also roads[${seenRoad.get(id)}]); expected ids to be unique (a road without an id is "road-<index>")` });
    else seenRoad.set(id, i);
  });
  const seenRule = new Map<string, number>();
  d.cascades.forEach((rule, i) => {
    const p = `cascades[${i}]`;
    if (seenRule.has(rule.id)) out.push({ path: `${p}.id`, message: `duplicate cascade rule id "${rule.id}" (also cascades[${seenRule.get(rule.id)}]); expected ids to be unique` });
    else seenRule.set(rule.id, i);
    rule.effects.forEach((eff, j) => {
      const e = `${p}.effects[${j}]`;
      if ('spawn' in eff) {
        if (eff.spawn.at !== undefined && !places.has(eff.spawn.at)) out.push(unknownRef(`${e}.spawn.at`, 'place or facility', eff.spawn.at, places));
        if (eff.spawn.reportTo !== undefined && !seats.has(eff.spawn.reportTo)) out.push(unknownRef(`${e}.spawn.reportTo`, 'seat', eff.spawn.reportTo, seats));
      } else if ('facility' in eff) {
        if (eff.facility.id !== undefined && !facilities.has(eff.facility.id)) out.push(unknownRef(`${e}.facility.id`, 'facility', eff.facility.id, facilities));
        if (eff.facility.id === undefined && rule.target.kind !== 'facility') out.push({ path: `${e}.facility`, message: `a rule whose target is a ${rule.target.kind} must name the facility ("id")` });
      } else if ('road' in eff) {
        eff.road.ids?.forEach((id, k) => { if (!roadSet.has(id)) out.push(unknownRef(`${e}.road.ids[${k}]`, 'road', id, roads)); });
        if (eff.road.ids === undefined && rule.target.kind !== 'road') out.push({ path: `${e}.road`, message: `a rule whose target is a ${rule.target.kind} must name the roads ("ids")` });
      } else if ('release' in eff) {
        if (!releases.has(eff.release.id)) out.push(unknownRef(`${e}.release.id`, 'release', eff.release.id, releases));
      }
    });
  });
  return out;
}

/**
 * Rules that can start each other in a loop: a rule spawning incidents of a kind that a rule on
 * incidents of that kind (or of any kind) watches, round to itself. Each firing makes a new
 * incident, one generation per hazard step. A plain ring repeats for as long as its conditions
 * hold, and the run's cascade-loop guard would end it at the fourth generation; a loop that
 * branches doubles the incidents at every step (2^144 in a three-day typhoon). Both are refused,
 * so that what validate accepts runs to its end.
 */
export function checkCascadeLoops(d: ScenarioData): FileIssue[] {
  const spawns = d.cascades.map((r) => r.effects.flatMap((e) => ('spawn' in e ? [e.spawn.kind] : [])));
  const next = d.cascades.map((_, i) =>
    d.cascades.flatMap((b, j) => (b.target.kind === 'incident' && spawns[i].some((k) => !b.target.of || b.target.of === k) ? [j] : []))
  );
  return loopsOf(next).map(({ nodes, cycle, branches }) => {
    const path = `cascades[${nodes[0]}]`;
    if (branches) return { path, message: `rules start each other in a loop that branches (${nodes.map((k) => d.cascades[k].id).join(', ')}): the incidents double at every hazard step, without end; limit it with "target.of" or "target.ids"` };
    return { path, message: `rules can start each other in a loop (${[...cycle, cycle[0]].map((k) => d.cascades[k].id).join(' → ')}): each firing spawns a new incident that can fire the next, and the run would be stopped by its cascade-loop guard; limit the loop with "target.of" or "target.ids"` };
  });
}
