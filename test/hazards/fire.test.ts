import { describe, expect, it } from 'vitest';
import {
  escalationTimeToFailure,
  ignitionProbability,
  liquidIgnitionProbability,
  pointSourceHeatFlux,
} from '../../engine/hazards/fire.ts';

describe('ignitionProbability (Cox, Lees & Ang 1990, gas)', () => {
  it('bands', () => {
    expect(ignitionProbability(0.5)).toBe(0.01);
    expect(ignitionProbability(0.999)).toBe(0.01);
    expect(ignitionProbability(1)).toBe(0.07);
    expect(ignitionProbability(20)).toBe(0.07);
    expect(ignitionProbability(50)).toBe(0.07);
    expect(ignitionProbability(50.01)).toBe(0.3);
    expect(ignitionProbability(500)).toBe(0.3);
  });
  it('liquid bands', () => {
    expect(liquidIgnitionProbability(0.5)).toBe(0.01);
    expect(liquidIgnitionProbability(10)).toBe(0.03);
    expect(liquidIgnitionProbability(100)).toBe(0.08);
  });
  it('no release → 0; NaN rejected', () => {
    expect(ignitionProbability(0)).toBe(0);
    expect(ignitionProbability(-1)).toBe(0);
    expect(() => ignitionProbability(NaN)).toThrow(RangeError);
  });
});

describe('pointSourceHeatFlux', () => {
  const base = { burningRate: 1, heatOfCombustion: 46.35e6, distance: 20 };
  it('1 kg/s propane at 20 m', () => {
    // q = 0.35 · 1 · 46.35e6 / (4π · 20²) = 16.2225e6 / 5026.548 = 3227.36 W/m² = 3.22736 kW/m²
    expect(pointSourceHeatFlux(base)).toBeCloseTo(3.22736, 4);
  });
  it('with transmissivity 0.8', () => {
    // 0.8 · 3.227364 = 2.581891 kW/m²
    expect(pointSourceHeatFlux({ ...base, transmissivity: 0.8 })).toBeCloseTo(2.58189, 4);
  });
  it('inverse square and linear in f', () => {
    expect(pointSourceHeatFlux({ ...base, distance: 40 }) * 4).toBeCloseTo(pointSourceHeatFlux(base), 10);
    expect(pointSourceHeatFlux({ ...base, radiativeFraction: 0.175 }) * 2).toBeCloseTo(pointSourceHeatFlux(base), 10);
  });
  it('edge cases', () => {
    expect(pointSourceHeatFlux({ ...base, burningRate: 0 })).toBe(0);
    expect(pointSourceHeatFlux({ ...base, distance: 0 })).toBe(pointSourceHeatFlux({ ...base, distance: 1 }));
    expect(() => pointSourceHeatFlux({ ...base, distance: NaN })).toThrow(RangeError);
    expect(() => pointSourceHeatFlux({ ...base, radiativeFraction: 1.2 })).toThrow(RangeError);
  });
});

describe('escalationTimeToFailure (Cozzani, Gubinelli & Salzano 2006)', () => {
  it('atmospheric tank, 20 kW/m², 100 m³', () => {
    // ln ttf = −1.128 · ln 20 − 2.667e−5 · 100 + 9.877
    //        = −1.128 · 2.995732 − 0.002667 + 9.877 = 6.495147 → ttf = 661.92 s
    expect(escalationTimeToFailure(20, 100, 'atmospheric')).toBeCloseTo(661.92, 1);
  });
  it('atmospheric tank at the 15 kW/m² threshold', () => {
    // ln ttf = −1.128 · 2.708050 − 0.002667 + 9.877 = 6.819652 → 915.67 s
    expect(escalationTimeToFailure(15, 100, 'atmospheric')).toBeCloseTo(915.67, 1);
  });
  it('pressurised vessel, 50 kW/m², 100 m³', () => {
    // V^0.032 = 100^0.032 = 1.158777; ln ttf = −0.947 · 3.912023 + 8.835 · 1.158777
    //         = −3.704686 + 10.237798 = 6.533112 → ttf = 687.53 s
    expect(escalationTimeToFailure(50, 100, 'pressurized')).toBeCloseTo(687.53, 1);
  });
  it('pressurised vessel, 40 kW/m², 10 m³', () => {
    // 10^0.032 = 1.076465; ln ttf = −0.947 · 3.688879 + 8.835 · 1.076465 = 6.017201 → 410.43 s
    expect(escalationTimeToFailure(40, 10, 'pressurized')).toBeCloseTo(410.43, 1);
  });
  it('Infinity below thresholds; shorter with more flux', () => {
    expect(escalationTimeToFailure(14.99, 100, 'atmospheric')).toBe(Infinity);
    expect(escalationTimeToFailure(39.9, 100, 'pressurized')).toBe(Infinity);
    expect(escalationTimeToFailure(0, 100, 'pressurized')).toBe(Infinity);
    expect(escalationTimeToFailure(60, 100, 'atmospheric')).toBeLessThan(escalationTimeToFailure(30, 100, 'atmospheric'));
  });
  it('rejects NaN and non-positive volume', () => {
    expect(() => escalationTimeToFailure(NaN, 100, 'atmospheric')).toThrow(RangeError);
    expect(() => escalationTimeToFailure(50, 0, 'pressurized')).toThrow(RangeError);
  });
});
