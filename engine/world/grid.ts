// Population grid: square cells in a local metric projection, each holding the people of the
// district its centre lies in. A plume a few km long is evaluated against these cells, because
// a whole district (60 to 3,300 km² in Shenyang) is far too coarse. Method and limits:
// docs/population-grid.md.

import {
  bboxOfMultiPolygon,
  localProjection,
  type LonLat,
} from './geo.ts';

export interface Cell {
  /** "c<col>-<row>", e.g. "c12-7"; col counts from the west edge, row from the north edge. */
  id: string;
  col: number;
  row: number;
  /** Cell centre, degrees (same datum as the district geometry). */
  lon: number;
  lat: number;
  /** Cell centre, metres east/north of the grid origin in the grid's local projection. */
  x: number;
  y: number;
  /** Id of the district that contains the cell centre. */
  district: string;
  /** Integer number of people. */
  population: number;
}

export interface DistrictInput {
  id: string;
  population: number;
  /** The district's total area, km² (not just the part inside the window). */
  areaKm2: number;
  geometry: LonLat[][][];
}

export interface PopulationGridOptions {
  /** Grid centre. */
  origin: LonLat;
  /** Half the side of the square window, metres. */
  halfWidthM: number;
  cellSizeM: number;
  districts: DistrictInput[];
}

export interface PopulationGrid {
  origin: LonLat;
  cellSizeM: number;
  cols: number;
  rows: number;
  /** Only cells inside some district, row-major (north row first, west to east). */
  cells: Cell[];
}

export function cellId(col: number, row: number): string {
  return `c${col}-${row}`;
}

/** Cells per side of a grid: the loader checks the count against its limit with the same formula. */
export function gridSide(halfWidthM: number, cellSizeM: number): number {
  // Subtract a hair so that an exact multiple (24,000 / 400) does not round up through float error.
  return Math.max(1, Math.ceil((2 * halfWidthM) / cellSizeM - 1e-9));
}

function assertPositiveFinite(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a positive finite number, got ${v}`);
}

/**
 * Largest-remainder (Hamilton) apportionment: give each item floor(quota), then hand the
 * `target − Σ floor` leftover units to the largest fractional parts, ties by id (ascending),
 * so the integers always sum to `target` and the result does not depend on input order.
 */
function apportion(items: { id: string; quota: number }[], target: number): number[] {
  const floors = items.map((it) => Math.floor(it.quota));
  let leftover = target - floors.reduce((s, f) => s + f, 0);
  const order = items
    .map((it, i) => ({ i, id: it.id, rem: it.quota - floors[i] }))
    .sort((a, b) => (b.rem !== a.rem ? b.rem - a.rem : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // leftover is in [0, n] for consistent quotas; the loops below stay safe even if it is not.
  for (let k = 0; leftover > 0 && order.length > 0; k = (k + 1) % order.length, leftover--) {
    floors[order[k].i] += 1;
  }
  for (let k = order.length - 1; leftover < 0 && k >= 0; k--) {
    if (floors[order[k].i] > 0) {
      floors[order[k].i] -= 1;
      leftover++;
    }
  }
  return floors;
}

/**
 * x-coordinates where the ring's edges cross the parallel at `lat`, using exactly the half-open
 * rule and arithmetic of pointInRing (geo.ts), so the scanline gives the same answer as testing
 * each cell centre with pointInMultiPolygon.
 */
function ringCrossings(ring: LonLat[], lat: number): number[] {
  const xs: number[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
  }
  return xs;
}

/** Even-odd rule: does the eastward ray from `lon` cross an odd number of the ring's edges? */
function oddCrossings(lon: number, xs: number[]): boolean {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (lon < xs[i]) c++;
  return (c & 1) === 1;
}

/** Inside the exterior ring (0) and in no hole, from precomputed crossings. */
function insideByCrossings(lon: number, polygon: number[][]): boolean {
  if (polygon.length === 0 || !oddCrossings(lon, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (oddCrossings(lon, polygon[h])) return false;
  return true;
}

/**
 * Build a square grid of `cols × rows` cells centred on `origin`, side = cols × cellSizeM
 * (cols = ceil(2·halfWidthM / cellSizeM), so the window is never smaller than asked).
 *
 * Each district's population is spread uniformly over its own total area: a cell whose centre
 * lies in the district gets population × cellArea / districtArea. A window that covers part of
 * a district therefore holds only that part's share. Per district the integer cell values sum
 * to round(population × coveredShare), coveredShare = min(1, cells × cellArea / districtArea);
 * the cap at 1 stops a fully covered district from gaining people through edge discretisation.
 * A cell centre on the border of two districts goes to the first one in `districts` order.
 */
export function buildPopulationGrid(opts: PopulationGridOptions): PopulationGrid {
  const { origin, halfWidthM, cellSizeM, districts } = opts;
  assertPositiveFinite('halfWidthM', halfWidthM);
  assertPositiveFinite('cellSizeM', cellSizeM);
  if (!(Number.isFinite(origin[0]) && Number.isFinite(origin[1]))) throw new RangeError('origin must be finite');

  const seen = new Set<string>();
  const prepared = districts.map((d) => {
    if (seen.has(d.id)) throw new Error(`duplicate district id: ${d.id}`);
    seen.add(d.id);
    assertPositiveFinite(`areaKm2 of ${d.id}`, d.areaKm2);
    if (!(Number.isFinite(d.population) && d.population >= 0)) {
      throw new RangeError(`population of ${d.id} must be a finite number ≥ 0`);
    }
    return { d, bbox: bboxOfMultiPolygon(d.geometry) };
  });

  const n = gridSide(halfWidthM, cellSizeM);
  const proj = localProjection(origin);
  const cellAreaM2 = cellSizeM * cellSizeM;

  // Cells in row-major order, each with the index of its district.
  const raw: { id: string; col: number; row: number; lon: number; lat: number; x: number; y: number; k: number }[] = [];
  for (let row = 0; row < n; row++) {
    const y = (n / 2 - row - 0.5) * cellSizeM; // row 0 is the northern edge
    const lat = proj.toLonLat([0, y])[1]; // the same for every cell of the row
    // Scanline: every cell of a row shares one latitude, so each ring's crossings with that
    // parallel are found once per row instead of once per cell. Only districts whose bounding box
    // spans this latitude are scanned (bounding-box prefilter).
    const rowHits = prepared.map((pd) =>
      lat < pd.bbox[1] || lat > pd.bbox[3] ? null : pd.d.geometry.map((poly) => poly.map((ring) => ringCrossings(ring, lat))),
    );
    for (let col = 0; col < n; col++) {
      const x = (col + 0.5 - n / 2) * cellSizeM;
      const [lon] = proj.toLonLat([x, y]);
      for (let k = 0; k < prepared.length; k++) {
        const hits = rowHits[k];
        const b = prepared[k].bbox;
        if (hits === null || lon < b[0] || lon > b[2]) continue;
        let inside = false;
        for (let q = 0; q < hits.length && !inside; q++) inside = insideByCrossings(lon, hits[q]);
        if (inside) {
          raw.push({ id: cellId(col, row), col, row, lon, lat, x, y, k });
          break;
        }
      }
    }
  }

  // Apportion each district's share over its cells.
  const byDistrict: number[][] = prepared.map(() => []);
  raw.forEach((c, i) => byDistrict[c.k].push(i));
  const pops = new Array<number>(raw.length).fill(0);
  byDistrict.forEach((idx, k) => {
    if (idx.length === 0) return;
    const { population, areaKm2 } = prepared[k].d;
    const share = Math.min(1, (idx.length * cellAreaM2) / (areaKm2 * 1e6));
    const target = Math.round(population * share);
    const quota = (population * share) / idx.length; // uniform density: equal per cell
    const ints = apportion(
      idx.map((i) => ({ id: raw[i].id, quota })),
      target,
    );
    idx.forEach((i, j) => (pops[i] = ints[j]));
  });

  const cells: Cell[] = raw.map((c, i) => ({
    id: c.id,
    col: c.col,
    row: c.row,
    lon: c.lon,
    lat: c.lat,
    x: c.x,
    y: c.y,
    district: prepared[c.k].d.id,
    population: pops[i],
  }));
  return { origin: [origin[0], origin[1]], cellSizeM, cols: n, rows: n, cells };
}
