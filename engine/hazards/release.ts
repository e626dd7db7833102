/**
 * Source terms for liquid releases.
 */

import { requireFinite, requireNonNegative, requirePositive } from './guard.ts';

/**
 * Mass flow of liquid through a sharp-edged hole (kg/s):
 *   Qm = C0 · A · sqrt(2 ρ Pg),   A = π d²/4
 * Crowl & Louvar (2011) "Chemical Process Safety", 3rd ed., ch. 4 "Flow of liquid through a
 * hole" (SI units, gc = 1). C0 = 0.61 for a sharp-edged orifice at high Reynolds number
 * (same source). Liquid-head term neglected. For a liquefied gas at saturation only the
 * pad/excess pressure above vapour pressure drives single-phase flow; pass that as gaugePressure.
 * gaugePressure ≤ 0 → 0.
 */
export function liquidOrificeRate(p: {
  holeDiameter: number; liquidDensity: number; gaugePressure: number; dischargeCoefficient?: number;
}): number {
  const d = requireNonNegative('holeDiameter', p.holeDiameter);
  const rho = requirePositive('liquidDensity', p.liquidDensity);
  const pg = requireFinite('gaugePressure', p.gaugePressure);
  const c0 = p.dischargeCoefficient === undefined ? 0.61 : requirePositive('dischargeCoefficient', p.dischargeCoefficient);
  if (c0 > 1) throw new RangeError(`dischargeCoefficient must be <= 1, got ${c0}`);
  if (pg <= 0 || d === 0) return 0;
  const area = (Math.PI * d * d) / 4;
  return c0 * area * Math.sqrt(2 * rho * pg);
}

/**
 * Adiabatic flash fraction of a superheated liquid released to atmospheric pressure:
 *   fv = cp (T − Tb) / ΔHv
 * Crowl & Louvar (2011) ch. 4 "Flashing liquids" (energy balance, constant cp and ΔHv).
 * Clamped to 0..1 (0 when the liquid is not superheated).
 */
export function flashFraction(p: { cp: number; tStorage: number; tBoil: number; latentHeat: number }): number {
  const cp = requirePositive('cp', p.cp);
  const t = requirePositive('tStorage', p.tStorage);
  const tb = requirePositive('tBoil', p.tBoil);
  const hv = requirePositive('latentHeat', p.latentHeat);
  const fv = (cp * (t - tb)) / hv;
  return Math.min(1, Math.max(0, fv));
}

/**
 * Integrated form fv = 1 − exp(−cp (T − Tb)/ΔHv), which accounts for the liquid mass
 * decreasing as it boils off (Crowl & Louvar 2011 ch. 4, same section). Slightly smaller than
 * flashFraction for large superheat. Clamped to 0..1.
 */
export function flashFractionIntegrated(p: { cp: number; tStorage: number; tBoil: number; latentHeat: number }): number {
  const cp = requirePositive('cp', p.cp);
  const t = requirePositive('tStorage', p.tStorage);
  const tb = requirePositive('tBoil', p.tBoil);
  const hv = requirePositive('latentHeat', p.latentHeat);
  if (t <= tb) return 0;
  return Math.min(1, 1 - Math.exp((-cp * (t - tb)) / hv));
}
