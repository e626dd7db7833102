/**
 * Seismic intensity (Chinese scale, GB/T 17742) from magnitude and distance with an elliptical
 * attenuation model, and intensity → PGA.
 *
 * Form (long axis a, short axis b, separate coefficients; lg = log10):
 *   I_a = A_a + B M − C_a lg(R_a + R0_a),   I_b = A_b + B M − C_b lg(R_b + R0_b)
 * the form of 汪素云 et al. (2000, 中国地震 16(2):99–106) and of the relations behind GB 18306-2015.
 * Default coefficients: GB 18306-2015 eastern strong-earthquake region (东部强震区) — see
 * EAST_CHINA_GB18306 and docs/models-earthquake.md for what was and was not verified.
 * Isoseismals are ellipses with semi-axes R_a(I) (along strike) and R_b(I) (across strike);
 * the intensity at a point is the I whose ellipse passes through it.
 */

import { requireFinite, requireNonNegative } from '../guard.ts';
import { haversineM, initialBearingDeg, type LonLat } from '../typhoon/geo.ts';

export interface AxisCoefficients {
  /** Constant A. */
  a: number;
  /** Magnitude coefficient B (per unit Ms). */
  b: number;
  /** Distance coefficient C (> 0; the term −C lg(R + R0) is subtracted). */
  c: number;
  /** Near-field saturation distance R0 (km). */
  r0: number;
}

export interface EllipticalAttenuation {
  name: string;
  long: AxisCoefficients;
  short: AxisCoefficients;
  /** Standard deviation of I (intensity units). */
  sigma: number;
}

/**
 * GB 18306-2015 intensity attenuation, eastern strong-earthquake region (东部强震区), lg base,
 * Ms, epicentral distance R in km (肖亮 & 俞言祥 2011; tabulated in 高孟潭 (ed.) 2015, the
 * GB 18306-2015 explanatory textbook, p. 172). Read from two independent public code copies
 * that agree digit for digit; the textbook itself was not seen.
 */
export const EAST_CHINA_GB18306: EllipticalAttenuation = {
  name: 'GB 18306-2015 east (东部强震区)',
  long: { a: 5.7123, b: 1.3626, c: 4.2903, r0: 25 },
  short: { a: 3.6588, b: 1.3626, c: 3.5406, r0: 13 },
  sigma: 0.5826,
};

/** Intensity along one axis at distance rKm: A + B M − C lg(R + R0). */
export function axisIntensity(magnitude: number, rKm: number, k: AxisCoefficients): number {
  requireFinite('magnitude', magnitude);
  requireNonNegative('rKm', rKm);
  return k.a + k.b * magnitude - k.c * Math.log10(rKm + k.r0);
}

/** Distance (km) along one axis at which intensity falls to I (inverse of axisIntensity); 0 if I ≥ I(0). */
export function axisRadiusKm(magnitude: number, intensity: number, k: AxisCoefficients): number {
  requireFinite('magnitude', magnitude);
  requireFinite('intensity', intensity);
  return Math.max(0, 10 ** ((k.a + k.b * magnitude - intensity) / k.c) - k.r0);
}

/** Semi-axes (km) of the isoseismal ellipse of intensity I: long (along strike) and short. */
export function isoseismalAxesKm(
  magnitude: number, intensity: number, model: EllipticalAttenuation = EAST_CHINA_GB18306,
): { longKm: number; shortKm: number } {
  return { longKm: axisRadiusKm(magnitude, intensity, model.long), shortKm: axisRadiusKm(magnitude, intensity, model.short) };
}

/** Epicentral intensity: the smaller of the two axis values at R = 0 (they agree to 1e-4 for the default). */
export function epicentralIntensity(magnitude: number, model: EllipticalAttenuation = EAST_CHINA_GB18306): number {
  return Math.min(axisIntensity(magnitude, 0, model.long), axisIntensity(magnitude, 0, model.short));
}

/**
 * Intensity at distance rKm and angle thetaDeg between the strike and the epicentre→point
 * direction: the I for which (x/R_a(I))² + (y/R_b(I))² = 1 with x = r cos θ, y = r sin θ.
 * Solved by bisection (the left side grows monotonically with I). θ = 0 reproduces the
 * long-axis relation, θ = 90° the short-axis one. Result clamped to [0, 12].
 */
export function ellipticalIntensity(
  magnitude: number, rKm: number, thetaDeg: number, model: EllipticalAttenuation = EAST_CHINA_GB18306,
): number {
  requireFinite('magnitude', magnitude);
  requireNonNegative('rKm', rKm);
  requireFinite('thetaDeg', thetaDeg);
  const i0 = epicentralIntensity(magnitude, model);
  if (rKm === 0) return Math.min(12, Math.max(0, i0));
  const th = (thetaDeg * Math.PI) / 180;
  const x = rKm * Math.cos(th);
  const y = rKm * Math.sin(th);
  const g = (i: number) => {
    const a = axisRadiusKm(magnitude, i, model.long);
    const b = axisRadiusKm(magnitude, i, model.short);
    if (a === 0 || b === 0) return Infinity;
    return (x / a) ** 2 + (y / b) ** 2 - 1;
  };
  let lo = -20;
  let hi = i0;
  if (g(lo) > 0) return 0;
  for (let k = 0; k < 200 && hi - lo > 1e-9; k++) {
    const mid = (lo + hi) / 2;
    if (g(mid) > 0) hi = mid; else lo = mid;
  }
  return Math.min(12, Math.max(0, (lo + hi) / 2));
}

/**
 * Intensity at a point for an earthquake of surface-wave magnitude `magnitude` with the long
 * axis of its isoseismals along `strikeDeg` (degrees clockwise from north; 0 and 180 are the
 * same axis). Epicentral distance only (the relation is fitted to epicentral distance).
 */
export function intensityAt(p: {
  magnitude: number; epicentre: LonLat; strikeDeg: number; point: LonLat; model?: EllipticalAttenuation;
}): number {
  requireFinite('strikeDeg', p.strikeDeg);
  const rKm = haversineM(p.epicentre, p.point) / 1000;
  const az = rKm > 0 ? initialBearingDeg(p.epicentre, p.point) : 0;
  return ellipticalIntensity(p.magnitude, rKm, az - p.strikeDeg, p.model ?? EAST_CHINA_GB18306);
}

/** Integer degree (1–12) of a continuous intensity: degree k covers [k − 0.5, k + 0.5). */
export function intensityDegree(i: number): number {
  requireFinite('intensity', i);
  return Math.min(12, Math.max(1, Math.floor(i + 0.5)));
}

/**
 * PGA (m/s²) for a continuous intensity, inverting the instrumental-intensity formula of
 * GB/T 17742-2020 "The Chinese seismic intensity scale", Appendix A, eq. (A.5):
 *   I_A = 3.17 lg(PGA) + 6.59,  PGA in m/s²  →  PGA = 10^((I − 6.59)/3.17).
 * PGA there is the peak of the vector sum of the three filtered components, not a single
 * horizontal component (docs/models-earthquake.md). Note that for I ≥ 6 the standard's
 * instrumental intensity is taken from PGV; PGA is indicative.
 */
export function intensityToPga(intensity: number): number {
  requireFinite('intensity', intensity);
  return 10 ** ((intensity - 6.59) / 3.17);
}

/** Inverse of intensityToPga: I_A = 3.17 lg(PGA) + 6.59 (PGA in m/s², > 0). */
export function pgaToIntensity(pgaMs2: number): number {
  requireFinite('pgaMs2', pgaMs2);
  if (pgaMs2 <= 0) throw new RangeError(`pgaMs2 must be > 0, got ${pgaMs2}`);
  return 3.17 * Math.log10(pgaMs2) + 6.59;
}

export const G_MS2 = 9.80665;

export interface PgaRange {
  degree: number;
  /** PGA at I = degree (m/s²). */
  medianMs2: number;
  /** PGA at I = degree − 0.5 (m/s²); 0 for degree I. */
  lowerMs2: number;
  /** PGA at I = degree + 0.5 (m/s²); Infinity for degree XII. */
  upperMs2: number;
}

/** PGA range of an integer degree from eq. (A.5): [I − 0.5, I + 0.5). */
export function pgaRangeForDegree(degree: number): PgaRange {
  if (!Number.isInteger(degree) || degree < 1 || degree > 12) throw new RangeError(`degree must be an integer 1–12, got ${degree}`);
  return {
    degree,
    medianMs2: intensityToPga(degree),
    lowerMs2: degree === 1 ? 0 : intensityToPga(degree - 0.5),
    upperMs2: degree === 12 ? Infinity : intensityToPga(degree + 0.5),
  };
}

/** The table for degrees I–XII (computed from eq. A.5; listed in docs/models-earthquake.md). */
export const GB17742_2020_PGA_TABLE: readonly PgaRange[] = Array.from({ length: 12 }, (_, k) => pgaRangeForDegree(k + 1));

/**
 * The 1975 Haicheng (海城) earthquake, Liaoning, 1975-02-04 19:36 CST — the reference event for
 * Shenyang drills (epicentre ~110 km SSW of Shenyang). Values and their sources:
 *  - Ms 7.3 (Chinese catalogue; ISC lists Ms 7.5, USGS Mw 7.0);
 *  - epicentre 40.70°N 122.83°E (Chinese location as quoted by Liu et al., "Intraplate
 *    Earthquakes", CUP 2014, §5.5.3; ISC: 40.66°N 122.68°E);
 *  - focal depth 12 km (Tamura et al. 1982 via Wikipedia-ja); other sources 15.6 km (ISC),
 *    16–21 km (Liu et al. 2014) — uncertain;
 *  - epicentral intensity IX (meizoseismal area ~760 km²);
 *  - strike of the isoseismal long axis ~290° (WNW; left-lateral rupture on a WNW plane,
 *    Jones et al. 1982, "Foreshocks and aftershocks of the 1975 Haicheng earthquake",
 *    as summarised by Liu et al. 2014) — approximate.
 */
export const HAICHENG_1975 = {
  name: 'Haicheng 1975',
  magnitudeMs: 7.3,
  epicentre: [122.83, 40.7] as LonLat,
  depthKm: 12,
  epicentralIntensity: 9,
  strikeDeg: 290,
  /** Isoseismal areas (km²) of degrees IX, VIII, VII as quoted (see docs for the ambiguity). */
  isoseismalAreasKm2: { 9: 760, 8: 1685, 7: 9200 } as Readonly<Record<number, number>>,
} as const;
