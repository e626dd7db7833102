/**
 * Vapour-cloud explosion by TNT equivalence, blast overpressure, and equipment damage.
 */

import { requireFinite, requireNonNegative, requirePositive } from './guard.ts';
import { probitToProbability } from './probit.ts';

/** Blast energy of TNT, J/kg (CCPS 2000; Crowl & Louvar 2011 ch. 6 use 4686 kJ/kg ≈ 4.68 MJ/kg). */
export const E_TNT_J_PER_KG = 4.68e6;

/** Ambient pressure, kPa. */
export const P_AMBIENT_KPA = 101.325;

/**
 * TNT-equivalent mass (kg):  W = η · M · ΔHc / E_TNT
 * CCPS (2000) "Guidelines for Chemical Process Quantitative Risk Analysis", 2nd ed., TNT
 * equivalency model; Crowl & Louvar (2011) ch. 6. Yield factor η default 0.03 (1–10 % range
 * quoted by CCPS; 3 % is a commonly used central value for vapour-cloud explosions).
 */
export function tntEquivalentMass(p: { fuelMass: number; heatOfCombustion: number; yieldFactor?: number }): number {
  const m = requireNonNegative('fuelMass', p.fuelMass);
  const hc = requireNonNegative('heatOfCombustion', p.heatOfCombustion);
  const eta = p.yieldFactor === undefined ? 0.03 : requireNonNegative('yieldFactor', p.yieldFactor);
  if (eta > 1) throw new RangeError(`yieldFactor must be <= 1, got ${eta}`);
  return (eta * m * hc) / E_TNT_J_PER_KG;
}

/**
 * Peak side-on overpressure ratio ps/pa at scaled distance Z (m/kg^(1/3)), free-air burst:
 *   ps/pa = 808 [1 + (Z/4.5)²] / sqrt([1 + (Z/0.048)²][1 + (Z/0.32)²][1 + (Z/1.35)²])
 * Kinney, G.F. & Graham, K.J. (1985) "Explosive Shocks in Air", 2nd ed., Springer.
 * (Crowl & Louvar 2011 ch. 6 print the same fit with 1616 in place of 808, fitted to a
 * surface-burst curve; see docs/models-chemical.md.)
 */
export function kinneyGrahamRatio(z: number): number {
  const zz = requireNonNegative('z', z);
  return (
    (808 * (1 + (zz / 4.5) ** 2)) /
    Math.sqrt((1 + (zz / 0.048) ** 2) * (1 + (zz / 0.32) ** 2) * (1 + (zz / 1.35) ** 2))
  );
}

/**
 * Peak side-on overpressure (kPa) at distance R (m) from W kg TNT, Kinney & Graham (1985),
 * Z = R / W^(1/3), ambient 101.325 kPa. `groundReflectionFactor` multiplies W to represent a
 * surface burst (2 for a perfectly reflecting ground, ~1.8 for real ground; default 1 = free air).
 * W ≤ 0 → 0. R = 0 gives the Z = 0 limit (808 · pa), which is not physically meaningful.
 */
export function kinneyGrahamOverpressure(distanceM: number, tntKg: number, groundReflectionFactor = 1): number {
  const r = requireNonNegative('distanceM', distanceM);
  const w = requireFinite('tntKg', tntKg);
  const g = requirePositive('groundReflectionFactor', groundReflectionFactor);
  if (w <= 0) return 0;
  const z = r / Math.cbrt(w * g);
  return kinneyGrahamRatio(z) * P_AMBIENT_KPA;
}

/**
 * Probit coefficients for equipment damage by blast overpressure, Y = k1 + k2 ln(Ps), Ps in Pa.
 * Cozzani, V. & Salzano, E. (2004) "The quantitative assessment of domino effects caused by
 * overpressure. Part I. Probit models", J. Hazard. Mater. A107:67–80.
 */
export const OVERPRESSURE_DAMAGE_PROBIT = {
  atmospheric: { k1: -18.96, k2: 2.44 },
  pressurized: { k1: -42.44, k2: 4.33 },
} as const;

/** Probability of damage of a vessel by a blast of peak overpressure (kPa): Φ(k1 + k2 ln(1000·p) − 5). p ≤ 0 → 0. */
export function equipmentDamageProbability(overpressureKPa: number, kind: 'atmospheric' | 'pressurized'): number {
  const p = requireFinite('overpressureKPa', overpressureKPa);
  const c = OVERPRESSURE_DAMAGE_PROBIT[kind];
  if (c === undefined) throw new RangeError(`equipmentDamageProbability: unknown kind ${String(kind)}`);
  if (p <= 0) return 0;
  return probitToProbability(c.k1 + c.k2 * Math.log(p * 1000));
}
