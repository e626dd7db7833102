/**
 * Seismic intensity (Chinese scale) from surface-wave magnitude and epicentral distance with the
 * elliptical attenuation model used for China:
 *
 *   I_a = A_a + B_a·Ms − C_a·lg(R_a + R0_a)     along the long axis
 *   I_b = A_b + B_b·Ms − C_b·lg(R_b + R0_b)     along the short axis        (lg = log10)
 *
 * the form of 汪素云, 时振梁, 冯义钧 et al. (2000) "中国地震烈度衰减关系", 中国地震 16(2):99–106,
 * and of the relations behind GB 18306-2015 (中国地震动参数区划图). Isoseismals are ellipses with
 * semi-axes R_a(I) (along the long axis, usually the fault strike) and R_b(I); the intensity at a
 * point is the I whose ellipse passes through it. The relations are fitted to epicentral distance
 * for shallow crustal earthquakes: focal depth does not enter (the R0 terms play its part).
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
 * GB 18306-2015 intensity attenuation for the eastern strong-earthquake region (东部强震区, which
 * contains Liaoning), lg base, Ms, epicentral distance in km: 肖亮 & 俞言祥 (2011), as tabulated
 * in 高孟潭 (ed.) 2015, 《GB 18306-2015〈中国地震动参数区划图〉宣贯教材》. Transcribed from two
 * independent public copies that agree digit for digit; the textbook itself was not seen. The two
 * axes give the same epicentral intensity to 1e-4 (a consistency check of the transcription).
 */
export const EAST_CHINA_GB18306: EllipticalAttenuation = {
  name: 'GB 18306-2015 east (东部强震区)',
  long: { a: 5.7123, b: 1.3626, c: 4.2903, r0: 25 },
  short: { a: 3.6588, b: 1.3626, c: 3.5406, r0: 13 },
  sigma: 0.5826,
};

/** Intensity along one axis at distance rKm: A + B·M − C·lg(R + R0). */
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

/** Semi-axes (km) of the isoseismal ellipse of intensity I: long (along the long axis) and short. */
export function isoseismalAxesKm(
  magnitude: number, intensity: number, model: EllipticalAttenuation = EAST_CHINA_GB18306,
): { longKm: number; shortKm: number } {
  return { longKm: axisRadiusKm(magnitude, intensity, model.long), shortKm: axisRadiusKm(magnitude, intensity, model.short) };
}

/** Area (km²) inside the isoseismal of intensity I: π·R_a·R_b. */
export function isoseismalAreaKm2(magnitude: number, intensity: number, model: EllipticalAttenuation = EAST_CHINA_GB18306): number {
  return Math.PI * axisRadiusKm(magnitude, intensity, model.long) * axisRadiusKm(magnitude, intensity, model.short);
}

/** Epicentral intensity: the smaller of the two axis values at R = 0 (they agree to 1e-4 for the default). */
export function epicentralIntensity(magnitude: number, model: EllipticalAttenuation = EAST_CHINA_GB18306): number {
  return Math.min(axisIntensity(magnitude, 0, model.long), axisIntensity(magnitude, 0, model.short));
}

const DEG = Math.PI / 180;
/** Bisection stops when the bracket is this narrow (intensity units); far below the model's σ ≈ 0.6. */
const INTENSITY_TOLERANCE = 1e-7;

/**
 * Intensity at distance rKm and angle thetaDeg between the long axis and the epicentre→point
 * direction: the I for which (x/R_a(I))² + (y/R_b(I))² = 1 with x = r cos θ, y = r sin θ.
 * The left side grows monotonically with I (both radii shrink), so bisection on
 * [I_min, I_0] converges; θ = 0 reproduces the long-axis relation, θ = 90° the short-axis one.
 * Result clamped to [0, 12]. No allocation: safe to call per grid cell.
 */
export function ellipticalIntensity(
  magnitude: number, rKm: number, thetaDeg: number, model: EllipticalAttenuation = EAST_CHINA_GB18306,
): number {
  requireFinite('magnitude', magnitude);
  requireNonNegative('rKm', rKm);
  requireFinite('thetaDeg', thetaDeg);
  const i0 = epicentralIntensity(magnitude, model);
  if (rKm === 0) return Math.min(12, Math.max(0, i0));
  const x = rKm * Math.cos(thetaDeg * DEG);
  const y = rKm * Math.sin(thetaDeg * DEG);
  let lo = -6; // far below intensity I: the point lies inside this ellipse for any r on Earth
  let hi = i0;
  if (ellipseExcess(magnitude, lo, x, y, model) > 0) return 0;
  while (hi - lo > INTENSITY_TOLERANCE) {
    const mid = 0.5 * (lo + hi);
    if (ellipseExcess(magnitude, mid, x, y, model) > 0) hi = mid; else lo = mid;
  }
  return Math.min(12, Math.max(0, 0.5 * (lo + hi)));
}

/** (x/R_a)² + (y/R_b)² − 1 for the isoseismal of intensity i; +∞ once an axis has shrunk to 0. */
function ellipseExcess(magnitude: number, i: number, x: number, y: number, model: EllipticalAttenuation): number {
  const a = 10 ** ((model.long.a + model.long.b * magnitude - i) / model.long.c) - model.long.r0;
  const b = 10 ** ((model.short.a + model.short.b * magnitude - i) / model.short.c) - model.short.r0;
  if (a <= 0 || b <= 0) return Infinity;
  return (x / a) ** 2 + (y / b) ** 2 - 1;
}

/** The earthquake as the intensity model needs it. */
export interface QuakeSource {
  /** Surface-wave magnitude Ms (the Chinese catalogue magnitude). */
  magnitude: number;
  /** Epicentre [lon, lat] (degrees). */
  epicentre: LonLat;
  /** Azimuth of the isoseismals' long axis (usually the fault strike), degrees clockwise from north; 0 and 180 are the same axis. */
  longAxisAzimuthDeg: number;
}

/** Intensity at a point [lon, lat]: epicentral distance and angle to the long axis, then ellipticalIntensity. */
export function intensityAt(source: QuakeSource, point: LonLat, model: EllipticalAttenuation = EAST_CHINA_GB18306): number {
  requireFinite('longAxisAzimuthDeg', source.longAxisAzimuthDeg);
  const rKm = haversineM(source.epicentre, point) / 1000;
  const az = rKm > 0 ? initialBearingDeg(source.epicentre, point) : 0;
  return ellipticalIntensity(source.magnitude, rKm, az - source.longAxisAzimuthDeg, model);
}

/**
 * The 1975 Haicheng (海城) earthquake, Liaoning, 1975-02-04 19:36 CST: the reference event for
 * Shenyang drills and the test case of the attenuation model. Values and their sources:
 *  - Ms 7.3 (Chinese catalogue; USGS Mw 7.0);
 *  - epicentre 40.70°N 122.83°E (Chinese location as quoted by Liu et al., "Intraplate
 *    Earthquakes", CUP 2014, §5.5.3);
 *  - focal depth 12 km (Tamura et al. 1982); other sources give 16–21 km;
 *  - epicentral intensity IX; areas inside the IX, VIII and VII isoseismals 760, 1685 and
 *    9200 km² as quoted in Chinese accounts of the event (the 760 km² meizoseismal area also by
 *    Tamura et al. 1982); whether 1685 and 9200 are zone or enclosed areas is not stated;
 *  - felt intensity VI in Shenyang and IV in Beijing (standard Chinese textbook example);
 *  - long axis WNW, ~290° (left-lateral rupture on a WNW plane, Jones et al. 1982, BSSA 72(3)).
 */
export const HAICHENG_1975 = {
  name: 'Haicheng 1975 海城地震',
  magnitudeMs: 7.3,
  epicentre: [122.83, 40.7] as LonLat,
  depthKm: 12,
  longAxisAzimuthDeg: 290,
  epicentralIntensity: 9,
  isoseismalAreasKm2: { 9: 760, 8: 1685, 7: 9200 } as Readonly<Record<number, number>>,
  /** Observed intensity at city centres: [lon, lat] and degree. */
  cities: [
    { name: 'Shenyang 沈阳', at: [123.43, 41.8] as LonLat, degree: 6 },
    { name: 'Beijing 北京', at: [116.4, 39.9] as LonLat, degree: 4 },
  ],
} as const;
