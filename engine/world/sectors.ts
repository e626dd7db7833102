/**
 * Grid cells around a fixed point (a leaking tank), binned by bearing and sorted by distance
 * within each bin. A plume or puff step then looks only at the cells of its cone and distance
 * band instead of the whole grid. The index only ever narrows the search to a superset of the
 * cells that matter: the caller still applies its exact tests to every cell it is given, so the
 * result is the same as scanning the grid.
 */

/** Bins of 5°: small enough that a cone of ±10° touches few spare cells, large enough to stay few. */
const BINS = 72;
const BIN_WIDTH = (2 * Math.PI) / BINS;
/**
 * Cells this close to the point are handed out whatever the bearing: a cell right at the source has
 * no meaningful bearing, and a Gaussian cone is wider than its half-angle within 1 m of the source.
 */
const NEAR_M = 2;

export interface SectorIndex {
  /** Cell indices of each bin, nearest first. */
  cells: Int32Array[];
  /** Their distances from the point (m), ascending. */
  dist: Float64Array[];
  /** Cells within NEAR_M of the point (in no bin, so no cell is handed out twice). */
  near: Int32Array;
}

function binOf(bearing: number): number {
  const b = Math.floor((bearing + Math.PI) / BIN_WIDTH);
  return Math.min(BINS - 1, Math.max(0, b));
}

/** Index cells (centres xs, ys, in metres east and north) around the point (px, py). */
export function sectorIndex(xs: Float64Array, ys: Float64Array, px: number, py: number): SectorIndex {
  const bins: { i: number; r: number }[][] = Array.from({ length: BINS }, () => []);
  const near: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i] - px;
    const dy = ys[i] - py;
    const r = Math.hypot(dx, dy);
    if (r < NEAR_M) near.push(i);
    else bins[binOf(Math.atan2(dy, dx))].push({ i, r });
  }
  const sorted = bins.map((b) => b.sort((a, c) => a.r - c.r || a.i - c.i));
  return {
    cells: sorted.map((b) => Int32Array.from(b, (c) => c.i)),
    dist: sorted.map((b) => Float64Array.from(b, (c) => c.r)),
    near: Int32Array.from(near)
  };
}

/** First position in an ascending array whose value is ≥ v. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Write into `out` every cell that may lie within `halfAngle` (radians, < π/2) of the direction
 * (toE, toN) (a unit vector) at a downwind distance between rMin and rMax (m), plus the cells
 * near the point; returns how many, each cell once. Margins: one extra bin on each side, and the
 * distances widened by 1e-6 relative, far above rounding, so no cell the cone holds is left out.
 */
export function coneCells(idx: SectorIndex, toE: number, toN: number, halfAngle: number, rMin: number, rMax: number, out: Int32Array): number {
  let m = 0;
  for (let k = 0; k < idx.near.length; k++) out[m++] = idx.near[k];
  const spread = halfAngle + BIN_WIDTH;
  if (spread >= Math.PI / 2 - 0.05) {
    // A cone this wide: no useful bound from the bearing; every bin, distance from rMin only.
    for (let b = 0; b < BINS; b++) m = collectBin(idx, b, rMin * (1 - 1e-6), Infinity, out, m);
    return m;
  }
  // x = r·cos δ with |δ| ≤ spread, so x ≤ rMax needs r ≤ rMax / cos(spread); x ≥ rMin needs r ≥ rMin.
  const lo = rMin * (1 - 1e-6);
  const hi = (rMax / Math.cos(spread)) * (1 + 1e-6);
  const centre = Math.atan2(toN, toE);
  const first = Math.floor((centre - spread + Math.PI) / BIN_WIDTH);
  const last = Math.floor((centre + spread + Math.PI) / BIN_WIDTH);
  // The bins run round the circle: a cone across bearing ±π takes bins from both ends.
  for (let b = first; b <= last; b++) m = collectBin(idx, ((b % BINS) + BINS) % BINS, lo, hi, out, m);
  return m;
}

/** Append the cells of one bin at distances in [lo, hi]. */
function collectBin(idx: SectorIndex, bin: number, lo: number, hi: number, out: Int32Array, m: number): number {
  const d = idx.dist[bin];
  const cells = idx.cells[bin];
  for (let j = lowerBound(d, lo); j < d.length && d[j] <= hi; j++) out[m++] = cells[j];
  return m;
}
