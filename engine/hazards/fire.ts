/**
 * Ignition, thermal radiation and fire-driven escalation (domino effect).
 */

import { requireFinite, requireNonNegative, requirePositive } from './guard.ts';

/**
 * Ignition probability of a gas release by mass rate (kg/s).
 * Cox, A.W., Lees, F.P. & Ang, M.L. (1990) "Classification of Hazardous Locations",
 * IChemE, Rugby; as tabulated in Lees (1996) "Loss Prevention in the Process Industries",
 * 2nd ed., ch. 16: gas releases < 1 kg/s → 0.01; 1–50 kg/s → 0.07; > 50 kg/s → 0.3.
 * (Liquid releases use 0.01 / 0.03 / 0.08 — see liquidIgnitionProbability.)
 * Boundaries: exactly 1 and exactly 50 kg/s fall in the middle band. Rate ≤ 0 → 0.
 */
export function ignitionProbability(releaseRateKgS: number): number {
  const m = requireFinite('releaseRateKgS', releaseRateKgS);
  if (m <= 0) return 0;
  if (m < 1) return 0.01;
  if (m <= 50) return 0.07;
  return 0.3;
}

/** Cox, Lees & Ang (1990), liquid releases: < 1 kg/s 0.01; 1–50 kg/s 0.03; > 50 kg/s 0.08. */
export function liquidIgnitionProbability(releaseRateKgS: number): number {
  const m = requireFinite('releaseRateKgS', releaseRateKgS);
  if (m <= 0) return 0;
  if (m < 1) return 0.01;
  if (m <= 50) return 0.03;
  return 0.08;
}

/** Below this distance (m) the point-source flux is evaluated at 1 m (the model is meaningless inside the flame). */
export const MIN_RADIATION_DISTANCE_M = 1;

/**
 * Point-source radiation model (kW/m²):
 *   q = τ · f · ṁ · ΔHc / (4π r²)
 * CCPS (2000) "Guidelines for Chemical Process Quantitative Risk Analysis", 2nd ed.,
 * point-source radiation model; Crowl & Louvar (2011) ch. 6 / TNO Yellow Book (CPR 14E, 1997).
 * Radiative fraction f default 0.35 (hydrocarbon fires are usually given 0.15–0.35;
 * 0.35 is the conservative end). Transmissivity τ default 1 (no atmospheric absorption).
 * Not valid within about one flame length of the fire.
 */
export function pointSourceHeatFlux(p: {
  burningRate: number; heatOfCombustion: number; radiativeFraction?: number; distance: number; transmissivity?: number;
}): number {
  const m = requireNonNegative('burningRate', p.burningRate);
  const hc = requireNonNegative('heatOfCombustion', p.heatOfCombustion);
  const f = p.radiativeFraction === undefined ? 0.35 : requireNonNegative('radiativeFraction', p.radiativeFraction);
  const tau = p.transmissivity === undefined ? 1 : requireNonNegative('transmissivity', p.transmissivity);
  if (f > 1) throw new RangeError(`radiativeFraction must be <= 1, got ${f}`);
  if (tau > 1) throw new RangeError(`transmissivity must be <= 1, got ${tau}`);
  const r = Math.max(requireNonNegative('distance', p.distance), MIN_RADIATION_DISTANCE_M);
  return (tau * f * m * hc) / (4 * Math.PI * r * r) / 1000;
}

/**
 * Escalation thresholds for heat radiation (kW/m²) below which no escalation is assumed.
 * Cozzani, Gubinelli & Salzano (2006) J. Hazard. Mater. A129:1–21. Atmospheric 15 kW/m²;
 * pressurised 40 kW/m² as specified for this project — see docs/models-chemical.md: the
 * pressurised value could not be checked in the paper here and may be 45 kW/m² there.
 */
export const FIRE_ESCALATION_THRESHOLD_KWM2 = { atmospheric: 15, pressurized: 40 } as const;

/**
 * Time to failure (s) of a vessel exposed to a stationary radiation I (kW/m²), vessel volume V (m³):
 *   atmospheric:  ln(ttf) = −1.128 ln(I) − 2.667e−5 V + 9.877
 *   pressurised:  ln(ttf) = −0.947 ln(I) + 8.835 V^0.032
 * Cozzani, V., Gubinelli, G. & Salzano, E. (2006) "Escalation thresholds in the assessment of
 * domino accidental events", J. Hazard. Mater. A129:1–21 (same correlations as Cozzani,
 * Antonioni & Spadoni 2005, J. Hazard. Mater. A127:14–30). Returns Infinity below the
 * escalation threshold (FIRE_ESCALATION_THRESHOLD_KWM2).
 */
export function escalationTimeToFailure(fluxKwM2: number, vesselVolumeM3: number, kind: 'atmospheric' | 'pressurized'): number {
  const i = requireFinite('fluxKwM2', fluxKwM2);
  const v = requirePositive('vesselVolumeM3', vesselVolumeM3);
  if (kind === 'atmospheric') {
    if (i < FIRE_ESCALATION_THRESHOLD_KWM2.atmospheric) return Infinity;
    return Math.exp(-1.128 * Math.log(i) - 2.667e-5 * v + 9.877);
  }
  if (kind === 'pressurized') {
    if (i < FIRE_ESCALATION_THRESHOLD_KWM2.pressurized) return Infinity;
    return Math.exp(-0.947 * Math.log(i) + 8.835 * Math.pow(v, 0.032));
  }
  throw new RangeError(`escalationTimeToFailure: unknown kind ${String(kind)}`);
}
