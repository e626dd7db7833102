import { describe, expect, it } from 'vitest';
import {
  clampHollandB, coriolis, hollandB, hollandBFromVmax, hollandGradientWind, hollandPressure, hollandVmax, rmaxVickeryWadhera,
} from '../../../engine/hazards/typhoon/holland.ts';

describe('Holland (1980) gradient wind', () => {
  it('hand-computed value at r = 2 Rmax', () => {
    // Rmax 40 km, r 80 km, B 1.5, ΔP 5000 Pa, φ 30°, ρ 1.15:
    // (Rmax/r)^B = 0.5^1.5 = 0.353553; e^−0.353553 = 0.702189
    // (B/ρ)·0.353553·5000·0.702189 = 1.304348·0.353553·5000·0.702189 = 1619.09
    // f = 2·7.2921e-5·sin30° = 7.2921e-5; r f/2 = 2.91684; (r f/2)² = 8.50796
    // V = √(1627.60) − 2.91684 = 40.3435 − 2.9168 = 37.4267 m/s
    expect(hollandGradientWind({ r: 80_000, rmax: 40_000, b: 1.5, deltaPPa: 5000, lat: 30 })).toBeCloseTo(37.4267, 3);
  });

  it('at the equator the maximum is at Rmax and equals √(BΔP/(ρe))', () => {
    const p = { rmax: 30_000, b: 1.3, deltaPPa: 6000, lat: 0 };
    const vm = hollandVmax(1.3, 6000); // √(1.3·6000/(1.15·2.718282)) = √2495.1 = 49.951
    expect(vm).toBeCloseTo(49.951, 2);
    expect(hollandGradientWind({ ...p, r: 30_000 })).toBeCloseTo(vm, 10);
    expect(hollandGradientWind({ ...p, r: 27_000 })).toBeLessThan(vm);
    expect(hollandGradientWind({ ...p, r: 33_000 })).toBeLessThan(vm);
  });

  it('zero at the centre and for ΔP ≤ 0; rejects bad input', () => {
    expect(hollandGradientWind({ r: 0, rmax: 1, b: 1, deltaPPa: 1000, lat: 20 })).toBe(0);
    expect(hollandGradientWind({ r: 1000, rmax: 1, b: 1, deltaPPa: 0, lat: 20 })).toBe(0);
    expect(() => hollandGradientWind({ r: NaN, rmax: 1, b: 1, deltaPPa: 1000, lat: 20 })).toThrow(RangeError);
    expect(() => hollandGradientWind({ r: 1, rmax: 0, b: 1, deltaPPa: 1000, lat: 20 })).toThrow(RangeError);
  });

  it('pressure profile: Pc at the centre, Pc + ΔP/e at Rmax, → Pn far away', () => {
    const q = { rmax: 40_000, b: 1.5, centralPa: 95_000, deltaPPa: 6000 };
    expect(hollandPressure({ ...q, r: 0 })).toBe(95_000);
    expect(hollandPressure({ ...q, r: 40_000 })).toBeCloseTo(95_000 + 6000 / Math.E, 8); // 97 207.28
    expect(hollandPressure({ ...q, r: 4e7 })).toBeCloseTo(101_000, 0);
  });

  it('B from Vmax inverts the Vmax relation', () => {
    // B = ρ e V²/ΔP = 1.15·2.718282·50²/5000 = 1.563012
    expect(hollandBFromVmax(50, 5000)).toBeCloseTo(1.563012, 6);
    expect(hollandVmax(hollandBFromVmax(42, 7000), 7000)).toBeCloseTo(42, 10);
    expect(() => hollandBFromVmax(40, 0)).toThrow(RangeError);
  });
});

describe('Rmax and B regressions', () => {
  it('Vickery & Wadhera (2008): ΔP 50 hPa at 30°N', () => {
    // ln R = 3.015 − 6.291e-5·2500 + 0.0337·30 = 3.015 − 0.157275 + 1.011 = 3.868725 → R = 47.881 km
    expect(rmaxVickeryWadhera(50, 30)).toBeCloseTo(47.881, 2);
    expect(rmaxVickeryWadhera(90, 20)).toBeLessThan(rmaxVickeryWadhera(30, 20)); // stronger → smaller
  });
  it('Powell et al. (2005) B: Rmax 40 km at 30°N', () => {
    // 1.881093 − 0.010917·30 − 0.005567·40 = 1.881093 − 0.32751 − 0.22268 = 1.330903
    expect(hollandB(40, 30)).toBeCloseTo(1.330903, 6);
    expect(clampHollandB(3)).toBe(2.5);
    expect(clampHollandB(0.2)).toBe(0.5);
    expect(clampHollandB(1.2)).toBe(1.2);
  });
  it('Coriolis parameter', () => {
    expect(coriolis(30)).toBeCloseTo(7.2921e-5, 12);
    expect(coriolis(-30)).toBeCloseTo(7.2921e-5, 12);
    expect(coriolis(0)).toBe(0);
  });
});
