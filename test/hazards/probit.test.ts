import { describe, expect, it } from 'vitest';
import { erf, normalCdf, probitFromDose, probitToProbability } from '../../engine/hazards/probit.ts';

describe('erf (Abramowitz & Stegun 7.1.26, |error| <= 1.5e-7)', () => {
  // Reference values from A&S Table 7.1 / any 10-digit erf table.
  it.each([
    [0, 0],
    [0.5, 0.5204998778],
    [1, 0.8427007929],
    [2, 0.9953222650],
    [3, 0.9999779095],
    [-1.5, -0.9661051465],
  ])('erf(%f) = %f', (x, ref) => {
    expect(Math.abs(erf(x) - ref)).toBeLessThan(2e-7);
  });

  it('is odd and bounded', () => {
    expect(erf(-0.7)).toBeCloseTo(-erf(0.7), 12);
    expect(erf(10)).toBeLessThanOrEqual(1);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
  });

  it('rejects NaN', () => {
    expect(() => erf(NaN)).toThrow(RangeError);
  });
});

describe('probitToProbability (Finney 1971 probit table)', () => {
  // Finney's table: Y = 5 ↔ 50 %, 3.72 ↔ 10 %, 6.28 ↔ 90 %, 7.33 ↔ 99 %.
  // Exact Φ values: Φ(1.28) = 0.899727, Φ(−1.28) = 0.100273, Φ(2.33) = 0.990097.
  it.each([
    [5, 0.5],
    [3.72, 0.1002726],
    [6.28, 0.8997274],
    [7.33, 0.9900969],
    [6, 0.8413447], // Φ(1)
    [7, 0.9772499], // Φ(2)
  ])('Y = %f → P = %f', (y, p) => {
    expect(Math.abs(probitToProbability(y) - p)).toBeLessThan(2e-7);
  });

  it('is monotone and within [0,1] in the tails', () => {
    expect(probitToProbability(-5)).toBeGreaterThanOrEqual(0);
    expect(probitToProbability(-5)).toBeLessThan(1e-20);
    expect(probitToProbability(15)).toBeLessThanOrEqual(1);
    expect(probitToProbability(15)).toBeGreaterThan(0.999999);
    expect(probitToProbability(4)).toBeLessThan(probitToProbability(4.1));
    // lower tail keeps relative precision: Φ(−3) = 1.3499e-3
    expect(normalCdf(-3) / 1.349898e-3).toBeCloseTo(1, 3);
  });

  it('handles infinite probits (zero dose) and rejects NaN', () => {
    expect(probitToProbability(-Infinity)).toBe(0);
    expect(probitToProbability(Infinity)).toBe(1);
    expect(() => probitToProbability(NaN)).toThrow(RangeError);
  });
});

describe('probitFromDose', () => {
  it('computes k1 + k2 ln V', () => {
    // −8.29 + 0.92 · ln(1e6) = −8.29 + 0.92 · 13.815511 = 4.420270
    expect(probitFromDose(-8.29, 0.92, 1e6)).toBeCloseTo(4.42027, 5);
  });
  it('gives −Infinity for zero dose', () => {
    expect(probitFromDose(-8.29, 0.92, 0)).toBe(-Infinity);
  });
});
