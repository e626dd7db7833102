import { describe, expect, it } from 'vitest';
import { ACH_NORMAL, ACH_SHELTERED, indoorConcentrationStep, indoorDecay, indoorStepWithDecay } from '../../engine/hazards/indoor.ts';

describe('indoorConcentrationStep (single-zone mass balance)', () => {
  it('one air-change time at 1 ACH fills to 1 − e^{-1}', () => {
    // Cin = 100 · (1 − e^{−1}) = 100 · 0.6321206 = 63.21206
    expect(indoorConcentrationStep(0, 100, 1, 60)).toBeCloseTo(63.21206, 4);
  });
  it('sheltered house over one hour', () => {
    // λΔt = 0.3 · 1 h → Cin = 100 · (1 − e^{−0.3}) = 100 · 0.2591818 = 25.91818
    expect(indoorConcentrationStep(0, 100, ACH_SHELTERED, 60)).toBeCloseTo(25.91818, 4);
  });
  it('decays when the cloud has passed', () => {
    // Cin = 50 · e^{−1·30/60} = 50 · 0.6065307 = 30.32653
    expect(indoorConcentrationStep(50, 0, ACH_NORMAL, 30)).toBeCloseTo(30.32653, 4);
  });
  it('is exact: two half steps equal one full step', () => {
    const half = indoorConcentrationStep(indoorConcentrationStep(3, 40, 0.7, 7), 40, 0.7, 7);
    expect(half).toBeCloseTo(indoorConcentrationStep(3, 40, 0.7, 14), 12);
  });
  it('edge cases: dt = 0, ACH = 0 keep Cin; NaN / negative rejected', () => {
    expect(indoorConcentrationStep(12, 100, 1, 0)).toBe(12);
    expect(indoorConcentrationStep(12, 100, 0, 60)).toBe(12);
    expect(() => indoorConcentrationStep(NaN, 1, 1, 1)).toThrow(RangeError);
    expect(() => indoorConcentrationStep(0, NaN, 1, 1)).toThrow(RangeError);
    expect(() => indoorConcentrationStep(0, 1, -1, 1)).toThrow(RangeError);
    expect(() => indoorConcentrationStep(0, 1, 1, -1)).toThrow(RangeError);
  });
  it('constants', () => {
    expect(ACH_NORMAL).toBe(1.0);
    expect(ACH_SHELTERED).toBe(0.3);
  });
  it('the decay worked out once per step gives the same numbers as the checked step', () => {
    for (const [cin, cout, ach, dt] of [[0, 100, 1, 60], [50, 0, 0.3, 5], [3.7, 41.2, 0.7, 14], [12, 100, 0, 60]]) {
      expect(indoorStepWithDecay(cin, cout, indoorDecay(ach, dt))).toBe(indoorConcentrationStep(cin, cout, ach, dt));
    }
    // e^{−1·60/60} = 0.36787944
    expect(indoorDecay(1, 60)).toBeCloseTo(0.36787944, 8);
    expect(() => indoorDecay(-1, 5)).toThrow(RangeError);
  });
});
