/**
 * Probit → probability conversion.
 *
 * Finney, D.J. (1971) "Probit Analysis", 3rd ed.: the probit Y is a standard normal
 * deviate shifted by 5, so P = Φ(Y − 5) = 0.5 · [1 + erf((Y − 5)/√2)].
 * (Also Crowl & Louvar, "Chemical Process Safety", 3rd ed. 2011, ch. 2, probit conversion.)
 */

import { requireFinite } from './guard.ts';

// Abramowitz, M. & Stegun, I.A. (1964) "Handbook of Mathematical Functions",
// formula 7.1.26: erf(x) ≈ 1 − (a1 t + a2 t² + a3 t³ + a4 t⁴ + a5 t⁵) e^(−x²),
// t = 1/(1 + p x), x ≥ 0, |ε(x)| ≤ 1.5e-7.
const P = 0.3275911;
const A1 = 0.254829592;
const A2 = -0.284496736;
const A3 = 1.421413741;
const A4 = -1.453152027;
const A5 = 1.061405429;

/** Complementary error function for x ≥ 0, A&S 7.1.26 (absolute error ≤ 1.5e-7). */
function erfcNonNegative(x: number): number {
  const t = 1 / (1 + P * x);
  const poly = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5))));
  return poly * Math.exp(-x * x);
}

/** Error function, Abramowitz & Stegun (1964) 7.1.26; odd symmetry erf(−x) = −erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('erf: x is NaN');
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  const v = 1 - erfcNonNegative(Math.abs(x));
  return x >= 0 ? v : -v;
}

/** Standard normal CDF Φ(z) = 0.5 · [1 + erf(z/√2)]. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf: z is NaN');
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const x = z / Math.SQRT2;
  // Use the erfc form on the lower tail so small probabilities keep their relative size.
  const p = x >= 0 ? 1 - 0.5 * erfcNonNegative(x) : 0.5 * erfcNonNegative(-x);
  return Math.min(1, Math.max(0, p));
}

/**
 * P = 0.5 · [1 + erf((Y − 5)/√2)] (Finney 1971). Y = −Infinity → 0, +Infinity → 1
 * (a zero dose gives ln 0 = −Infinity); NaN throws.
 */
export function probitToProbability(y: number): number {
  if (Number.isNaN(y)) throw new RangeError('probitToProbability: y is NaN');
  return normalCdf(y - 5);
}

/** Probit Y = k1 + k2 · ln(V) for a causative variable V > 0 (Crowl & Louvar 2011, ch. 2, probit equation). */
export function probitFromDose(k1: number, k2: number, v: number): number {
  requireFinite('k1', k1);
  requireFinite('k2', k2);
  requireFinite('v', v);
  if (v <= 0) return -Infinity;
  return k1 + k2 * Math.log(v);
}
