/**
 * Contaminated fire-water / spill runoff reaching a river and a downstream drinking-water intake.
 */

import { requireFinite, requireNonNegative, requirePositive } from './guard.ts';

/**
 * Advective travel time (min) over distance L (m) at mean velocity U (m/s): t = L / U / 60.
 * Plug-flow advection, e.g. Chapra, S.C. (1997) "Surface Water-Quality Modeling", McGraw-Hill,
 * (river transport: advection, travel time). Distance ≤ 0 → 0; velocity ≤ 0 → Infinity (never arrives).
 */
export function riverTravelMinutes(distanceM: number, velocityMs: number): number {
  const l = requireFinite('distanceM', distanceM);
  const u = requireFinite('velocityMs', velocityMs);
  if (l <= 0) return 0;
  if (u <= 0) return Infinity;
  return l / u / 60;
}

/**
 * Fully mixed concentration at the intake for a constant-rate release (mg/L):
 *   c = W / Q = (M / T) / Q,  M kg → mg (×1e6), Q m³/s → L/s (×1e3)  ⇒  c = 1000 · M / (Q · T)
 * Steady mass balance of a loading W into a flow Q, complete lateral/vertical mixing,
 * no decay, no longitudinal dispersion (an upper bound on the plateau concentration):
 * Chapra (1997) "Surface Water-Quality Modeling" (completely mixed mass balance, c = W/Q).
 * Zero mass → 0; non-positive flow or duration throws.
 */
export function intakeConcentrationMgL(p: { pollutantMassKg: number; riverFlowM3s: number; releaseDurationS: number }): number {
  const m = requireNonNegative('pollutantMassKg', p.pollutantMassKg);
  const q = requirePositive('riverFlowM3s', p.riverFlowM3s);
  const t = requirePositive('releaseDurationS', p.releaseDurationS);
  return (1000 * m) / (q * t);
}
