/**
 * The Chinese seismic intensity scale, GB/T 17742-2020 ("The Chinese seismic intensity scale",
 * 中国地震烈度表), Appendix A (normative): instrumental intensity from peak ground motion.
 *
 *   I_A = 3.17 lg(PGA) + 6.59      PGA in m/s²   (eq. A.5)
 *   I_V = 3.00 lg(PGV) + 9.77      PGV in m/s    (eq. A.6)
 *   I_I = I_V             if I_A ≥ 6.0 and I_V ≥ 6.0
 *   I_I = (I_A + I_V)/2   otherwise, clamped to [1.0, 12.0]
 *
 * PGA and PGV there are peaks of the vector sum of the three filtered components, not of one
 * horizontal component; fragility curves fitted to one horizontal component see roughly the same
 * number (the vertical adds little to the peak of the sum), which we accept (docs/models-quake.md).
 * The degree tables are the formulas evaluated at I (median) and I ± 0.5 (range).
 */

import { requireFinite } from '../guard.ts';

/** Standard gravity (m/s²), for PGA in g. */
export const G_MS2 = 9.80665;

/** PGA (m/s²) at continuous intensity I: inverse of eq. (A.5), PGA = 10^((I − 6.59)/3.17). */
export function intensityToPga(intensity: number): number {
  requireFinite('intensity', intensity);
  return 10 ** ((intensity - 6.59) / 3.17);
}

/** Eq. (A.5): I_A = 3.17 lg(PGA) + 6.59, PGA in m/s² (> 0). */
export function pgaToIntensity(pgaMs2: number): number {
  requireFinite('pgaMs2', pgaMs2);
  if (pgaMs2 <= 0) throw new RangeError(`pgaMs2 must be > 0, got ${pgaMs2}`);
  return 3.17 * Math.log10(pgaMs2) + 6.59;
}

/** PGV (m/s) at continuous intensity I: inverse of eq. (A.6), PGV = 10^((I − 9.77)/3.00). */
export function intensityToPgv(intensity: number): number {
  requireFinite('intensity', intensity);
  return 10 ** ((intensity - 9.77) / 3.0);
}

/** Eq. (A.6): I_V = 3.00 lg(PGV) + 9.77, PGV in m/s (> 0). */
export function pgvToIntensity(pgvMs: number): number {
  requireFinite('pgvMs', pgvMs);
  if (pgvMs <= 0) throw new RangeError(`pgvMs must be > 0, got ${pgvMs}`);
  return 3.0 * Math.log10(pgvMs) + 9.77;
}

/** PGA in g at intensity I (the unit of the HAZUS fragility and landslide models). */
export function intensityToPgaG(intensity: number): number {
  return intensityToPga(intensity) / G_MS2;
}

/** PGV in cm/s at intensity I (the unit of the pipeline repair-rate models). */
export function intensityToPgvCmS(intensity: number): number {
  return intensityToPgv(intensity) * 100;
}

/**
 * Instrumental intensity I_I from recorded PGA (m/s²) and PGV (m/s), GB/T 17742-2020 §A.4:
 * PGV decides when both indices reach VI (damage correlates with velocity), the mean otherwise.
 */
export function instrumentalIntensity(pgaMs2: number, pgvMs: number): number {
  const ia = pgaToIntensity(pgaMs2);
  const iv = pgvToIntensity(pgvMs);
  const i = ia >= 6 && iv >= 6 ? iv : (ia + iv) / 2;
  return Math.min(12, Math.max(1, i));
}

/** Integer degree (1–12) of a continuous intensity: degree k covers [k − 0.5, k + 0.5). */
export function intensityDegree(i: number): number {
  requireFinite('intensity', i);
  return Math.min(12, Math.max(1, Math.floor(i + 0.5)));
}

/** Roman numeral of a degree 1–12, as Chinese maps label isoseismals. */
export function romanDegree(degree: number): string {
  if (!Number.isInteger(degree) || degree < 1 || degree > 12) throw new RangeError(`degree must be an integer 1–12, got ${degree}`);
  return ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][degree - 1] as string;
}

export interface MotionRange {
  /** Value at I = degree. */
  median: number;
  /** Value at I = degree − 0.5; 0 for degree I. */
  lower: number;
  /** Value at I = degree + 0.5; Infinity for degree XII. */
  upper: number;
}

export interface DegreeMotion {
  degree: number;
  /** PGA (m/s²). */
  pgaMs2: MotionRange;
  /** PGV (m/s). */
  pgvMs: MotionRange;
}

function rangeOf(degree: number, f: (i: number) => number): MotionRange {
  return { median: f(degree), lower: degree === 1 ? 0 : f(degree - 0.5), upper: degree === 12 ? Infinity : f(degree + 0.5) };
}

/** PGA and PGV of an integer degree, [I − 0.5, I + 0.5) through eqs. (A.5) and (A.6). */
export function degreeMotion(degree: number): DegreeMotion {
  romanDegree(degree); // validates
  return { degree, pgaMs2: rangeOf(degree, intensityToPga), pgvMs: rangeOf(degree, intensityToPgv) };
}

/** Degrees I–XII with their PGA and PGV (listed in docs/models-quake.md). */
export const GB17742_2020_TABLE: readonly DegreeMotion[] = Array.from({ length: 12 }, (_, k) => degreeMotion(k + 1));
