/**
 * The world a scenario describes, in engine terms: districts with geometry and population,
 * the population grid laid over them, and every place and tank in metres of one local projection.
 */
import { localProjection, pointInMultiPolygon, type LonLat } from './geo.ts';
import { buildPopulationGrid, type PopulationGrid } from './grid.ts';
import { readDistricts, type DistrictRecord } from './mapFiles.ts';
import type { ScenarioData } from '../scenario/schema.ts';

/** A district of the world: as read from the map and population files (mapFiles.ts). */
export type District = DistrictRecord;

export interface PlacePoint {
  id: string;
  lon: number;
  lat: number;
  x: number;
  y: number;
  district: string;
}

export interface World {
  districts: District[];
  grid: PopulationGrid;
  /** Places and facilities by id (a facility sits at its place). */
  points: Map<string, PlacePoint>;
  project(p: LonLat): [number, number];
}

export function buildWorld(data: ScenarioData, districtsText: string, populationText: string, file: string): World {
  const districts: District[] = readDistricts(data.map, districtsText, populationText, file);
  const g = data.map.grid;
  const grid = buildPopulationGrid({
    origin: g.centre as LonLat,
    halfWidthM: g.halfWidth,
    cellSizeM: g.cellSize,
    districts: districts.map((d) => ({ id: d.id, population: d.population, areaKm2: d.areaKm2, geometry: d.geometry }))
  });
  const proj = localProjection(g.centre as LonLat);
  const points = new Map<string, PlacePoint>();
  for (const p of data.places) {
    const [x, y] = proj.toXY(p.at as LonLat);
    points.set(p.id, { id: p.id, lon: p.at[0], lat: p.at[1], x, y, district: p.district });
  }
  for (const f of data.facilities) {
    const at = points.get(f.place);
    if (at) points.set(f.id, { ...at, id: f.id });
  }
  return { districts, grid, points, project: (p) => proj.toXY(p) };
}

/** The district a point lies in, if any (used to check authored places against the map). */
export function districtAt(world: World, p: LonLat): string | undefined {
  return world.districts.find((d) => pointInMultiPolygon(p, d.geometry))?.id;
}
