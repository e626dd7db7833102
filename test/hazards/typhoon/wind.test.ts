import { describe, expect, it } from 'vitest';
import {
  beaufort, cmaGrade, gustFactor, inflowAngleDeg, surfaceReductionFactorSea, surfaceWind, windAtPoint,
} from '../../../engine/hazards/typhoon/wind.ts';
import type { TrackFix } from '../../../engine/hazards/typhoon/track.ts';

describe('surface reduction and gusts', () => {
  it('Knaff et al. (2011) factor: 0.90 ≤ 100 km, linear to 0.75 at 700 km', () => {
    expect(surfaceReductionFactorSea(50)).toBe(0.9);
    expect(surfaceReductionFactorSea(400)).toBeCloseTo(0.825, 12); // 0.9 − 0.15·300/600
    expect(surfaceReductionFactorSea(900)).toBe(0.75);
    expect(surfaceWind({ gradient: 40, overLand: false })).toBeCloseTo(36, 12);
    expect(surfaceWind({ gradient: 40, overLand: true })).toBeCloseTo(28.8, 12); // 40·0.9·0.8
  });
  it('WMO (Harper et al. 2010) gust factors for a 2-min mean', () => {
    expect(gustFactor()).toBe(1.55);
    expect(gustFactor('off-sea')).toBe(1.28);
    expect(gustFactor('at-sea', 600)).toBe(1.23);
    expect(() => gustFactor('in-land', 90)).toThrow(RangeError);
  });
  it('inflow angle after Sobey et al. (1977)', () => {
    expect(inflowAngleDeg(10, 20)).toBe(10);
    expect(inflowAngleDeg(22, 20)).toBeCloseTo(17.5, 12); // 10 + 75·0.1
    expect(inflowAngleDeg(100, 20)).toBe(25);
  });
});

describe('windAtPoint', () => {
  // Pc 960 hPa, Pn 1010 → ΔP 5000 Pa; Vmax 45 → gradient 50 m/s → B = 1.15·e·2500/5000 = 1.563012.
  const fix: TrackFix = { tMin: 0, lat: 30, lon: 125, pressureHpa: 960, vmaxMs: 45, grade: 'STY' };

  it('stationary storm, point 0.72° due north over sea: hand-computed speed and ENE direction', () => {
    // r = 0.72·111 194.9 m = 80 060.3 m; x = (40 000/80 060.3)^1.563012 = 0.338050; e^−x = 0.713149
    // (B/ρ)·x·ΔP·e^−x = 1.359141·0.338050·5000·0.713149 = 1638.31; r f/2 = 2.91904
    // Vg = √(1638.31 + 8.5208) − 2.91904 = 37.6621; V10 = 0.9·Vg = 33.896 (r < 100 km)
    // direction: tangent to = 0° − 90° − 25° inflow = 245° → from 65°
    const w = windAtPoint({ fix, point: [125, 30.72], overLand: false, rmaxKm: 40 });
    expect(w.b).toBeCloseTo(1.563012, 6);
    expect(w.sustainedMs).toBeCloseTo(33.896, 2);
    expect(w.directionDeg).toBeCloseTo(65, 6);
    expect(w.gustMs).toBeCloseTo(33.896 * 1.28, 2); // off-sea over water
    const land = windAtPoint({ fix, point: [125, 30.72], overLand: true, rmaxKm: 40 });
    expect(land.sustainedMs).toBeCloseTo(33.896 * 0.8, 2);
    expect(land.gustMs).toBeCloseTo(33.896 * 0.8 * 1.55, 2);
  });

  it('right of track is stronger by ≈ 2·0.55·Vt·cos 5° (Lin & Chavas 2012 background)', () => {
    // Moving north at 10 m/s; ~0.96 km... point 1° east (right) vs 1° west (left), over sea.
    // Background 5.5 m/s towards 340°; vortex flow towards ≈335° (right) and ≈155° (left):
    // |V ± B| ≈ V ± 5.5 cos 5° → difference ≈ 10.958 m/s.
    const motion = { speedMs: 10, headingDeg: 0 };
    const right = windAtPoint({ fix, motion, point: [126, 30], overLand: false, rmaxKm: 40 });
    const left = windAtPoint({ fix, motion, point: [124, 30], overLand: false, rmaxKm: 40 });
    expect(right.sustainedMs - left.sustainedMs).toBeCloseTo(10.958, 1);
    // east of centre the wind blows from the south-south-east, west of it from the north-north-west
    expect(right.directionDeg).toBeGreaterThan(140);
    expect(right.directionDeg).toBeLessThan(170);
    expect(left.directionDeg).toBeGreaterThan(320);
    expect(left.directionDeg).toBeLessThan(350);
  });

  it('calm eye, decay far away, weak decaying low keeps finite winds', () => {
    const eye = windAtPoint({ fix, point: [125, 30], overLand: false, rmaxKm: 40 });
    expect(eye.sustainedMs).toBe(0);
    const far = windAtPoint({ fix, point: [125, 40], overLand: false, rmaxKm: 40 });
    expect(far.sustainedMs).toBeLessThan(10);
    const low = windAtPoint({ fix: { ...fix, pressureHpa: 1012, vmaxMs: 10 }, point: [125, 30.5] });
    expect(Number.isFinite(low.sustainedMs)).toBe(true);
    expect(() => windAtPoint({ fix: { ...fix, lat: -10 }, point: [125, -9] })).toThrow(RangeError);
  });
});

describe('Beaufort force (GB/T 28591-2012) and CMA grade (GB/T 19201-2006)', () => {
  it.each([
    [0, 0], [0.2, 0], [0.3, 1], [10.79, 6], [13.84, 6], [13.85, 7], [17.2, 8], [24.4, 9], [24.5, 10],
    [32.6, 11], [32.7, 12], [41.4, 13], [46.1, 14], [50.9, 15], [56.0, 16], [56.1, 17], [80, 17],
  ])('%f m/s → force %i', (v, f) => {
    expect(beaufort(v)).toBe(f);
  });
  it.each([
    [10.7, null], [10.8, 'TD'], [17.1, 'TD'], [17.2, 'TS'], [24.4, 'TS'], [24.5, 'STS'], [32.6, 'STS'],
    [32.7, 'TY'], [41.4, 'TY'], [41.5, 'STY'], [50.9, 'STY'], [51.0, 'SuperTY'],
  ])('%f m/s → %s', (v, g) => {
    expect(cmaGrade(v)).toBe(g);
  });
  it('rejects negative speeds', () => {
    expect(() => beaufort(-1)).toThrow(RangeError);
  });
});
