/**
 * Surface wind of a typhoon at a point: Holland (1980) gradient wind → 10 m wind, inflow angle,
 * forward-motion asymmetry, gusts; Beaufort force and the Chinese tropical-cyclone grade.
 * Every factor and its source is listed in docs/models-typhoon.md.
 */

import { requireFinite, requireNonNegative, requirePositive } from '../guard.ts';
import { haversineM, initialBearingDeg, normalizeDeg, type LonLat } from './geo.ts';
import {
  DEFAULT_AMBIENT_PRESSURE_HPA, RHO_AIR, clampHollandB, hollandBFromVmax, hollandGradientWind, rmaxVickeryWadhera,
} from './holland.ts';
import type { ForwardMotion, TrackFix } from './track.ts';

/**
 * Gradient → 10 m reduction over water, Knaff, J.A., DeMaria, M., Molenar, D.A., Sampson, C.R. &
 * Seybold, M.G. (2011) "An automated, objective, multiple-satellite-platform tropical cyclone
 * surface wind analysis", J. Appl. Meteor. Climatol. 50:2149–2166, Fig. 3: 0.90 within 100 km
 * of the centre, falling linearly to 0.75 at 700 km and beyond (as implemented in the R package
 * stormwindmodel, Anderson et al.).
 */
export function surfaceReductionFactorSea(rKm: number): number {
  requireNonNegative('rKm', rKm);
  if (rKm <= 100) return 0.9;
  if (rKm >= 700) return 0.75;
  return 0.9 - (0.15 * (rKm - 100)) / 600;
}

/** Additional over-land factor on the marine reduction (×0.8, i.e. 0.72 near the core), same source. */
export const LAND_REDUCTION_FACTOR = 0.8;

/**
 * 10 m sustained wind from the gradient wind: V10 = f_sea(r) · (overLand ? 0.8 : 1) · Vg.
 * rKm defaults to 0 (factor 0.90 over sea, 0.72 over land).
 */
export function surfaceWind(p: { gradient: number; overLand: boolean; rKm?: number }): number {
  const vg = requireNonNegative('gradient', p.gradient);
  const f = surfaceReductionFactorSea(p.rKm ?? 0) * (p.overLand ? LAND_REDUCTION_FACTOR : 1);
  return f * vg;
}

/** WMO exposure classes of Harper, Kepert & Ginger (2010). 'in-land' = rough terrain (towns, forest). */
export type GustExposure = 'in-land' | 'off-land' | 'off-sea' | 'at-sea';

/**
 * Gust factors (peak 3-s gust / mean over the reference period), Harper, B.A., Kepert, J.D. &
 * Ginger, J.D. (2010) "Guidelines for converting between various wind averaging periods in
 * tropical cyclone conditions", WMO/TD-No. 1555, Table 1.1 (values as transcribed in a public
 * code copy; see docs). Keys: reference averaging period in seconds.
 */
export const WMO_GUST_FACTORS: Readonly<Record<GustExposure, Readonly<Record<number, number>>>> = {
  'in-land': { 60: 1.49, 120: 1.55, 180: 1.58, 600: 1.66, 3600: 1.75 },
  'off-land': { 60: 1.36, 120: 1.42, 180: 1.44, 600: 1.52, 3600: 1.6 },
  'off-sea': { 60: 1.23, 120: 1.28, 180: 1.31, 600: 1.38, 3600: 1.45 },
  'at-sea': { 60: 1.11, 120: 1.15, 180: 1.17, 600: 1.23, 3600: 1.4 },
};

/**
 * Gust factor G = V(3 s) / V(mean over meanPeriodS). Default: 2-min mean (the CMA convention)
 * and 'in-land' exposure (urban Shenyang) → 1.55. Only the tabulated periods are accepted.
 */
export function gustFactor(exposure: GustExposure = 'in-land', meanPeriodS: number = 120): number {
  const row = WMO_GUST_FACTORS[exposure];
  if (!row) throw new RangeError(`gustFactor: unknown exposure '${String(exposure)}'`);
  const g = row[meanPeriodS];
  if (g === undefined) throw new RangeError(`gustFactor: mean period ${meanPeriodS} s not tabulated (60, 120, 180, 600, 3600)`);
  return g;
}

/**
 * Inflow angle (degrees, toward the centre) after Sobey, R.J., Harper, B.A. & Stark, K.P. (1977)
 * "Numerical simulation of tropical cyclone storm surge", Univ. James Cook Research Bulletin
 * CS14 (as used e.g. by Phadke et al. 2003, Ocean Eng. 30:553): 10° for r < Rmax,
 * 10° + 75°(r/Rmax − 1) for Rmax ≤ r < 1.2 Rmax, 25° beyond.
 */
export function inflowAngleDeg(r: number, rmax: number): number {
  requireNonNegative('r', r);
  requirePositive('rmax', rmax);
  const x = r / rmax;
  if (x < 1) return 10;
  if (x < 1.2) return 10 + 75 * (x - 1);
  return 25;
}

/**
 * Forward-motion asymmetry after Lin, N. & Chavas, D. (2012) "On hurricane parametric wind and
 * applications in storm surge modeling", J. Geophys. Res. 117, D09120: a uniform background
 * wind equal to α = 0.55 of the translation velocity, rotated β = 20° counter-clockwise (to the
 * left) of the heading, is added vectorially to the symmetric surface vortex. In the northern
 * hemisphere the cyclonic flow on the right of the track is parallel to the motion, so the
 * right side is stronger by up to α·Vt and the left side weaker.
 */
export const ASYMMETRY_ALPHA = 0.55;
export const ASYMMETRY_ROTATION_DEG = 20;

/** Gradient-level → best-track conversion used to turn the CMA Vmax into a gradient Vmax (sea, core). */
export const BEST_TRACK_TO_GRADIENT_SEA = 0.9;

export interface WindAtPointInput {
  /** Storm state (interpolated fix). */
  fix: TrackFix;
  /** Forward motion of the centre; null/undefined = stationary (no asymmetry). */
  motion?: ForwardMotion | null;
  /** Receptor [lon, lat]. */
  point: LonLat;
  /** True if the receptor is over land (rougher surface: ×0.8 and 'in-land' gusts by default). */
  overLand?: boolean;
  /** True if the storm centre is over land: the best-track Vmax is then taken as a land value (÷0.72). */
  centreOverLand?: boolean;
  /** Gust exposure of the receptor; default 'in-land' over land, 'off-sea' over sea. */
  exposure?: GustExposure;
  /** Ambient pressure (hPa), default 1010. */
  ambientHpa?: number;
  /** Override of the radius of maximum wind (km); default Vickery & Wadhera (2008). */
  rmaxKm?: number;
  /** Air density (kg/m³), default 1.15. */
  rhoAir?: number;
}

export interface WindAtPoint {
  /** 10 m sustained wind (m/s), same averaging as the track (2-min for CMA). */
  sustainedMs: number;
  /** 3-s gust (m/s). */
  gustMs: number;
  /** Meteorological direction the wind blows FROM, degrees clockwise from north. */
  directionDeg: number;
  /** Distance from the centre (km), for callers that need it. */
  rKm: number;
  /** Rmax (km) and B used. */
  rmaxKm: number;
  b: number;
}

/** Smallest central pressure deficit used (hPa): a decaying low with Pc ≥ Pn keeps a weak vortex. */
export const MIN_DELTA_P_HPA = 1;

/**
 * Surface wind at a point for one track state. Steps (docs/models-typhoon.md §3):
 *  1. Vt = motion speed; symmetric best-track wind Vsym = max(Vmax − α Vt, 0);
 *  2. gradient Vmax Vg = Vsym / 0.9 (centre over sea) or / 0.72 (centreOverLand);
 *  3. ΔP = max(Pn − Pc, 1 hPa); Rmax = Vickery & Wadhera (2008) unless given;
 *     B = clamp(ρ e Vg² / ΔP, 0.5, 2.5);
 *  4. Holland gradient wind at r → 10 m with Knaff et al. (2011) factors (×0.8 over land);
 *  5. direction: cyclonic tangent turned inward by the Sobey et al. (1977) inflow angle;
 *  6. add the Lin & Chavas (2012) background α Vt rotated 20° left of the heading
 *     (×0.8 over land);
 *  7. gust = sustained × WMO gust factor for a 2-min mean.
 * Northern hemisphere only (counter-clockwise rotation); lat < 0 throws.
 */
export function windAtPoint(p: WindAtPointInput): WindAtPoint {
  const fix = p.fix;
  requireFinite('fix.lat', fix.lat);
  requireFinite('fix.lon', fix.lon);
  if (fix.lat < 0) throw new RangeError('windAtPoint: southern-hemisphere storms are not supported');
  const vmax = requireNonNegative('fix.vmaxMs', fix.vmaxMs);
  const pc = requirePositive('fix.pressureHpa', fix.pressureHpa);
  const pn = requirePositive('ambientHpa', p.ambientHpa ?? DEFAULT_AMBIENT_PRESSURE_HPA);
  const rho = requirePositive('rhoAir', p.rhoAir ?? RHO_AIR);
  const overLand = p.overLand ?? true;
  const vt = p.motion ? requireNonNegative('motion.speedMs', p.motion.speedMs) : 0;
  const heading = p.motion ? requireFinite('motion.headingDeg', p.motion.headingDeg) : 0;

  const centre: LonLat = [fix.lon, fix.lat];
  const r = haversineM(centre, p.point);
  const rKm = r / 1000;

  const dpHpa = Math.max(pn - pc, MIN_DELTA_P_HPA);
  const dpPa = dpHpa * 100;
  const rmaxKm = p.rmaxKm !== undefined ? requirePositive('rmaxKm', p.rmaxKm) : rmaxVickeryWadhera(dpHpa, fix.lat);
  const vsym = Math.max(vmax - ASYMMETRY_ALPHA * vt, 0);
  const toGradient = BEST_TRACK_TO_GRADIENT_SEA * (p.centreOverLand ? LAND_REDUCTION_FACTOR : 1);
  const vgMax = vsym / toGradient;
  const b = clampHollandB(vgMax > 0 ? hollandBFromVmax(vgMax, dpPa, rho) : 1);
  const rmax = rmaxKm * 1000;

  const vg = hollandGradientWind({ r, rmax, b, deltaPPa: dpPa, lat: fix.lat, rhoAir: rho });
  const vs = surfaceWind({ gradient: vg, overLand, rKm });

  // Vortex direction (where the air goes TO): bearing centre→point minus 90° (counter-clockwise),
  // turned further toward the centre by the inflow angle.
  const bearing = r > 0 ? initialBearingDeg(centre, p.point) : 0;
  const toVortex = ((bearing - 90 - inflowAngleDeg(r, rmax)) * Math.PI) / 180;
  let u = vs * Math.sin(toVortex); // east component
  let v = vs * Math.cos(toVortex); // north component

  const bgScale = overLand ? LAND_REDUCTION_FACTOR : 1;
  const bgSpeed = ASYMMETRY_ALPHA * vt * bgScale;
  const bgDir = ((heading - ASYMMETRY_ROTATION_DEG) * Math.PI) / 180;
  u += bgSpeed * Math.sin(bgDir);
  v += bgSpeed * Math.cos(bgDir);

  const sustainedMs = Math.hypot(u, v);
  const toDeg = sustainedMs > 0 ? (Math.atan2(u, v) * 180) / Math.PI : 0;
  const exposure = p.exposure ?? (overLand ? 'in-land' : 'off-sea');
  return {
    sustainedMs,
    gustMs: sustainedMs * gustFactor(exposure, 120),
    directionDeg: normalizeDeg(toDeg + 180),
    rKm,
    rmaxKm,
    b,
  };
}

/**
 * Lower bounds (m/s) of Beaufort forces 1–17 as used in China, GB/T 28591-2012 "Wind force
 * scale" (levels 6–17 as listed in the project's hazard-model brief; 0–5 from the same standard:
 * 0.3, 1.6, 3.4, 5.5, 8.0).
 */
export const BEAUFORT_LOWER_BOUNDS_MS: readonly number[] = [
  0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2, 51.0, 56.1,
];

/** Rounds to 0.1 m/s, the resolution at which the scales are defined (13.85 → 13.9 → force 7). */
function round01(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Beaufort force 0–17 for a wind speed (m/s), after rounding to 0.1 m/s. */
export function beaufort(ms: number): number {
  const v = round01(requireNonNegative('ms', ms));
  let level = 0;
  for (let k = 0; k < BEAUFORT_LOWER_BOUNDS_MS.length; k++) {
    if (v >= (BEAUFORT_LOWER_BOUNDS_MS[k] as number)) level = k + 1;
  }
  return level;
}

export type CmaGrade = 'TD' | 'TS' | 'STS' | 'TY' | 'STY' | 'SuperTY';

/**
 * Tropical-cyclone grade, GB/T 19201-2006 "Grade of tropical cyclones", from the maximum
 * sustained near-centre wind (2-min mean): TD 10.8–17.1, TS 17.2–24.4, STS 24.5–32.6,
 * TY 32.7–41.4, STY 41.5–50.9, SuperTY ≥ 51.0 m/s. Below 10.8 m/s → null.
 */
export function cmaGrade(vmaxMs: number): CmaGrade | null {
  const v = round01(requireNonNegative('vmaxMs', vmaxMs));
  if (v >= 51.0) return 'SuperTY';
  if (v >= 41.5) return 'STY';
  if (v >= 32.7) return 'TY';
  if (v >= 24.5) return 'STS';
  if (v >= 17.2) return 'TS';
  if (v >= 10.8) return 'TD';
  return null;
}
