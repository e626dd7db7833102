import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  asMultiPolygon,
  bboxOfMultiPolygon,
  buildPopulationGrid,
  localProjection,
  pointInMultiPolygon,
  type DistrictFeatureCollection,
  type DistrictInput,
  type LonLat,
  type XY,
} from '../../engine/world/index.ts';

const ORIGIN: LonLat = [123.43, 41.8];

/** A rectangle given in metres of the grid's own projection, as a lon/lat multipolygon. */
function rectangle(x0: number, y0: number, x1: number, y1: number): LonLat[][][] {
  const proj = localProjection(ORIGIN);
  const corners: XY[] = [[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]];
  return [[corners.map((c) => proj.toLonLat(c))]];
}

function sumBy(cells: { district: string; population: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cells) out[c.district] = (out[c.district] ?? 0) + c.population;
  return out;
}

describe('buildPopulationGrid on two hand-made squares', () => {
  // 8 × 8 cells of 500 m (window 4 km × 4 km). A = 2 km × 2 km west of the origin's meridian,
  // fully inside. B = 4 km × 2 km east of it, only its western half inside the window.
  const districts: DistrictInput[] = [
    { id: 'A', population: 1000, areaKm2: 4, geometry: rectangle(-2000, -1000, 0, 1000) },
    { id: 'B', population: 333, areaKm2: 8, geometry: rectangle(0, -1000, 4000, 1000) },
  ];
  const grid = buildPopulationGrid({ origin: ORIGIN, halfWidthM: 2000, cellSizeM: 500, districts });

  it('lays out 8 × 8 cells and keeps the 32 whose centre is in a district', () => {
    expect(grid.cols).toBe(8);
    expect(grid.rows).toBe(8);
    // Rows 2–5 (y centres 750 … −750) × cols 0–3 for A and 4–7 for B.
    expect(grid.cells).toHaveLength(32);
    expect(grid.cells.filter((c) => c.district === 'A')).toHaveLength(16);
    const first = grid.cells[0];
    expect(first).toMatchObject({ id: 'c0-2', col: 0, row: 2, x: -1750, y: 750, district: 'A' });
    expect(grid.cells[4]).toMatchObject({ id: 'c4-2', x: 250, y: 750, district: 'B' });
  });

  it('is row-major: north row first, west to east', () => {
    const keys = grid.cells.map((c) => c.row * 100 + c.col);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('conserves A fully: 16 cells × 62.5 = 1000, the 8 extra people go to the lowest cell ids', () => {
    const a = grid.cells.filter((c) => c.district === 'A');
    expect(a.reduce((s, c) => s + c.population, 0)).toBe(1000);
    const got63 = a.filter((c) => c.population === 63).map((c) => c.id).sort();
    expect(got63).toEqual(['c0-2', 'c0-3', 'c0-4', 'c0-5', 'c1-2', 'c1-3', 'c1-4', 'c1-5']);
    expect(a.filter((c) => c.population === 62)).toHaveLength(8);
  });

  it('gives B only its covered half: round(333 × 4/8) = round(166.5) = 167', () => {
    // Quota per cell 333 × 0.25/8 = 10.40625: 16 × 10 = 160, 7 cells get an 11th person.
    const b = grid.cells.filter((c) => c.district === 'B');
    expect(b.reduce((s, c) => s + c.population, 0)).toBe(167);
    const got11 = b.filter((c) => c.population === 11).map((c) => c.id).sort();
    expect(got11).toEqual(['c4-2', 'c4-3', 'c4-4', 'c4-5', 'c5-2', 'c5-3', 'c5-4']);
  });

  it('does not depend on the order of the districts (they do not overlap)', () => {
    const flipped = buildPopulationGrid({
      origin: ORIGIN,
      halfWidthM: 2000,
      cellSizeM: 500,
      districts: [...districts].reverse(),
    });
    expect(flipped).toEqual(grid);
  });

  it('caps the covered share at 1 so a fully covered district never gains people', () => {
    // 16 cells × 0.25 km² = 4 km² of cells, but the district claims 3 km².
    const g = buildPopulationGrid({
      origin: ORIGIN,
      halfWidthM: 2000,
      cellSizeM: 500,
      districts: [{ id: 'A', population: 1000, areaKm2: 3, geometry: rectangle(-2000, -1000, 0, 1000) }],
    });
    expect(sumBy(g.cells)).toEqual({ A: 1000 });
  });

  it('rounds the window up to whole cells and rejects bad sizes', () => {
    const g = buildPopulationGrid({ origin: ORIGIN, halfWidthM: 1100, cellSizeM: 500, districts });
    expect(g.cols).toBe(5); // ceil(2200 / 500)
    expect(() => buildPopulationGrid({ origin: ORIGIN, halfWidthM: 1000, cellSizeM: 0, districts })).toThrow(RangeError);
    expect(() =>
      buildPopulationGrid({ origin: ORIGIN, halfWidthM: 1000, cellSizeM: 100, districts: [districts[0], districts[0]] }),
    ).toThrow(/duplicate/);
  });
});

describe('buildPopulationGrid where a row passes exactly through a vertex', () => {
  // Notched square 0…2000 × −1000…1000 m; the notch tip (1000, 250) lies exactly on the centre
  // line of row 3 (y = 250), so the row's eastward rays run through a vertex.
  const proj = localProjection(ORIGIN);
  const ring = ([[0, -1000], [0, 1000], [2000, 1000], [1000, 250], [2000, -1000], [0, -1000]] as XY[]).map((c) =>
    proj.toLonLat(c),
  );
  const notched: DistrictInput = { id: 'N', population: 100, areaKm2: 3, geometry: [[ring]] };
  const grid = buildPopulationGrid({ origin: ORIGIN, halfWidthM: 2000, cellSizeM: 500, districts: [notched] });

  it('keeps the cells west of the tip and drops those in the notch', () => {
    const row3 = grid.cells.filter((c) => c.row === 3).map((c) => c.id);
    expect(row3).toEqual(['c4-3', 'c5-3']); // x = 250, 750 inside; x = 1250, 1750 in the notch
  });

  it('agrees with pointInMultiPolygon on every cell of the window', () => {
    const kept = new Set(grid.cells.map((c) => c.id));
    for (let row = 0; row < 8; row++) {
      for (let col = 0; col < 8; col++) {
        const p = proj.toLonLat([(col + 0.5 - 4) * 500, (4 - row - 0.5) * 500]);
        expect(kept.has(`c${col}-${row}`), `c${col}-${row}`).toBe(pointInMultiPolygon(p, notched.geometry));
      }
    }
  });
});

describe('buildPopulationGrid on the Shenyang map', () => {
  const fc = JSON.parse(
    readFileSync(new URL('../../scenarios/maps/shenyang-districts.geojson', import.meta.url), 'utf8'),
  ) as DistrictFeatureCollection;
  const pops = JSON.parse(
    readFileSync(new URL('../../scenarios/maps/shenyang-population-2020.json', import.meta.url), 'utf8'),
  ) as { adcode: number; population: number; exact: boolean }[];
  const popBy = new Map(pops.map((p) => [p.adcode, p.population]));

  // area_km2_computed comes from these same polygons, so a fully covered district gets a share ≈ 1.
  const districts: DistrictInput[] = fc.features.map((f) => ({
    id: String(f.properties.adcode),
    population: popBy.get(f.properties.adcode as number)!,
    areaKm2: f.properties.area_km2_computed as number,
    geometry: asMultiPolygon(f.geometry),
  }));
  const opts = { origin: [123.43, 41.8] as LonLat, halfWidthM: 12_000, cellSizeM: 400, districts };

  it('population file has the 13 units and sums to 9,070,125 (city total 9,070,093 + 32)', () => {
    expect(pops).toHaveLength(13);
    expect(pops.reduce((s, p) => s + p.population, 0)).toBe(9_070_125);
    expect(pops.filter((p) => p.exact)).toHaveLength(7);
    expect(districts.every((d) => Number.isInteger(d.population) && d.areaKm2 > 0)).toBe(true);
  });

  it('builds 60 × 60 cells, all inside some district, with a plausible total, fast and deterministically', () => {
    const t0 = performance.now();
    const grid = buildPopulationGrid(opts);
    const t1 = performance.now();
    const again = buildPopulationGrid(opts);
    const t2 = performance.now();
    expect(again).toEqual(grid);
    // The first build includes JIT warm-up; judge the faster of the two to keep the test steady
    // when the machine is busy.
    const ms = Math.min(t1 - t0, t2 - t1);

    expect(grid.cols).toBe(60);
    expect(grid.rows).toBe(60);
    expect(grid.cells).toHaveLength(3600); // none dropped: the window is well inside the city
    expect(grid.cells.every((c) => c.district !== '' && Number.isInteger(c.population) && c.population >= 0)).toBe(true);

    const total = grid.cells.reduce((s, c) => s + c.population, 0);
    const perDistrict = sumBy(grid.cells);
    console.log(
      `Shenyang 24 km window at 400 m: ${grid.cells.length} cells, ${total} people, built in ${(t1 - t0).toFixed(1)} ms cold, ${(t2 - t1).toFixed(1)} ms warm;`,
      perDistrict,
    );
    // The four small core districts (和平 沈河 大东 皇姑, 3,145,680 people) lie wholly in the window, and
    // the window (576 km²) is far smaller than the city's 12,856 km², so the total must lie between
    // the core alone and the whole city.
    expect(total).toBeGreaterThan(3_000_000);
    expect(total).toBeLessThan(9_070_125);
    expect(ms).toBeLessThan(200);
  });

  it('holds a whole district within 3% of its population when the window covers it', () => {
    // No district lies wholly in the 24 km window (沈河 reaches 123.582 E, the edge is 123.575 E),
    // so centre a window on each core district's bounding box instead.
    for (const id of ['210102', '210103', '210104', '210105']) {
      const d = districts.find((x) => x.id === id)!;
      const [x0, y0, x1, y1] = bboxOfMultiPolygon(d.geometry);
      const centre: LonLat = [(x0 + x1) / 2, (y0 + y1) / 2];
      const proj = localProjection(centre);
      const [w, s] = proj.toXY([x0, y0]);
      const [e, n] = proj.toXY([x1, y1]);
      const halfWidthM = Math.max(e - w, n - s) / 2 + 1_000;
      const grid = buildPopulationGrid({ origin: centre, halfWidthM, cellSizeM: 400, districts });
      const got = sumBy(grid.cells)[id];
      expect(got).toBeLessThanOrEqual(d.population); // the covered share is capped at 1
      expect((d.population - got) / d.population, `district ${id}: ${got} vs ${d.population}`).toBeLessThan(0.03);
    }
  });

  it('assigns each cell to a district that really contains its centre (scanline = pointInMultiPolygon)', () => {
    const grid = buildPopulationGrid(opts);
    const geom = new Map(districts.map((d) => [d.id, d.geometry]));
    for (const c of grid.cells) {
      expect(pointInMultiPolygon([c.lon, c.lat], geom.get(c.district)!), c.id).toBe(true);
    }
    // And a cell is dropped exactly when no district contains its centre: check on a window that
    // reaches past the city's western edge (辽中 ends at 122.477 E).
    const edge = buildPopulationGrid({ ...opts, origin: [122.45, 41.5], halfWidthM: 6_000, cellSizeM: 1_000 });
    const proj = localProjection([122.45, 41.5]);
    const kept = new Set(edge.cells.map((c) => c.id));
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(144);
    for (let row = 0; row < 12; row++) {
      for (let col = 0; col < 12; col++) {
        const p = proj.toLonLat([(col + 0.5 - 6) * 1_000, (6 - row - 0.5) * 1_000]);
        const any = districts.some((d) => pointInMultiPolygon(p, d.geometry));
        expect(kept.has(`c${col}-${row}`), `c${col}-${row}`).toBe(any);
      }
    }
  });

  it('spreads each district uniformly: cells of one district differ by at most one person', () => {
    const grid = buildPopulationGrid(opts);
    const range = new Map<string, [number, number]>();
    for (const c of grid.cells) {
      const r = range.get(c.district) ?? [Infinity, -Infinity];
      range.set(c.district, [Math.min(r[0], c.population), Math.max(r[1], c.population)]);
    }
    for (const [, [lo, hi]] of range) expect(hi - lo).toBeLessThanOrEqual(1);
    // 沈河: 782,628 people over 59.6 km² ⇒ 13,131 /km² ⇒ 2,101 per 0.16 km² cell.
    expect(range.get('210103')![0]).toBeGreaterThanOrEqual(2100);
    expect(range.get('210103')![1]).toBeLessThanOrEqual(2102);
  });
});
