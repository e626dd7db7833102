/**
 * Small spherical-Earth helpers shared by the typhoon and earthquake models.
 *
 * Points are [lon, lat] in degrees (GeoJSON order). Distances use a spherical Earth of radius
 * 6371 km (the IUGG mean radius rounded, Moritz 2000, "Geodetic Reference System 1980",
 * J. Geodesy 74:128–133); the error against the ellipsoid is below 0.5 %, far below the
 * uncertainty of the hazard models that use these distances.
 */

import { requireFinite } from '../guard.ts';

export type LonLat = readonly [number, number];

/** Mean Earth radius (m). */
export const EARTH_RADIUS_M = 6_371_000;

const DEG = Math.PI / 180;

/** Normalises an angle to [0, 360). */
export function normalizeDeg(a: number): number {
  const r = a % 360;
  return r < 0 ? r + 360 : r;
}

function checkPoint(name: string, p: LonLat): void {
  requireFinite(`${name}[0] (lon)`, p[0]);
  requireFinite(`${name}[1] (lat)`, p[1]);
  if (p[1] < -90 || p[1] > 90) throw new RangeError(`${name} latitude must be in [-90, 90], got ${p[1]}`);
}

/**
 * Great-circle distance (m), haversine formula (Sinnott, R.W. 1984, "Virtues of the
 * haversine", Sky and Telescope 68(2):159).
 */
export function haversineM(a: LonLat, b: LonLat): number {
  checkPoint('a', a);
  checkPoint('b', b);
  const phi1 = a[1] * DEG;
  const phi2 = b[1] * DEG;
  const dphi = phi2 - phi1;
  const dlam = (b[0] - a[0]) * DEG;
  const h = Math.sin(dphi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dlam / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Initial bearing from a to b, degrees clockwise from true north in [0, 360)
 * (standard spherical forward azimuth, e.g. Snyder 1987, "Map Projections — A Working
 * Manual", USGS PP 1395, eq. 5-4b). Returns 0 when a and b coincide.
 */
export function initialBearingDeg(a: LonLat, b: LonLat): number {
  checkPoint('a', a);
  checkPoint('b', b);
  const phi1 = a[1] * DEG;
  const phi2 = b[1] * DEG;
  const dlam = (b[0] - a[0]) * DEG;
  const y = Math.sin(dlam) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dlam);
  if (x === 0 && y === 0) return 0;
  return normalizeDeg(Math.atan2(y, x) / DEG);
}
