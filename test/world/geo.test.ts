import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  asMultiPolygon,
  bearingDegrees,
  haversineMeters,
  localProjection,
  pointInMultiPolygon,
  pointInPolygon,
  pointInRing,
  type DistrictFeatureCollection,
  type LonLat,
} from '../../engine/world/index.ts';

// R·π/180 with R = 6371008.8 m: length of one degree of a great circle.
const M_PER_DEG = 111195.0802335;

describe('haversineMeters', () => {
  it('gives one degree of arc along a meridian and along the equator', () => {
    expect(haversineMeters([123, 41], [123, 42])).toBeCloseTo(M_PER_DEG, 2);
    expect(haversineMeters([0, 0], [1, 0])).toBeCloseTo(M_PER_DEG, 2);
  });

  it('is shorter than the parallel between two points on 60° N (great circle cuts north)', () => {
    // Δφ = 0 ⇒ h = cos²φ·sin²(Δλ/2) ⇒ d = 2R·asin(cos 60°·sin 0.5°) = 55 597.011 m,
    // against R·cos 60°·Δλ = 55 597.540 m along the parallel.
    const d = haversineMeters([10, 60], [11, 60]);
    expect(d).toBeCloseTo(55597.011, 2);
    expect(d).toBeLessThan(55597.54);
  });

  it('is symmetric and zero for identical points', () => {
    const a: LonLat = [123.43, 41.8];
    const b: LonLat = [123.6, 41.95];
    expect(haversineMeters(a, b)).toBe(haversineMeters(b, a));
    expect(haversineMeters(a, a)).toBe(0);
  });
});

describe('localProjection', () => {
  const origin: LonLat = [123.43, 41.8];
  const proj = localProjection(origin);

  it('maps the origin to (0, 0) and uses R·Δφ north, R·Δλ·cos φ0 east', () => {
    expect(proj.toXY(origin)).toEqual([0, 0]);
    const [x1, y1] = proj.toXY([123.43, 41.81]);
    expect(x1).toBeCloseTo(0, 9);
    expect(y1).toBeCloseTo(1111.9508, 3); // 0.01° × 111 195.08 m
    const [x2, y2] = proj.toXY([123.44, 41.8]);
    expect(x2).toBeCloseTo(828.9326, 3); // 1111.9508 × cos 41.8° (0.745476)
    expect(y2).toBeCloseTo(0, 9);
  });

  it('round-trips lon/lat → xy → lon/lat', () => {
    const p: LonLat = [123.2, 41.65];
    const back = proj.toLonLat(proj.toXY(p));
    expect(back[0]).toBeCloseTo(p[0], 12);
    expect(back[1]).toBeCloseTo(p[1], 12);
  });

  it('matches haversine distance from the origin within 1% out to 50 km, 0.3% within 12 km', () => {
    let worst50 = 0;
    let worst12 = 0;
    for (let dx = -50_000; dx <= 50_000; dx += 5_000) {
      for (let dy = -50_000; dy <= 50_000; dy += 5_000) {
        const r = Math.hypot(dx, dy);
        if (r === 0 || r > 50_000) continue;
        const p = proj.toLonLat([dx, dy]);
        const err = Math.abs(r - haversineMeters(origin, p)) / haversineMeters(origin, p);
        worst50 = Math.max(worst50, err);
        if (r <= 12_000) worst12 = Math.max(worst12, err);
      }
    }
    expect(worst50).toBeLessThan(0.01);
    expect(worst12).toBeLessThan(0.003);
  });

  it('matches haversine between two off-origin points inside a 24 km window', () => {
    const a = proj.toLonLat([-12_000, 12_000]);
    const b = proj.toLonLat([12_000, -12_000]);
    const planar = Math.hypot(24_000, 24_000);
    expect(Math.abs(planar - haversineMeters(a, b)) / planar).toBeLessThan(0.002);
  });
});

describe('bearingDegrees', () => {
  it('gives the four cardinal directions', () => {
    expect(bearingDegrees([0, 0], [0, 1])).toBeCloseTo(0, 9);
    expect(bearingDegrees([0, 0], [1, 0])).toBeCloseTo(90, 9);
    expect(bearingDegrees([0, 1], [0, 0])).toBeCloseTo(180, 9);
    expect(bearingDegrees([1, 0], [0, 0])).toBeCloseTo(270, 9);
  });

  it('gives 45° towards equal small steps north and east at the equator', () => {
    expect(bearingDegrees([0, 0], [0.001, 0.001])).toBeCloseTo(45, 3);
  });

  it('heads slightly north of east along a parallel in the northern hemisphere', () => {
    // y = sin Δλ·cos φ2 = sin 10°·cos 60° = 0.086824
    // x = cos φ1·sin φ2 − sin φ1·cos φ2·cos Δλ = 0.433013·(1 − cos 10°) = 0.006578
    // atan2(0.086824, 0.006578) = 85.667°
    expect(bearingDegrees([0, 60], [10, 60])).toBeCloseTo(85.667, 2);
  });
});

describe('point in polygon', () => {
  // 10 × 10 square with a 2 × 2 hole in the middle; exterior clockwise like the Shenyang file.
  const outer: LonLat[] = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]];
  const hole: LonLat[] = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
  const square = [outer, hole];

  it('pointInRing works for closed and open rings of either winding', () => {
    expect(pointInRing([5, 5], outer)).toBe(true);
    expect(pointInRing([5, 5], outer.slice(0, 4))).toBe(true); // open ring
    expect(pointInRing([5, 5], [...outer].reverse())).toBe(true);
    expect(pointInRing([11, 5], outer)).toBe(false);
    expect(pointInRing([-0.001, 5], outer)).toBe(false);
  });

  it('excludes the hole and keeps the rest', () => {
    expect(pointInPolygon([2, 2], square)).toBe(true);
    expect(pointInPolygon([5, 5], square)).toBe(false); // in the hole
    expect(pointInPolygon([6.5, 5], square)).toBe(true); // just east of the hole
    expect(pointInPolygon([10.5, 5], square)).toBe(false);
  });

  it('counts a ray that runs through hole vertices and along a hole edge correctly', () => {
    // The eastward ray from (2, 4) meets the hole's vertices (4,4), (6,4) and runs along its bottom
    // edge; the half-open rule must count the hole's two vertical edges once each (even ⇒ outside the hole).
    expect(pointInPolygon([2, 4], square)).toBe(true);
    expect(pointInPolygon([8, 4], square)).toBe(true);
    expect(pointInPolygon([5, 4.5], square)).toBe(false);
  });

  it('pointInMultiPolygon tests every part', () => {
    const far: LonLat[][] = [[[20, 0], [20, 1], [21, 1], [21, 0], [20, 0]]];
    const mp = [square, far];
    expect(pointInMultiPolygon([20.5, 0.5], mp)).toBe(true);
    expect(pointInMultiPolygon([2, 2], mp)).toBe(true);
    expect(pointInMultiPolygon([5, 5], mp)).toBe(false);
    expect(pointInMultiPolygon([15, 0.5], mp)).toBe(false);
  });
});

describe('asMultiPolygon', () => {
  it('wraps a Polygon, passes a MultiPolygon through, drops altitude', () => {
    const ring = [[0, 0, 5], [0, 1, 5], [1, 1, 5], [0, 0, 5]];
    expect(asMultiPolygon({ type: 'Polygon', coordinates: [ring] })).toEqual([[[[0, 0], [0, 1], [1, 1], [0, 0]]]]);
    expect(asMultiPolygon({ type: 'MultiPolygon', coordinates: [[ring], [ring]] })).toHaveLength(2);
  });

  it('rejects other geometry types and malformed coordinates', () => {
    expect(() => asMultiPolygon({ type: 'Point', coordinates: [0, 0] } as never)).toThrow(TypeError);
    expect(() => asMultiPolygon({ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] })).toThrow(TypeError);
    expect(() => asMultiPolygon({ type: 'Polygon', coordinates: [[[0, 0], [1, 'x'], [1, 1]]] })).toThrow(TypeError);
  });
});

describe('real map: scenarios/maps/shenyang-districts.geojson', () => {
  const fc = JSON.parse(
    readFileSync(new URL('../../scenarios/maps/shenyang-districts.geojson', import.meta.url), 'utf8'),
  ) as DistrictFeatureCollection;

  it('has the 13 county-level units', () => {
    expect(fc.features).toHaveLength(13);
  });

  it('puts central 沈河区 (123.46 E, 41.80 N) in adcode 210103 and in no other unit', () => {
    const p: LonLat = [123.46, 41.8];
    const hits = fc.features.filter((f) => pointInMultiPolygon(p, asMultiPolygon(f.geometry)));
    expect(hits.map((f) => f.properties.adcode)).toEqual([210103]);
    expect(hits[0].properties.name_zh).toBe('沈河区');
  });

  it('puts a point well outside the city (Beijing, 116.40 E, 39.90 N) in no unit', () => {
    const p: LonLat = [116.4, 39.9];
    expect(fc.features.some((f) => pointInMultiPolygon(p, asMultiPolygon(f.geometry)))).toBe(false);
  });
});
