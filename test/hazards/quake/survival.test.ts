import { describe, expect, it } from 'vitest';
import {
  TANGSHAN_1976_SURVIVAL, deathFractionDuring, expectedDeathsRescuedAt, expectedDeathsRescuedBetween, survivalProbability,
} from '../../../engine/hazards/quake/survival.ts';

describe('survival of trapped people vs time to rescue', () => {
  it('reproduces the Tangshan 1976 rescue table within 0.04 at every point', () => {
    // 0.5 h 99.3 %, day 1 81.0 %, day 2 53.7 %, day 3 36.7 %, day 4 19.0 %, day 5 7.4 %
    for (const [t, s] of TANGSHAN_1976_SURVIVAL) {
      expect(Math.abs(survivalProbability(t) - s), `${t} h`).toBeLessThanOrEqual(0.04);
    }
  });

  it('hand value at 24 h and the shape of the golden 72 hours', () => {
    // (24/54.5)^1.14 = exp(1.14 · ln 0.440367) = exp(−0.934968) = 0.392603; S = e^−0.392603 = 0.675300
    expect(survivalProbability(24)).toBeCloseTo(0.6753, 4);
    expect(survivalProbability(0)).toBe(1);
    expect(survivalProbability(72)).toBeLessThan(0.3);
    expect(survivalProbability(72)).toBeGreaterThan(0.2);
    expect(survivalProbability(240)).toBeLessThan(0.01);
  });

  it('faster rescue, fewer deaths', () => {
    // 100 trapped alive, all extricated at 24 h: 100 · (1 − 0.6753) = 32.47
    expect(expectedDeathsRescuedAt(100, 24)).toBeCloseTo(32.47, 2);
    expect(expectedDeathsRescuedAt(100, 6)).toBeLessThan(expectedDeathsRescuedAt(100, 24));
    expect(expectedDeathsRescuedBetween(100, 0, 24)).toBeLessThan(expectedDeathsRescuedBetween(100, 24, 48));
  });

  it('steady rescue over an interval: Simpson mean against a fine trapezoid sum', () => {
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i <= n; i++) sum += (i === 0 || i === n ? 0.5 : 1) * survivalProbability((72 * i) / n);
    const meanS = sum / n;
    // S′ is singular at t = 0 (shape 1.14), so both rules carry ~1e-4 error here; the fit's own is 4e-2
    expect(expectedDeathsRescuedBetween(100, 0, 72)).toBeCloseTo(100 * (1 - meanS), 2);
    expect(expectedDeathsRescuedBetween(50, 10, 10)).toBeCloseTo(expectedDeathsRescuedAt(50, 10), 12);
    expect(() => expectedDeathsRescuedBetween(10, 5, 4)).toThrow(RangeError);
  });

  it('tick-by-tick hazard compounds to the survival curve', () => {
    let alive = 1;
    for (let t = 0; t < 72; t += 0.5) alive *= 1 - deathFractionDuring(t, 0.5);
    expect(alive).toBeCloseTo(survivalProbability(72), 10);
    expect(() => survivalProbability(-1)).toThrow(RangeError);
  });
});
