/**
 * Where a district's people are: the population-weighted centre of its grid cells (a district
 * outside the grid window falls back to the mean of its outer ring). Hazards that act per
 * district (typhoon wind and rain, earthquake shaking) are sampled here.
 */
import type { World } from './build.ts';

const cache = new WeakMap<World, Map<string, [number, number]>>();

export function districtCentroids(world: World): Map<string, [number, number]> {
  let out = cache.get(world);
  if (out) return out;
  const acc = new Map<string, [number, number, number]>();
  for (const c of world.grid.cells) {
    const a = acc.get(c.district) ?? [0, 0, 0];
    const w = Math.max(c.population, 1);
    a[0] += c.lon * w; a[1] += c.lat * w; a[2] += w;
    acc.set(c.district, a);
  }
  out = new Map();
  for (const d of world.districts) {
    const a = acc.get(d.id);
    if (a) out.set(d.id, [a[0] / a[2], a[1] / a[2]]);
    else {
      const ring = d.geometry[0][0];
      out.set(d.id, [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length]);
    }
  }
  cache.set(world, out);
  return out;
}
