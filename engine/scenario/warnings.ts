/**
 * What is legal in a scenario but probably a mistake, found at load and kept on the scenario
 * (`Scenario.warnings`) so every driver can show it: `validate` prints it, a live upload can
 * display it. A warning never stops a run.
 */
import { pointInMultiPolygon, type LonLat } from '../world/geo.ts';
import { districtAt, type World } from '../world/build.ts';
import type { FileIssue } from './errors.ts';
import type { ScenarioData } from './schema.ts';
import { expectationWarnings, planWarnings } from './checkPlan.ts';

export function scenarioWarnings(d: ScenarioData, world: World): FileIssue[] {
  const out: FileIssue[] = [];
  const byId = new Map(world.districts.map((x) => [x.id, x]));
  d.places.forEach((p, i) => {
    const district = byId.get(p.district);
    if (district && !pointInMultiPolygon(p.at as LonLat, district.geometry)) {
      const actual = districtAt(world, p.at as LonLat);
      out.push({ path: `places[${i}].at`, message: `[${p.at.join(', ')}] is outside its district "${p.district}" on the map${actual ? ` (it lies in "${actual}")` : ' (it lies in no district of the map)'}` });
    }
  });
  // People outside the grid are not in the plume or exposure models.
  const covered = new Set(world.grid.cells.map((c) => c.district));
  if (covered.size === 0) out.push({ path: 'map.grid', message: 'the grid covers no district: no one is exposed to a plume; move map.grid.centre onto the map' });
  else {
    const missed = [...new Set([...d.places.map((p) => p.district), ...d.releases.map((r) => d.places.find((p) => p.id === d.facilities.find((f) => f.id === r.plant)?.place)?.district)])]
      .filter((x): x is string => x !== undefined && byId.has(x) && !covered.has(x));
    if (missed.length) out.push({ path: 'map.grid', message: `the grid misses district${missed.length > 1 ? 's' : ''} ${missed.map((x) => `"${x}"`).join(', ')}, where places of the scenario lie; widen map.grid.halfWidth or move its centre` });
  }
  out.push(...expectationWarnings(d));
  if (d.plan) out.push(...planWarnings(d.plan, 'plan.'));
  return out;
}
