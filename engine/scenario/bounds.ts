/**
 * Limits on what a scenario may ask of the engine, checked when it loads: a file that passes
 * them runs to its end in bounded time and memory. Every limit is documented in
 * docs/scenario-format.md ("Limits 限值"); the bundled scenarios stay well inside them.
 */
import type { FileIssue } from './errors.ts';
import type { ScenarioData } from './schema.ts';
import { gridSide } from '../world/grid.ts';

/** Longest duration of any kind (a scenario, a delay, a deadline): 30 days, in minutes. */
export const MAX_DURATION_MIN = 30 * 24 * 60;
/** Longest length (a grid's half width, a radius, a distance down a river): 1,000 km. */
export const MAX_LENGTH_M = 1_000_000;
/** Shortest step of the physics, typhoon and earthquake models: below it a run would take hours. */
export const MIN_TICK_MIN = 1;
/** Most population-grid cells (cols × rows): 500 × 500, a 50 km window at 100 m. */
export const MAX_GRID_CELLS = 250_000;
/**
 * Longest lists. Some checks compare pairs (rules that trigger rules) or walk chains (a seat's
 * parents), so a list of 100,000 entries in an 8 MiB file would take minutes to check.
 */
export const MAX_LIST = 10_000;
export const MAX_SEATS = 1_000;
export const MAX_RULES = 1_000;
/** Most districts (features) on a map. */
export const MAX_DISTRICTS = 5_000;
/**
 * Most plume samples a run may take: physics ticks (duration ÷ tick) × grid cells. A release
 * that never stops, sampled every minute for 30 days over 250,000 cells, took minutes; this
 * keeps the worst case to about half a minute. The bundled chemical scenario uses 2.2 million.
 */
export const MAX_PLUME_SAMPLES = 1e9;
/** Largest map, population or track file a scenario refers to, and largest event log. */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;


/** Bounds that depend on more than one field, or that must hold before the world is built. */
export function checkBounds(d: ScenarioData): FileIssue[] {
  const out: FileIssue[] = [];
  const g = d.map.grid;
  if (!(g.cellSize > 0)) out.push({ path: 'map.grid.cellSize', message: 'expected a cell size above 0 (e.g. 400m)' });
  if (!(g.halfWidth > 0)) out.push({ path: 'map.grid.halfWidth', message: 'expected a half width above 0 (e.g. 10km)' });
  if (g.cellSize > 0 && g.halfWidth > 0) {
    const n = gridSide(g.halfWidth, g.cellSize);
    if (n * n > MAX_GRID_CELLS)
      out.push({ path: 'map.grid', message: `asks for ${n} × ${n} = ${n * n} cells (halfWidth ${g.halfWidth} m, cellSize ${g.cellSize} m); expected at most ${MAX_GRID_CELLS} cells: make the cells larger or the window smaller` });
  }
  // Only a scenario with a release has a plume to sample.
  if (d.releases.length && g.cellSize > 0 && g.halfWidth > 0 && d.physics.tick >= MIN_TICK_MIN) {
    const n = gridSide(g.halfWidth, g.cellSize);
    const samples = Math.ceil(d.duration / d.physics.tick) * n * n;
    if (samples > MAX_PLUME_SAMPLES)
      out.push({ path: 'physics.tick', message: `${Math.ceil(d.duration / d.physics.tick)} physics ticks (duration ${d.duration} min ÷ tick ${d.physics.tick} min) × ${n * n} grid cells = ${samples.toExponential(2)} plume samples; expected at most ${MAX_PLUME_SAMPLES.toExponential(0)}: make the tick longer, the grid cells larger or the scenario shorter` });
  }
  const tick = (v: number, path: string) => {
    if (v < MIN_TICK_MIN) out.push({ path, message: `expected a tick of at least ${MIN_TICK_MIN} min, got ${v} min` });
  };
  tick(d.physics.tick, 'physics.tick');
  if (d.typhoon) tick(d.typhoon.tick, 'typhoon.tick');
  if (d.earthquake) {
    tick(d.earthquake.tick, 'earthquake.tick');
    const a = d.earthquake.aftershocks;
    // The largest aftershock is drawn below the mainshock (magnitude − 0.1).
    if (a.enabled && !(a.minMagnitude < d.earthquake.magnitude - 0.1))
      out.push({ path: 'earthquake.aftershocks.minMagnitude', message: `expected below the mainshock's magnitude − 0.1 (${(d.earthquake.magnitude - 0.1).toFixed(1)}), got ${a.minMagnitude}` });
  }
  return out;
}
