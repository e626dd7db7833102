/**
 * The map and population files a scenario refers to, read defensively: they are written by
 * whoever drew the map, not by us. Every problem is reported against the scenario field that
 * names the file (`map.districts`, `map.population`) with the place inside the file
 * (`features[3].properties.area_km2`), all at once, before any geometry is built.
 */
import { asMultiPolygon, type LonLat, type PolygonGeometry } from './geo.ts';
import { InputFileError, type FileIssue } from '../scenario/errors.ts';
import { isPrototypeName } from '../scenario/ids.ts';
import { MAX_DISTRICTS } from '../scenario/bounds.ts';

/** A district as read from the files, before the grid is laid over it. */
export interface DistrictRecord {
  id: string;
  nameZh: string;
  nameEn: string;
  population: number;
  populationExact: boolean;
  areaKm2: number;
  geometry: LonLat[][][];
}

/** Largest district area accepted (km²): larger than any country's province, smaller than a continent. */
const MAX_AREA_KM2 = 1e7;
/** Most people in one district. */
const MAX_POPULATION = 1e9;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseJson(text: string, field: string, name: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputFileError(file, [{ path: field, message: `"${name}" is not valid JSON: ${(e as Error).message}` }]);
  }
}

interface PopulationRow { population: number; exact: boolean; nameZh?: string; nameEn?: string }

function readPopulation(text: string, name: string, file: string, issues: FileIssue[]): Map<string, PopulationRow> {
  const pop = parseJson(text, 'map.population', name, file);
  const byId = new Map<string, PopulationRow>();
  const at = (i: number, f: string, message: string) => issues.push({ path: 'map.population', message: `"${name}" [${i}]${f ? `.${f}` : ''}: ${message}` });
  if (!Array.isArray(pop)) {
    issues.push({ path: 'map.population', message: `"${name}": expected an array of { adcode, population }` });
    return byId;
  }
  pop.forEach((row, i) => {
    if (!isObject(row)) return at(i, '', 'expected an object { adcode, population }');
    const id = row.adcode;
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) return at(i, 'adcode', 'expected the district id (a number or a string)');
    const p = row.population;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > MAX_POPULATION) return at(i, 'population', `expected a number of people from 0 to ${MAX_POPULATION}, got ${JSON.stringify(p)}`);
    if (byId.has(String(id))) return at(i, 'adcode', `duplicate district "${id}"; expected one row per district`);
    byId.set(String(id), {
      population: p,
      exact: row.exact !== false,
      nameZh: typeof row.nameZh === 'string' ? row.nameZh : undefined,
      nameEn: typeof row.nameEn === 'string' ? row.nameEn : undefined
    });
  });
  return byId;
}

/** Districts from the GeoJSON and population files; throws one InputFileError listing every problem. */
export function readDistricts(map: { districts: string; population: string; idProperty: string }, districtsText: string, populationText: string, file: string): DistrictRecord[] {
  const issues: FileIssue[] = [];
  const name = map.districts;
  const fc = parseJson(districtsText, 'map.districts', name, file);
  const popById = readPopulation(populationText, map.population, file, issues);
  if (!isObject(fc) || !Array.isArray(fc.features) || fc.features.length === 0) {
    issues.push({ path: 'map.districts', message: `"${name}": expected a GeoJSON FeatureCollection with at least one feature` });
    throw new InputFileError(file, issues);
  }
  if (fc.features.length > MAX_DISTRICTS) {
    issues.push({ path: 'map.districts', message: `"${name}" has ${fc.features.length} features; expected at most ${MAX_DISTRICTS} districts` });
    throw new InputFileError(file, issues);
  }
  const at = (i: number, f: string, message: string) => issues.push({ path: 'map.districts', message: `"${name}" features[${i}]${f ? `.${f}` : ''}: ${message}` });
  const key = map.idProperty;
  const seen = new Set<string>();
  const districts: DistrictRecord[] = [];
  fc.features.forEach((f: unknown, i: number) => {
    if (!isObject(f)) return at(i, '', 'expected a GeoJSON Feature object');
    const props = f.properties;
    if (!isObject(props)) return at(i, 'properties', `expected an object with "${key}" and "area_km2", got ${JSON.stringify(props)}`);
    const raw = props[key];
    const id = typeof raw === 'string' || (typeof raw === 'number' && Number.isFinite(raw)) ? String(raw) : '';
    if (!id) return at(i, `properties.${key}`, `missing: expected the district id (map.idProperty is "${key}")`);
    if (isPrototypeName(id)) return at(i, `properties.${key}`, `"${id}" cannot be a district id (a property name of every JavaScript object)`);
    if (seen.has(id)) return at(i, `properties.${key}`, `duplicate district "${id}"; expected one feature per district`);
    seen.add(id);
    const area = Number(props.area_km2_computed ?? props.area_km2);
    if (!(area > 0 && area <= MAX_AREA_KM2)) return at(i, 'properties.area_km2', `district "${id}" needs its area in km² (area_km2_computed or area_km2), above 0 and at most ${MAX_AREA_KM2}; got ${JSON.stringify(props.area_km2_computed ?? props.area_km2 ?? null)}`);
    const g = f.geometry;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return at(i, 'geometry', `district "${id}" needs a Polygon or MultiPolygon geometry, got ${isObject(g) ? `type ${JSON.stringify(g.type)}` : JSON.stringify(g)}`);
    let geometry: LonLat[][][];
    try {
      geometry = asMultiPolygon(g as unknown as PolygonGeometry);
    } catch (e) {
      return at(i, 'geometry.coordinates', `district "${id}": ${(e as Error).message}`);
    }
    if (geometry.some((poly) => poly.some((ring) => ring.some(([lon, lat]) => Math.abs(lon) > 180 || Math.abs(lat) > 90))))
      return at(i, 'geometry.coordinates', `district "${id}" has a position outside [-180, 180] × [-90, 90]`);
    const p = popById.get(id);
    if (!p) return issues.push({ path: 'map.population', message: `no population for district "${id}" in "${map.population}"` });
    districts.push({
      id,
      nameZh: String(props.name_zh ?? p.nameZh ?? id),
      nameEn: String(props.name_en ?? p.nameEn ?? id),
      population: p.population,
      populationExact: p.exact,
      areaKm2: area,
      geometry
    });
  });
  if (issues.length) throw new InputFileError(file, issues);
  return districts;
}
