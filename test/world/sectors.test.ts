import { describe, expect, it } from 'vitest';
import { sectorIndex, coneCells } from '../../engine/world/sectors.ts';

/** A 50 × 50 grid of 400 m cells centred on the origin, as the chemical scenario's. */
function grid(): { xs: Float64Array; ys: Float64Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let row = 0; row < 50; row++)
    for (let col = 0; col < 50; col++) {
      xs.push((col - 25 + 0.5) * 400);
      ys.push((25 - row - 0.5) * 400);
    }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/** Cells with 0 < x, rMin ≤ x ≤ rMax and |y| ≤ x·tan(halfAngle) (or within 2 m of the point), by brute force. */
function bruteForce(xs: Float64Array, ys: Float64Array, px: number, py: number, de: number, dn: number, half: number, rMin: number, rMax: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const rx = xs[i] - px;
    const ry = ys[i] - py;
    const x = rx * de + ry * dn;
    const y = -rx * dn + ry * de;
    if (Math.hypot(rx, ry) < 2) { out.push(i); continue; }
    if (x <= 0 || x < rMin || x > rMax) continue;
    if (Math.abs(y) <= x * Math.tan(half)) out.push(i);
  }
  return out;
}

describe('sector index of grid cells around a point', () => {
  const { xs, ys } = grid();

  it('gives every cell of the cone and band, each once, and far fewer than the grid for a narrow cone', () => {
    // A fixed LCG so the directions are the same on every run.
    let s = 7;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const [px, py] of [[0, 0], [200, 200], [137.5, -2210.25], [-9900, 9900]]) {
      const idx = sectorIndex(xs, ys, px, py);
      const out = new Int32Array(xs.length);
      for (let k = 0; k < 200; k++) {
        const dir = next() * 2 * Math.PI;
        const de = Math.sin(dir);
        const dn = Math.cos(dir);
        const half = Math.atan(5 * [0.04, 0.11, 0.16, 0.22, 0.32][k % 5] * 1.0000001);
        const rMin = k % 3 === 0 ? next() * 8000 : 0;
        const rMax = rMin + (k % 2 === 0 ? next() * 20000 : 1e9);
        const m = coneCells(idx, de, dn, half, rMin, rMax, out);
        const got = Array.from(out.subarray(0, m));
        expect(new Set(got).size).toBe(got.length);
        const have = new Set(got);
        expect(bruteForce(xs, ys, px, py, de, dn, half, rMin, rMax).filter((i) => !have.has(i))).toEqual([]);
      }
    }
  });

  it('a narrow cone (stable air, ±11°) from the centre visits about a sixth of the grid, not all of it', () => {
    const idx = sectorIndex(xs, ys, 0, 0);
    const out = new Int32Array(xs.length);
    const m = coneCells(idx, 1, 0, Math.atan(5 * 0.04), 0, 1e9, out);
    expect(m).toBeGreaterThan(100);
    expect(m).toBeLessThan(xs.length / 5);
  });

  it('a cone too wide for a bearing bound (near ±90°) still gives every cell of it', () => {
    const idx = sectorIndex(xs, ys, 137.5, -2210.25);
    const out = new Int32Array(xs.length);
    const m = coneCells(idx, -1, 0, 1.5, 3000, 9000, out);
    const have = new Set(out.subarray(0, m));
    expect(have.size).toBe(m);
    expect(bruteForce(xs, ys, 137.5, -2210.25, -1, 0, 1.5, 3000, 9000).filter((i) => !have.has(i))).toEqual([]);
  });

  it('a cell at the point itself is always given', () => {
    const idx = sectorIndex(xs, ys, 200, 200);
    const out = new Int32Array(xs.length);
    const m = coneCells(idx, 0, 1, 0.1, 5000, 6000, out);
    const centre = Array.from(xs).findIndex((x, i) => x === 200 && ys[i] === 200);
    expect(Array.from(out.subarray(0, m))).toContain(centre);
  });
});
