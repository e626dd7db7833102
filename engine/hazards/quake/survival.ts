/**
 * Survival of people trapped alive in collapsed buildings, as a function of the time until they
 * are dug out: the "golden 72 hours" (黄金72小时).
 *
 * Data: the Tangshan 1976 rescue statistics, share of people extricated alive by rescue time —
 * within half an hour 99.3 %, day 1 81.0 %, day 2 53.7 %, day 3 36.7 %, day 4 19.0 %, day 5 7.4 %
 * (as published in China Earthquake Administration public-education material, e.g. "为什么说震后
 * 72小时是救援的黄金时间", 2018; the primary survey report was not seen). Coburn & Spence (2002)
 * "Earthquake Protection", 2nd ed., ch. 9, show the same steep decline for Campania 1980.
 *
 * Model (our fit, docs/models-quake.md §4): a Weibull survival function
 *   S(t) = exp( −(t/λ)^k ),  λ = 54.5 h, k = 1.14,
 * least-squares fit to the six points above (each day's rate placed at the middle of the day).
 * Every point is reproduced within 0.04. Beyond day 5 the fit is extrapolation.
 */

import { requireFinite, requireNonNegative } from '../guard.ts';

/** Tangshan 1976: [hours until extricated (mid-interval), share alive]. */
export const TANGSHAN_1976_SURVIVAL: readonly (readonly [number, number])[] = [
  [0.5, 0.993],
  [12, 0.81],
  [36, 0.537],
  [60, 0.367],
  [84, 0.19],
  [108, 0.074],
];

/** Weibull scale λ (h) and shape k fitted to TANGSHAN_1976_SURVIVAL. */
export const SURVIVAL_SCALE_H = 54.5;
export const SURVIVAL_SHAPE = 1.14;

/** Probability that a person trapped alive is still alive when extricated after `hoursTrapped`. */
export function survivalProbability(hoursTrapped: number): number {
  requireNonNegative('hoursTrapped', hoursTrapped);
  return Math.exp(-((hoursTrapped / SURVIVAL_SCALE_H) ** SURVIVAL_SHAPE));
}

/** Expected deaths among `trapped` people (alive when trapped) all extricated at `hoursTrapped`. */
export function expectedDeathsRescuedAt(trapped: number, hoursTrapped: number): number {
  requireNonNegative('trapped', trapped);
  return trapped * (1 - survivalProbability(hoursTrapped));
}

/**
 * Expected deaths among `trapped` people extricated at a steady rate between `startH` and `endH`
 * hours after the quake (a team working a collapse site): trapped · (1 − mean S over the interval),
 * the mean by composite Simpson's rule on 64 panels (error far below the fit's own).
 */
export function expectedDeathsRescuedBetween(trapped: number, startH: number, endH: number): number {
  requireNonNegative('trapped', trapped);
  requireNonNegative('startH', startH);
  requireFinite('endH', endH);
  if (endH < startH) throw new RangeError(`endH (${endH}) must be ≥ startH (${startH})`);
  if (endH === startH) return expectedDeathsRescuedAt(trapped, startH);
  const n = 64;
  const h = (endH - startH) / n;
  let sum = survivalProbability(startH) + survivalProbability(endH);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * survivalProbability(startH + i * h);
  const meanS = (sum * h) / 3 / (endH - startH);
  return trapped * (1 - meanS);
}

/**
 * Deaths among still-trapped people during one step [t, t + dt] (hours): the conditional
 * hazard 1 − S(t + dt)/S(t), for a simulation that steps survivors forward tick by tick.
 */
export function deathFractionDuring(tHours: number, dtHours: number): number {
  requireNonNegative('tHours', tHours);
  requireNonNegative('dtHours', dtHours);
  const s0 = survivalProbability(tHours);
  return s0 === 0 ? 1 : 1 - survivalProbability(tHours + dtHours) / s0;
}
