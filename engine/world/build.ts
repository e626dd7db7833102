/**
 * The world a scenario describes, in engine terms: districts with geometry and population,
 * the population grid laid over them, and every place and tank in metres of one local projection.
 */
import { asMultiPolygon, localProjection, pointInMultiPolygon, type DistrictFeatureCollection, type LonLat } from './geo.ts';
import { buildPopulationGrid, type PopulationGrid } from './grid.ts';
import { InputFileError } from '../scenario/errors.ts';
import type { ScenarioData } from '../scenario/schema.ts';

export interface District {
  id: string;
  nameZh: string;
  nameEn: string;
  population: number;
  populationExact: boolean;
  areaKm2: number;
  geometry: LonLat[][][];
}

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

interface PopulationRow {
  adcode: number | string;
  nameZh?: string;
  nameEn?: string;
  population: number;
  exact?: boolean;
}

export function buildWorld(data: ScenarioData, districtsText: string, populationText: string, file: string): World {
  let fc: DistrictFeatureCollection;
  let pop: PopulationRow[];
  try {
    fc = JSON.parse(districtsText);
  } catch (e) {
    throw new InputFileError(file, [{ path: 'map.districts', message: `"${data.map.districts}" is not valid JSON: ${(e as Error).message}` }]);
  }
  try {
    pop = JSON.parse(populationText);
  } catch (e) {
    throw new InputFileError(file, [{ path: 'map.population', message: `"${data.map.population}" is not valid JSON: ${(e as Error).message}` }]);
  }
  if (!fc || !Array.isArray(fc.features)) throw new InputFileError(file, [{ path: 'map.districts', message: 'expected a GeoJSON FeatureCollection' }]);
  if (!Array.isArray(pop)) throw new InputFileError(file, [{ path: 'map.population', message: 'expected an array of { adcode, population }' }]);
  const popById = new Map(pop.map((p) => [String(p.adcode), p]));
  const key = data.map.idProperty;
  const districts: District[] = fc.features.map((f, i) => {
    const id = String(f.properties[key] ?? '');
    if (!id) throw new InputFileError(file, [{ path: 'map.idProperty', message: `feature ${i} of "${data.map.districts}" has no property "${key}"` }]);
    const p = popById.get(id);
    if (!p) throw new InputFileError(file, [{ path: 'map.population', message: `no population for district "${id}" in "${data.map.population}"` }]);
    const area = Number(f.properties.area_km2_computed ?? f.properties.area_km2);
    if (!(area > 0)) throw new InputFileError(file, [{ path: 'map.districts', message: `district "${id}" has no positive area_km2_computed or area_km2` }]);
    return {
      id,
      nameZh: String(f.properties.name_zh ?? p.nameZh ?? id),
      nameEn: String(f.properties.name_en ?? p.nameEn ?? id),
      population: p.population,
      populationExact: p.exact !== false,
      areaKm2: area,
      geometry: asMultiPolygon(f.geometry)
    };
  });
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
