import { describe, expect, it } from 'vitest';
import { caineThreshold, exceedsCaine, rainRateMmH, rcliperProfile, waterloggingDepthStep } from '../../../engine/hazards/typhoon/rain.ts';

describe('R-CLIPER rain rate', () => {
  it('hand-computed profile for Vmax = 45 m/s', () => {
    // 45 m/s = 87.474 kt; U = 1 + 52.474/33 = 2.59012
    // T0 = −1.1 + 3.96·2.59012 = 9.15688 in/day = 9.6911 mm/h; Tm = −1.6 + 4.8·2.59012 = 10.8326 in/day = 11.4645 mm/h
    // rm = 64 − 13·2.59012 = 30.328 km; re = 150 − 16·2.59012 = 108.558 km
    const p = rcliperProfile(45);
    expect(p.t0MmH).toBeCloseTo(9.6911, 3);
    expect(p.tmMmH).toBeCloseTo(11.4645, 3);
    expect(p.rmKm).toBeCloseTo(30.328, 2);
    expect(p.reKm).toBeCloseTo(108.558, 2);
    expect(rainRateMmH({ r: 0, vmaxMs: 45 })).toBeCloseTo(9.6911, 3);
    expect(rainRateMmH({ r: 30_328.8, vmaxMs: 45 })).toBeCloseTo(11.4645, 3);
    // 200 km: 11.4645·exp(−(200 − 30.328)/108.558) = 11.4645·0.20952 = 2.4020
    expect(rainRateMmH({ r: 200_000, vmaxMs: 45 })).toBeCloseTo(2.402, 2);
    expect(rainRateMmH({ r: 200_000, vmaxMs: 45, multiplier: 3 })).toBeCloseTo(7.206, 2);
  });
  it('never negative; stronger storms rain harder at the rain maximum', () => {
    expect(rainRateMmH({ r: 0, vmaxMs: 0 })).toBe(0);
    expect(rcliperProfile(60).tmMmH).toBeGreaterThan(rcliperProfile(30).tmMmH);
  });
});

describe('waterlogging bucket', () => {
  it('accumulates the excess over drainage and drains at capacity', () => {
    // (60 − 35) mm/h · 30 min = 12.5 mm
    expect(waterloggingDepthStep({ rainMmH: 60, drainageMmH: 35, storageMm: 0, dtMin: 30 })).toBeCloseTo(12.5, 12);
    // 12.5 − 35·10/60 = 6.6667
    expect(waterloggingDepthStep({ rainMmH: 0, drainageMmH: 35, storageMm: 12.5, dtMin: 10 })).toBeCloseTo(6.6667, 4);
    expect(waterloggingDepthStep({ rainMmH: 0, drainageMmH: 35, storageMm: 1, dtMin: 60 })).toBe(0);
    expect(() => waterloggingDepthStep({ rainMmH: -1, drainageMmH: 35, storageMm: 0, dtMin: 1 })).toThrow(RangeError);
  });
});

describe('Caine (1980) threshold I = 14.82 D^−0.39', () => {
  it('hand values', () => {
    expect(caineThreshold(1)).toBeCloseTo(14.82, 12);
    // 24 h: 14.82·e^(−0.39·ln 24) = 14.82·e^(−1.23944) = 14.82·0.289546 = 4.2911 mm/h
    expect(caineThreshold(24)).toBeCloseTo(4.2911, 3);
    // 0.5 h: 14.82·2^0.39 = 14.82·1.310393 = 19.4200
    expect(caineThreshold(0.5)).toBeCloseTo(19.42, 2);
    expect(exceedsCaine(5, 24)).toBe(true);
    expect(exceedsCaine(4, 24)).toBe(false);
    expect(() => caineThreshold(0)).toThrow(RangeError);
  });
});
