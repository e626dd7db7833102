/**
 * Earthquake-triggered landslides on a slope by Newmark's rigid sliding block.
 *
 * Critical (yield) acceleration, Newmark (1965) "Effects of earthquakes on dams and embankments",
 * Géotechnique 15(2):139–160, as used by Jibson (2007):
 *   a_c = (FS − 1) · sin α    (in g; FS static factor of safety, α slope angle)
 * Newmark displacement, Jibson (2007) "Regression models for estimating coseismic landslide
 * displacement", Engineering Geology 91:209–218, eq. for PGA and a_c only:
 *   lg Dn = 0.215 + lg[ (1 − a_c/a_max)^2.341 · (a_c/a_max)^−1.438 ]   Dn in cm, σ(lg Dn) = 0.510
 * Probability of slope failure given Dn, Jibson, Harp & Michael (2000) "A method for producing
 * digital probabilistic seismic landslide hazard maps", Engineering Geology 58:271–289:
 *   P(f) = 0.335 · [1 − exp(−0.048 · Dn^1.565)]
 */

import { requireFinite, requireNonNegative } from '../guard.ts';

/** Newmark critical acceleration (g) of a slope: (FS − 1) sin α; 0 for FS ≤ 1 (already unstable). */
export function criticalAccelerationG(factorOfSafety: number, slopeDeg: number): number {
  requireFinite('factorOfSafety', factorOfSafety);
  requireFinite('slopeDeg', slopeDeg);
  if (slopeDeg < 0 || slopeDeg > 90) throw new RangeError(`slopeDeg must be in [0, 90], got ${slopeDeg}`);
  return Math.max(0, (factorOfSafety - 1) * Math.sin((slopeDeg * Math.PI) / 180));
}

/** Jibson (2007) median Newmark displacement (cm); 0 when a_max ≤ a_c (the block does not slide). */
export function newmarkDisplacementCm(criticalG: number, pgaG: number): number {
  requireNonNegative('criticalG', criticalG);
  requireNonNegative('pgaG', pgaG);
  if (pgaG <= criticalG) return 0;
  if (criticalG === 0) return Infinity;
  const r = criticalG / pgaG;
  return 10 ** (0.215 + 2.341 * Math.log10(1 - r) - 1.438 * Math.log10(r));
}

/** Jibson et al. (2000) probability of failure for a Newmark displacement (cm); saturates at 0.335. */
export function landslideProbability(displacementCm: number): number {
  requireNonNegative('displacementCm', displacementCm);
  if (displacementCm === Infinity) return 0.335;
  return 0.335 * (1 - Math.exp(-0.048 * displacementCm ** 1.565));
}

/** Chain: slope (FS, α) shaken at PGA (g) → probability of an earthquake-triggered slide. */
export function slopeFailureProbability(factorOfSafety: number, slopeDeg: number, pgaG: number): number {
  return landslideProbability(newmarkDisplacementCm(criticalAccelerationG(factorOfSafety, slopeDeg), pgaG));
}
