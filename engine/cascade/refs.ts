/**
 * Load-time checks of what cascade rules name and how they connect: every place, seat, facility,
 * road and release an effect names exists (else the rule would fail only when it fires, hours
 * into a run), rule ids are unique, and rules that can start each other in a loop are reported
 * as a warning.
 */
import type { ScenarioData } from '../scenario/schema.ts';
import type { FileIssue } from '../scenario/errors.ts';
import { roadIds } from './compile.ts';
import { loopsOf } from '../util/graph.ts';

function unknown(path: string, what: string, value: string, known: Iterable<string>): FileIssue {
  const list = [...known];
  return { path, message: `unknown ${what} "${value}"; expected one of: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', …' : ''}${list.length ? '' : '(none in this scenario)'}` };
}

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
        if (eff.spawn.at !== undefined && !places.has(eff.spawn.at)) out.push(unknown(`${e}.spawn.at`, 'place or facility', eff.spawn.at, places));
        if (eff.spawn.reportTo !== undefined && !seats.has(eff.spawn.reportTo)) out.push(unknown(`${e}.spawn.reportTo`, 'seat', eff.spawn.reportTo, seats));
      } else if ('facility' in eff) {
        if (eff.facility.id !== undefined && !facilities.has(eff.facility.id)) out.push(unknown(`${e}.facility.id`, 'facility', eff.facility.id, facilities));
        if (eff.facility.id === undefined && rule.target.kind !== 'facility') out.push({ path: `${e}.facility`, message: `a rule whose target is a ${rule.target.kind} must name the facility ("id")` });
      } else if ('road' in eff) {
        eff.road.ids?.forEach((id, k) => { if (!roadSet.has(id)) out.push(unknown(`${e}.road.ids[${k}]`, 'road', id, roads)); });
        if (eff.road.ids === undefined && rule.target.kind !== 'road') out.push({ path: `${e}.road`, message: `a rule whose target is a ${rule.target.kind} must name the roads ("ids")` });
      } else if ('release' in eff) {
        if (!releases.has(eff.release.id)) out.push(unknown(`${e}.release.id`, 'release', eff.release.id, releases));
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
export function checkCascadeLoops(d: ScenarioData): { issues: FileIssue[]; warnings: FileIssue[] } {
  const spawns = d.cascades.map((r) => r.effects.flatMap((e) => ('spawn' in e ? [e.spawn.kind] : [])));
  const next = d.cascades.map((_, i) =>
    d.cascades.flatMap((b, j) => (b.target.kind === 'incident' && spawns[i].some((k) => !b.target.of || b.target.of === k) ? [j] : []))
  );
  const issues: FileIssue[] = [];
  const warnings: FileIssue[] = [];
  for (const { nodes, cycle, branches } of loopsOf(next)) {
    const path = `cascades[${nodes[0]}]`;
    if (branches) issues.push({ path, message: `rules start each other in a loop that branches (${nodes.map((k) => d.cascades[k].id).join(', ')}): the incidents double at every hazard step, without end; limit it with "target.of" or "target.ids"` });
    else issues.push({ path, message: `rules can start each other in a loop (${[...cycle, cycle[0]].map((k) => d.cascades[k].id).join(' → ')}): each firing spawns a new incident that can fire the next, and the run would be stopped by its cascade-loop guard; limit the loop with "target.of" or "target.ids"` });
  }
  return { issues, warnings };
}
