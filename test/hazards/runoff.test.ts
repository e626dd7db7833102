import { describe, expect, it } from 'vitest';
import { intakeConcentrationMgL, riverTravelMinutes } from '../../engine/hazards/runoff.ts';

describe('riverTravelMinutes', () => {
  it('10 km at 0.5 m/s', () => {
    // 10 000 / 0.5 / 60 = 333.333 min
    expect(riverTravelMinutes(10_000, 0.5)).toBeCloseTo(333.333, 3);
  });
  it('edge cases', () => {
    expect(riverTravelMinutes(0, 1)).toBe(0);
    expect(riverTravelMinutes(-5, 1)).toBe(0);
    expect(riverTravelMinutes(1000, 0)).toBe(Infinity);
    expect(() => riverTravelMinutes(NaN, 1)).toThrow(RangeError);
    expect(() => riverTravelMinutes(100, NaN)).toThrow(RangeError);
  });
});

describe('intakeConcentrationMgL (c = W/Q)', () => {
  it('1 t over 1 h into 100 m³/s', () => {
    // W = 1000 kg / 3600 s = 0.27778 kg/s = 2.7778e5 mg/s; Q = 1e5 L/s → 2.7778 mg/L
    expect(intakeConcentrationMgL({ pollutantMassKg: 1000, riverFlowM3s: 100, releaseDurationS: 3600 })).toBeCloseTo(2.7778, 4);
  });
  it('50 kg over 10 min into 20 m³/s', () => {
    // 1000 · 50 / (20 · 600) = 4.16667 mg/L
    expect(intakeConcentrationMgL({ pollutantMassKg: 50, riverFlowM3s: 20, releaseDurationS: 600 })).toBeCloseTo(4.16667, 4);
  });
  it('edge cases', () => {
    expect(intakeConcentrationMgL({ pollutantMassKg: 0, riverFlowM3s: 20, releaseDurationS: 600 })).toBe(0);
    expect(() => intakeConcentrationMgL({ pollutantMassKg: 1, riverFlowM3s: 0, releaseDurationS: 600 })).toThrow(RangeError);
    expect(() => intakeConcentrationMgL({ pollutantMassKg: 1, riverFlowM3s: 10, releaseDurationS: 0 })).toThrow(RangeError);
    expect(() => intakeConcentrationMgL({ pollutantMassKg: NaN, riverFlowM3s: 10, releaseDurationS: 5 })).toThrow(RangeError);
  });
});
