// Small geodesy helpers for the world model: great-circle distance and bearing,
// a local metric projection, point-in-polygon, and a minimal GeoJSON shape.
// Pure functions only: no DOM, no Node APIs, no randomness, no clock.

/** [longitude, latitude] in degrees. The Shenyang maps are GCJ-02, see scenarios/maps/README.md. */
export type LonLat = [number, number];
/** [x, y] in metres, x east and y north, in a local projection. */
export type XY = [number, number];

/** Mean Earth radius R1 = (2a + b) / 3 of WGS-84, as recommended by the IUGG. */
export const EARTH_RADIUS_M = 6371008.8;

const DEG = Math.PI / 180;

/**
 * Great-circle distance in metres by the haversine formula
 * (R. W. Sinnott, "Virtues of the Haversine", Sky & Telescope 68(2), 1984).
 * It is well conditioned for short distances, unlike the spherical law of cosines.
 */
export function haversineMeters(a: LonLat, b: LonLat): number {
  const phi1 = a[1] * DEG;
  const phi2 = b[1] * DEG;
  const dPhi = phi2 - phi1;
  const dLambda = (b[0] - a[0]) * DEG;
  const h =
    Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  // min() guards against h creeping above 1 by rounding for antipodal points.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Equirectangular projection about `origin` (Snyder, "Map Projections: A Working Manual",
 * USGS PP 1395, 1987, ch. 12): x = R·Δλ·cos φ0, y = R·Δφ.
 * The scale is exact along the origin's parallel and along meridians; elsewhere the east
 * component is off by about tan φ0 · Δφ (≈0.2% 12 km north of the origin at 42° N,
 * ≈0.7% at 50 km), which is far below the uncertainty of a district-level population.
 */
export function localProjection(origin: LonLat): {
  toXY(p: LonLat): XY;
  toLonLat(p: XY): LonLat;
} {
  const [lon0, lat0] = origin;
  const kx = EARTH_RADIUS_M * DEG * Math.cos(lat0 * DEG); // metres per degree of longitude
  const ky = EARTH_RADIUS_M * DEG; // metres per degree of latitude
  return {
    toXY(p: LonLat): XY {
      return [(p[0] - lon0) * kx, (p[1] - lat0) * ky];
    },
    toLonLat(p: XY): LonLat {
      return [lon0 + p[0] / kx, lat0 + p[1] / ky];
    },
  };
}

/**
 * Initial great-circle bearing from a to b in degrees, 0 = north, clockwise, in [0, 360).
 * Standard forward-azimuth formula: θ = atan2(sin Δλ · cos φ2, cos φ1 · sin φ2 − sin φ1 · cos φ2 · cos Δλ)
 * (E. Williams, "Aviation Formulary"). Returns 0 for identical points.
 */
export function bearingDegrees(a: LonLat, b: LonLat): number {
  const phi1 = a[1] * DEG;
  const phi2 = b[1] * DEG;
  const dLambda = (b[0] - a[0]) * DEG;
  const y = Math.sin(dLambda) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
  const theta = Math.atan2(y, x) / DEG;
  // atan2 can give -0; normalise it and wrap into [0, 360).
  const deg = (theta + 360) % 360;
  return deg === 0 ? 0 : deg;
}

/**
 * Even-odd ray casting (W. R. Franklin, PNPOLY): count crossings of a ray going east from p.
 * Works for either winding order (the Shenyang file's outer rings are clockwise) and for rings
 * given closed (last = first) or open. Points exactly on an edge may fall either way; for
 * cell centres that is acceptable because a shared border belongs to one neighbour or the other.
 * Coordinates are treated as planar lon/lat, fine for edges a few km long.
 */
export function pointInRing(p: LonLat, ring: LonLat[]): boolean {
  const [px, py] = p;
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    // Half-open test (yi > py) !== (yj > py) counts a vertex on the ray exactly once.
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** GeoJSON polygon: ring 0 is the exterior, the rest are holes (RFC 7946 §3.1.6). */
export function pointInPolygon(p: LonLat, polygon: LonLat[][]): boolean {
  if (polygon.length === 0 || !pointInRing(p, polygon[0])) return false;
  for (let k = 1; k < polygon.length; k++) {
    if (pointInRing(p, polygon[k])) return false;
  }
  return true;
}

export function pointInMultiPolygon(p: LonLat, mp: LonLat[][][]): boolean {
  for (const polygon of mp) {
    if (pointInPolygon(p, polygon)) return true;
  }
  return false;
}

/** Axis-aligned bounding box [minLon, minLat, maxLon, maxLat] of a multipolygon's exterior rings. */
export type BBox = [number, number, number, number];

export function bboxOfMultiPolygon(mp: LonLat[][][]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of mp) {
    // Holes lie inside the exterior, so the exterior ring alone bounds the polygon.
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  // Left as unknown: it comes from parsed JSON and asMultiPolygon checks its shape.
  coordinates: unknown;
}

/** A district as it appears in scenarios/maps/shenyang-districts.geojson. */
export interface DistrictFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: PolygonGeometry;
}

export interface DistrictFeatureCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

function isPosition(v: unknown): v is LonLat {
  return (
    Array.isArray(v) &&
    v.length >= 2 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    Number.isFinite(v[0]) &&
    Number.isFinite(v[1])
  );
}

function asPolygon(v: unknown): LonLat[][] {
  if (!Array.isArray(v)) throw new TypeError('polygon must be an array of rings');
  return v.map((ring: unknown) => {
    if (!Array.isArray(ring) || ring.length < 3) {
      throw new TypeError('a ring must be an array of at least 3 positions');
    }
    return ring.map((pos: unknown) => {
      if (!isPosition(pos)) throw new TypeError('a position must be [lon, lat] numbers');
      // Drop any altitude so every position is exactly [lon, lat].
      return [pos[0], pos[1]] as LonLat;
    });
  });
}

/** Normalise a Polygon or MultiPolygon geometry to MultiPolygon coordinates (a fresh copy). */
export function asMultiPolygon(geometry: PolygonGeometry): LonLat[][][] {
  if (geometry.type === 'Polygon') return [asPolygon(geometry.coordinates)];
  if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates)) {
      throw new TypeError('MultiPolygon coordinates must be an array of polygons');
    }
    return geometry.coordinates.map((poly: unknown) => asPolygon(poly));
  }
  throw new TypeError(`unsupported geometry type: ${String((geometry as { type: unknown }).type)}`);
}
