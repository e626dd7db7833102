/**
 * Pasquill–Gifford atmospheric stability class.
 *
 * Pasquill, F. (1961) "The estimation of the dispersion of windborne material",
 * Meteorological Magazine 90:33–49; table as reproduced in Turner, D.B. (1970)
 * "Workbook of Atmospheric Dispersion Estimates", US EPA AP-26, Table 1:
 *
 *   10 m wind (m/s) | day insolation: strong  moderate  slight | night: ≥4/8 low cloud  ≤3/8 cloud
 *   < 2             |                 A       A–B       B      |        (blank)         (blank)
 *   2–3             |                 A–B     B         C      |        E               F
 *   3–5             |                 B       B–C       C      |        D               E
 *   5–6             |                 C       C–D       D      |        D               D
 *   > 6             |                 C       D         D      |        D               D
 *   Neutral class D for heavy overcast (8/8) day or night.
 *
 * Choices made here (documented in docs/models-chemical.md):
 *  - Intermediate classes (A–B, B–C, C–D) resolve to the MORE STABLE class (B, C, D):
 *    for near-ground releases this gives higher ground-level concentrations downwind,
 *    i.e. the conservative choice for a toxic-release drill.
 *  - Night with wind < 2 m/s (blank in the table) → F.
 *  - Row boundaries: u < 2 | 2 ≤ u < 3 | 3 ≤ u < 5 | 5 ≤ u < 6 | u ≥ 6.
 *  - Day without `insolation` → 'moderate'. Night without `cloudCoverOktas` → clear (≤3/8),
 *    the more stable column (again conservative).
 */

import { requireNonNegative } from './guard.ts';

export type StabilityClass = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export type Insolation = 'strong' | 'moderate' | 'slight';

export const STABILITY_CLASSES: readonly StabilityClass[] = ['A', 'B', 'C', 'D', 'E', 'F'];

// Rows: u<2, 2–3, 3–5, 5–6, >6 (intermediate classes already resolved to the more stable one).
const DAY: Record<Insolation, readonly StabilityClass[]> = {
  strong: ['A', 'B', 'B', 'C', 'C'],
  moderate: ['B', 'B', 'C', 'D', 'D'],
  slight: ['B', 'C', 'C', 'D', 'D'],
};
const NIGHT_CLOUDY: readonly StabilityClass[] = ['F', 'E', 'D', 'D', 'D']; // ≥ 4/8 low cloud
const NIGHT_CLEAR: readonly StabilityClass[] = ['F', 'F', 'E', 'D', 'D']; // ≤ 3/8 cloud

function windRow(u: number): number {
  if (u < 2) return 0;
  if (u < 3) return 1;
  if (u < 5) return 2;
  if (u < 6) return 3;
  return 4;
}

export function pasquillStability(opts: {
  windSpeed10m: number;
  isDay: boolean;
  insolation?: Insolation;
  cloudCoverOktas?: number;
}): StabilityClass {
  const u = requireNonNegative('windSpeed10m', opts.windSpeed10m);
  const cloud = opts.cloudCoverOktas;
  if (cloud !== undefined) {
    requireNonNegative('cloudCoverOktas', cloud);
    if (cloud > 8) throw new RangeError(`cloudCoverOktas must be in 0..8, got ${cloud}`);
    // Pasquill (1961): neutral D for heavy overcast, day or night.
    if (cloud >= 8) return 'D';
  }
  const row = windRow(u);
  if (opts.isDay) {
    const ins = opts.insolation ?? 'moderate';
    const table = DAY[ins];
    if (table === undefined) throw new RangeError(`unknown insolation ${String(ins)}`);
    return table[row];
  }
  const cloudy = cloud !== undefined && cloud >= 4;
  return (cloudy ? NIGHT_CLOUDY : NIGHT_CLEAR)[row];
}
