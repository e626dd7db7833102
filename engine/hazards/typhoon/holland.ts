/**
 * Holland (1980) parametric tropical-cyclone vortex: gradient wind and surface pressure
 * profiles, plus the size (Rmax) and shape (B) parameters.
 *
 * Holland, G.J. (1980) "An analytic model of the wind and pressure profiles in hurricanes",
 * Monthly Weather Review 108:1212–1218.
 * Units: SI inside (m, Pa, m/s); Rmax regressions are in km and hPa as published.
 * See docs/models-typhoon.md for the choices (B from the best-track Vmax, clamps).
 */

import { requireFinite, requireNonNegative, requirePositive } from '../guard.ts';

/** Earth's angular velocity (rad/s). */
export const OMEGA = 7.2921e-5;
/** Default near-surface air density in a tropical cyclone (kg/m³), Holland (1980) uses 1.15. */
export const RHO_AIR = 1.15;
/**
 * Default ambient (environmental) pressure Pn (hPa). 1010 hPa is the value used by Vickery et al.
 * (2000) and many parametric codes for the western Pacific/Atlantic; it is a choice, not a
 * property of the storm.
 */
export const DEFAULT_AMBIENT_PRESSURE_HPA = 1010;

/** Coriolis parameter f = 2Ω sin φ (1/s); |φ| is used so the formulas hold in both hemispheres. */
export function coriolis(latDeg: number): number {
  requireFinite('lat', latDeg);
  return 2 * OMEGA * Math.sin((Math.abs(latDeg) * Math.PI) / 180);
}

export interface HollandParams {
  /** Radius from the centre (m). */
  r: number;
  /** Radius of maximum wind (m). */
  rmax: number;
  /** Holland shape parameter B (dimensionless). */
  b: number;
  /** Central pressure deficit ΔP = Pn − Pc (Pa). */
  deltaPPa: number;
  /** Latitude (degrees), for the Coriolis term. */
  lat: number;
  /** Air density (kg/m³), default 1.15. */
  rhoAir?: number;
}

/**
 * Gradient-level wind speed (m/s), Holland (1980) eq. (4):
 *   V(r) = sqrt( (B/ρ)(Rmax/r)^B ΔP e^{−(Rmax/r)^B} + (r f/2)² ) − r f/2.
 * V(0) = 0. ΔP ≤ 0 gives 0 (no cyclonic vortex).
 */
export function hollandGradientWind(p: HollandParams): number {
  const r = requireNonNegative('r', p.r);
  const rmax = requirePositive('rmax', p.rmax);
  const b = requirePositive('b', p.b);
  const dp = requireFinite('deltaPPa', p.deltaPPa);
  const rho = requirePositive('rhoAir', p.rhoAir ?? RHO_AIR);
  const f = coriolis(p.lat);
  if (r === 0 || dp <= 0) return 0;
  const x = (rmax / r) ** b;
  const rf2 = (r * f) / 2;
  return Math.sqrt((b / rho) * x * dp * Math.exp(-x) + rf2 * rf2) - rf2;
}

/**
 * Surface pressure (Pa), Holland (1980) eq. (2): P(r) = Pc + ΔP e^{−(Rmax/r)^B}; P(0) = Pc.
 */
export function hollandPressure(p: { r: number; rmax: number; b: number; centralPa: number; deltaPPa: number }): number {
  const r = requireNonNegative('r', p.r);
  const rmax = requirePositive('rmax', p.rmax);
  const b = requirePositive('b', p.b);
  const pc = requirePositive('centralPa', p.centralPa);
  const dp = requireFinite('deltaPPa', p.deltaPPa);
  if (r === 0) return pc;
  return pc + dp * Math.exp(-((rmax / r) ** b));
}

/**
 * Cyclostrophic maximum wind implied by B and ΔP, Holland (1980) eq. (7) (Coriolis neglected):
 *   Vmax = sqrt( B ΔP / (ρ e) ).
 */
export function hollandVmax(b: number, deltaPPa: number, rhoAir: number = RHO_AIR): number {
  requirePositive('b', b);
  requireNonNegative('deltaPPa', deltaPPa);
  requirePositive('rhoAir', rhoAir);
  return Math.sqrt((b * deltaPPa) / (rhoAir * Math.E));
}

/**
 * B fitted to an observed maximum (gradient-level) wind, the inverse of Holland (1980) eq. (7):
 *   B = ρ e Vmax² / ΔP.
 * This is the choice for the CMA best tracks, which give Vmax and Pc at every fix (see
 * docs/models-typhoon.md). The caller converts the best-track surface wind to gradient level
 * first. Throws for ΔP ≤ 0.
 */
export function hollandBFromVmax(vmaxMs: number, deltaPPa: number, rhoAir: number = RHO_AIR): number {
  requireNonNegative('vmaxMs', vmaxMs);
  requirePositive('deltaPPa', deltaPPa);
  requirePositive('rhoAir', rhoAir);
  return (rhoAir * Math.E * vmaxMs * vmaxMs) / deltaPPa;
}

/**
 * Radius of maximum wind (km), Vickery, P.J. & Wadhera, D. (2008) "Statistical models of Holland
 * pressure profile parameter and radius to maximum winds of hurricanes from flight-level
 * pressure and H*Wind data", J. Appl. Meteor. Climatol. 47:2497–2517, all-storm model:
 *   ln Rmax = 3.015 − 6.291·10⁻⁵ ΔP² + 0.0337 φ   (ΔP in hPa, φ in degrees).
 * Fitted to Atlantic hurricanes; used here as the default size for western-Pacific storms.
 */
export function rmaxVickeryWadhera(deltaPHpa: number, latDeg: number): number {
  requireNonNegative('deltaPHpa', deltaPHpa);
  requireFinite('lat', latDeg);
  return Math.exp(3.015 - 6.291e-5 * deltaPHpa * deltaPHpa + 0.0337 * Math.abs(latDeg));
}

/**
 * Holland B from Rmax and latitude, the regression attributed to Powell, M., Soukup, G.,
 * Cocke, S., et al. (2005) "State of Florida hurricane loss projection model: atmospheric
 * science component", J. Wind Eng. Ind. Aerodyn. 93:651–674:
 *   B = 1.881093 − 0.010917 |φ| − 0.005567 Rmax[km].
 * Coefficients as implemented in Geoscience Australia's TCRM (the paper itself was not read;
 * a variant with −0.01295 φ also circulates — see docs/models-typhoon.md). Not clamped here;
 * use clampHollandB.
 */
export function hollandB(rmaxKm: number, latDeg: number): number {
  requirePositive('rmaxKm', rmaxKm);
  requireFinite('lat', latDeg);
  return 1.881093 - 0.010917 * Math.abs(latDeg) - 0.005567 * rmaxKm;
}

/** Physical range used for B in this engine (Holland 1980: "B between 1 and 2.5"; we allow 0.5 for
 * weak/extratropical fixes — see docs/models-typhoon.md). */
export const HOLLAND_B_MIN = 0.5;
export const HOLLAND_B_MAX = 2.5;

export function clampHollandB(b: number, min: number = HOLLAND_B_MIN, max: number = HOLLAND_B_MAX): number {
  requireFinite('b', b);
  return Math.min(max, Math.max(min, b));
}
