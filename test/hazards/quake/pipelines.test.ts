import { describe, expect, it } from 'vitest';
import {
  SHAKING_LEAK_SHARE, alaRepairRatePerKm, hazusRepairRatePerKm, probabilityNoRepair,
} from '../../../engine/hazards/quake/pipelines.ts';

describe('buried pipeline repair rates vs PGV', () => {
  it('ALA (2001): 0.00187 per 1000 ft per in/s, converted to per km per cm/s', () => {
    // PGV 50 cm/s = 19.685 in/s → 0.00187 · 19.685 = 0.036811 repairs/1000 ft; × 3.28084 = 0.120771 /km
    expect(alaRepairRatePerKm(50)).toBeCloseTo(0.120771, 5);
    // K1 = 0.5 (e.g. ductile iron, rubber gasket) halves it
    expect(alaRepairRatePerKm(50, 0.5)).toBeCloseTo(0.0603855, 6);
    expect(alaRepairRatePerKm(0)).toBe(0);
    expect(() => alaRepairRatePerKm(-1)).toThrow(RangeError);
  });

  it('HAZUS (O\'Rourke & Ayala 1993): 0.0001 PGV^2.25 per km, ductile × 0.3', () => {
    // 50^2.25 = e^(2.25 · 3.912023) = e^8.802052 = 6647.87 → 0.664787 /km
    expect(hazusRepairRatePerKm(50)).toBeCloseTo(0.664787, 5);
    expect(hazusRepairRatePerKm(50, true)).toBeCloseTo(0.199436, 5);
    expect(SHAKING_LEAK_SHARE).toBe(0.8);
  });

  it('Poisson segment: 10 km at 0.12 repairs/km has e^−1.2 = 0.301194 chance of no repair', () => {
    expect(probabilityNoRepair(0.12, 10)).toBeCloseTo(0.301194, 6);
  });
});
