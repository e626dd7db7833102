import { describe, expect, it } from 'vitest';
import { SUBSTANCES, aeglPpm, toxicLethality, toxicLoadIncrement, toxicLoadPower } from '../../engine/hazards/substances.ts';

const { chlorine, ammonia, lpg } = SUBSTANCES;

describe('SUBSTANCES data', () => {
  it('chlorine AEGLs (US EPA / NRC 2004)', () => {
    expect(chlorine.aegl[1]).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(chlorine.aegl[2]).toEqual([2.8, 2.8, 2.0, 1.0, 0.71]);
    expect(chlorine.aegl[3]).toEqual([50, 28, 20, 10, 7.1]);
    expect(chlorine.probit).toEqual({ k1: -8.29, k2: 0.92, n: 2 });
  });
  it('ammonia AEGLs (US EPA / NRC 2008)', () => {
    expect(ammonia.aegl[1]).toEqual([30, 30, 30, 30, 30]);
    expect(ammonia.aegl[2]).toEqual([220, 220, 160, 110, 110]);
    expect(ammonia.aegl[3]).toEqual([2700, 1600, 1100, 550, 390]);
    expect(ammonia.probit).toEqual({ k1: -35.9, k2: 1.85, n: 2 });
  });
  it('LPG is flammable, no AEGL, no probit', () => {
    expect(lpg.flammable?.heatOfCombustion).toBe(46.35e6);
    expect(lpg.aegl[2]).toEqual([]);
    expect(lpg.probit).toBeUndefined();
  });
  it('AEGLs do not increase with duration and levels are ordered', () => {
    for (const s of [chlorine, ammonia]) {
      for (const lvl of [1, 2, 3] as const) {
        const v = s.aegl[lvl];
        expect(v).toHaveLength(5);
        for (let i = 1; i < v.length; i++) expect(v[i]).toBeLessThanOrEqual(v[i - 1]);
      }
      for (let i = 0; i < 5; i++) {
        expect(s.aegl[1][i]).toBeLessThan(s.aegl[2][i]);
        expect(s.aegl[2][i]).toBeLessThan(s.aegl[3][i]);
      }
    }
  });
});

describe('aeglPpm (smallest tabulated duration >= exposure, capped at 8 h)', () => {
  it('picks the next longer tabulated duration', () => {
    expect(aeglPpm(chlorine, 3, 10)).toBe(50);
    expect(aeglPpm(chlorine, 3, 11)).toBe(28); // 11 min → 30-min value
    expect(aeglPpm(chlorine, 3, 30)).toBe(28);
    expect(aeglPpm(chlorine, 3, 45)).toBe(20); // → 60 min
    expect(aeglPpm(chlorine, 2, 61)).toBe(1.0); // → 4 h
    expect(aeglPpm(ammonia, 3, 300)).toBe(390); // → 8 h
    expect(aeglPpm(ammonia, 2, 240)).toBe(110);
  });
  it('short exposures use the 10-min value, long ones the 8-h value', () => {
    expect(aeglPpm(ammonia, 3, 1)).toBe(2700);
    expect(aeglPpm(ammonia, 3, 0)).toBe(2700);
    expect(aeglPpm(chlorine, 3, 10000)).toBe(7.1);
  });
  it('Infinity when no AEGL; NaN rejected', () => {
    expect(aeglPpm(lpg, 2, 60)).toBe(Infinity);
    expect(() => aeglPpm(chlorine, 2, NaN)).toThrow(RangeError);
  });
});

describe('toxicLethality', () => {
  it('chlorine: Withers & Lees (1985) 10-min LC50 of 433 ppm (regular population)', () => {
    // dose = 433² · 10 = 1 874 890 ppm²·min; ln = 14.444061
    // Y = −8.29 + 0.92 · 14.444061 = 4.998536 → P = Φ(−0.001464) = 0.49942
    expect(toxicLethality(chlorine, 433 * 433 * 10)).toBeCloseTo(0.49942, 4);
  });
  it('chlorine at 1000 ppm for 10 min', () => {
    // dose = 1e7; ln = 16.118096; Y = −8.29 + 0.92·16.118096 = 6.538648 → P = Φ(1.538648) = 0.93806
    expect(toxicLethality(chlorine, 1e7)).toBeCloseTo(0.93806, 4);
  });
  it('ammonia: 50 % at dose e^(40.9/1.85) = 3.9942e9 ppm²·min (≈ 11 500 ppm for 30 min)', () => {
    // Y = 5 ⇔ ln dose = (5 + 35.9)/1.85 = 22.108108
    expect(toxicLethality(ammonia, 3.99420e9)).toBeCloseTo(0.5, 4);
    // 30 min at sqrt(3.9942e9/30) = 11 538.6 ppm
    expect(toxicLethality(ammonia, 11538.6 ** 2 * 30)).toBeCloseTo(0.5, 4);
  });
  it('0 for zero dose or no probit; NaN rejected', () => {
    expect(toxicLethality(chlorine, 0)).toBe(0);
    expect(toxicLethality(chlorine, -5)).toBe(0);
    expect(toxicLethality(lpg, 1e12)).toBe(0);
    expect(() => toxicLethality(chlorine, NaN)).toThrow(RangeError);
  });
  it('toxicLoadIncrement = Cⁿ Δt', () => {
    expect(toxicLoadIncrement(chlorine, 20, 5)).toBe(2000); // 20² · 5
    expect(toxicLoadIncrement(chlorine, 0, 5)).toBe(0);
    expect(toxicLoadIncrement(lpg, 20, 5)).toBe(0);
  });
  it('toxicLoadPower: c·c for n = 2 is the same double as Math.pow(c, 2); other n go through pow', () => {
    // A seeded spread of magnitudes from 1e-6 to 1e6 ppm (a fixed LCG, not Math.random).
    let s = 12345;
    for (let k = 0; k < 20000; k++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const c = Math.pow(10, (s / 2147483648) * 12 - 6);
      expect(toxicLoadPower(c, 2)).toBe(Math.pow(c, 2));
    }
    expect(toxicLoadPower(20, 2)).toBe(400);
    expect(toxicLoadPower(20, 2.75)).toBe(Math.pow(20, 2.75));
  });
});
