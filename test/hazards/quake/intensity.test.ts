import { describe, expect, it } from 'vitest';
import {
  EAST_CHINA_GB18306, HAICHENG_1975, axisIntensity, axisRadiusKm, ellipticalIntensity, epicentralIntensity, intensityAt,
  isoseismalAreaKm2, isoseismalAxesKm,
} from '../../../engine/hazards/quake/intensity.ts';

const E = EAST_CHINA_GB18306;

/** The continuous intensity whose isoseismal encloses `areaKm2` (bisection on the monotone area). */
function intensityEnclosing(m: number, areaKm2: number): number {
  let lo = 0;
  let hi = epicentralIntensity(m);
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (isoseismalAreaKm2(m, mid) > areaKm2) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('elliptical intensity attenuation, GB 18306-2015 eastern China', () => {
  it('axis relations by hand', () => {
    // long: 5.7123 + 1.3626·7.3 − 4.2903·lg(50 + 25) = 15.65928 − 4.2903·1.875061 = 7.61470
    expect(axisIntensity(7.3, 50, E.long)).toBeCloseTo(7.6147, 4);
    // short: 3.6588 + 9.94698 − 3.5406·lg(63) = 13.60578 − 3.5406·1.799341 = 7.23503
    expect(axisIntensity(7.3, 50, E.short)).toBeCloseTo(7.23503, 4);
    // inverse: R_a(7) = 10^((15.65928 − 7)/4.2903) − 25 = 10^2.018340 − 25 = 104.312 − 25 = 79.31 km
    expect(axisRadiusKm(7.3, 7, E.long)).toBeCloseTo(79.31, 1);
    expect(axisRadiusKm(7.3, 12, E.long)).toBe(0);
  });

  it('the two axes give the same epicentral intensity (a check on the transcribed coefficients)', () => {
    for (const m of [5, 6.5, 7.3, 8]) {
      expect(axisIntensity(m, 0, E.long)).toBeCloseTo(axisIntensity(m, 0, E.short), 3);
    }
    // Ms 7.3: 15.65928 − 4.2903·lg 25 = 15.65928 − 5.99758 = 9.6617
    expect(epicentralIntensity(7.3)).toBeCloseTo(9.6617, 3);
  });

  it('the ellipse reproduces the long axis at θ = 0° and 180°, the short axis at 90°', () => {
    expect(ellipticalIntensity(7.3, 50, 0)).toBeCloseTo(7.6147, 5);
    expect(ellipticalIntensity(7.3, 50, 180)).toBeCloseTo(7.6147, 5);
    expect(ellipticalIntensity(7.3, 50, 90)).toBeCloseTo(7.23503, 5);
    const mid = ellipticalIntensity(7.3, 50, 45);
    expect(mid).toBeGreaterThan(7.23503);
    expect(mid).toBeLessThan(7.6147);
    // the point lies on the ellipse of its own intensity
    const { longKm, shortKm } = isoseismalAxesKm(7.3, mid);
    const x = 50 * Math.cos(Math.PI / 4);
    expect((x / longKm) ** 2 + (x / shortKm) ** 2).toBeCloseTo(1, 6);
  });

  it('falls with distance and rejects bad input', () => {
    let prev = Infinity;
    for (const r of [0, 5, 20, 80, 200, 600]) {
      const i = ellipticalIntensity(6.5, r, 30);
      expect(i).toBeLessThan(prev);
      prev = i;
    }
    expect(ellipticalIntensity(4, 3000, 0)).toBe(0);
    expect(() => ellipticalIntensity(NaN, 10, 0)).toThrow(RangeError);
    expect(() => ellipticalIntensity(7, -1, 0)).toThrow(RangeError);
  });

  it('Haicheng 1975 Ms 7.3: observed intensities within one degree', () => {
    // Observed (HAICHENG_1975, sources in the constant): epicentral IX; areas inside the IX, VIII,
    // VII isoseismals 760, 1685 (or 760 + 1685 if a zone area) and 9200 (or 11 645) km²;
    // Shenyang VI, Beijing IV. The model intensity on an ellipse of the observed area, and at
    // the two city centres, must lie within one degree of the observed degree.
    const m = HAICHENG_1975.magnitudeMs;
    expect(Math.abs(epicentralIntensity(m) - 9)).toBeLessThanOrEqual(1); // 9.66
    const a = HAICHENG_1975.isoseismalAreasKm2;
    expect(Math.abs(intensityEnclosing(m, a[9]!) - 9)).toBeLessThanOrEqual(1); // 8.61
    expect(Math.abs(intensityEnclosing(m, a[8]!) - 8)).toBeLessThanOrEqual(1); // 8.27
    expect(Math.abs(intensityEnclosing(m, a[9]! + a[8]!) - 8)).toBeLessThanOrEqual(1); // 8.08
    expect(Math.abs(intensityEnclosing(m, a[7]!) - 7)).toBeLessThanOrEqual(1); // 7.32
    expect(Math.abs(intensityEnclosing(m, a[9]! + a[8]! + a[7]!) - 7)).toBeLessThanOrEqual(1); // 7.17
    const src = { magnitude: m, epicentre: HAICHENG_1975.epicentre, longAxisAzimuthDeg: HAICHENG_1975.longAxisAzimuthDeg };
    for (const c of HAICHENG_1975.cities) {
      expect(Math.abs(intensityAt(src, c.at) - c.degree), c.name).toBeLessThanOrEqual(1); // 5.95, 3.82
    }
  });

  it('intensityAt: 0° and 180° of the long-axis azimuth are the same axis', () => {
    const src = { magnitude: 6.5, epicentre: [123.4, 41.8] as const, longAxisAzimuthDeg: 45 };
    const ne = intensityAt(src, [123.8, 42.1]);
    const flipped = intensityAt({ ...src, longAxisAzimuthDeg: 225 }, [123.8, 42.1]);
    expect(flipped).toBeCloseTo(ne, 9);
    expect(intensityAt(src, src.epicentre)).toBeCloseTo(epicentralIntensity(6.5), 9);
    expect(() => intensityAt({ ...src, longAxisAzimuthDeg: NaN }, [123.8, 42.1])).toThrow(RangeError);
  });
});
