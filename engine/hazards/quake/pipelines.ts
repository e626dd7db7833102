/**
 * Buried pipeline (water, gas) damage from ground shaking: repair rate per km of pipe vs PGV.
 *
 * ALA (2001): American Lifelines Alliance, "Seismic Fragility Formulations for Water Systems",
 * Part 1 Guideline, wave-propagation backbone
 *   RR = K1 · 0.00187 · PGV     RR in repairs per 1000 ft, PGV in inches/s,
 * which in SI is RR[repairs/km] = K1 · 0.00187 · PGV[cm/s] / 2.54 / 0.3048 = K1 · 0.0024154 · PGV.
 * (Writing 0.00187 with PGV in cm/s and RR per km mixes the units and understates RR by 23 %.)
 * K1 depends on material and joints (ALA 2001 Table 4-3, ≈ 0.15 to 1.3; 1.0 for cast iron).
 *
 * HAZUS-MH MR4 Technical Manual, ch. 8 (water systems), after O'Rourke & Ayala (1993), J. Geotech. Eng. 119(9):
 *   RR[repairs/km] = 0.0001 · PGV[cm/s]^2.25   brittle pipe; × 0.3 for ductile pipe,
 * with 80 % of shaking-induced repairs leaks and 20 % breaks.
 */

import { requireNonNegative } from '../guard.ts';

/** Conversion of ALA's per-1000-ft, per-in/s coefficient to per-km, per-cm/s: 1/(2.54 · 0.3048). */
const ALA_SI_FACTOR = 1 / (2.54 * 0.3048);

/** ALA (2001) repairs per km at PGV (cm/s), pipe factor K1 (default 1: cast iron). */
export function alaRepairRatePerKm(pgvCmS: number, k1 = 1): number {
  requireNonNegative('pgvCmS', pgvCmS);
  requireNonNegative('k1', k1);
  return k1 * 0.00187 * pgvCmS * ALA_SI_FACTOR;
}

/** HAZUS (O'Rourke & Ayala 1993) repairs per km at PGV (cm/s); ductile pipe (steel, ductile iron, PE) × 0.3. */
export function hazusRepairRatePerKm(pgvCmS: number, ductile = false): number {
  requireNonNegative('pgvCmS', pgvCmS);
  return 0.0001 * pgvCmS ** 2.25 * (ductile ? 0.3 : 1);
}

/** HAZUS: shaking-induced repairs are 80 % leaks, 20 % breaks. */
export const SHAKING_LEAK_SHARE = 0.8;

/**
 * Probability that a pipe segment of `lengthKm` needs no repair, treating repairs as a Poisson
 * process along the pipe (the HAZUS convention): exp(−RR · L).
 */
export function probabilityNoRepair(repairsPerKm: number, lengthKm: number): number {
  requireNonNegative('repairsPerKm', repairsPerKm);
  requireNonNegative('lengthKm', lengthKm);
  return Math.exp(-repairsPerKm * lengthKm);
}
