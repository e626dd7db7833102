/**
 * Typhoon best tracks: parsing the CMA best-track CSV (scenarios/tracks/), linear
 * interpolation between fixes, and forward motion of the centre.
 *
 * Times are plain numbers: minutes since 1970-01-01T00:00Z ("epoch minutes"). No Date object
 * is used anywhere in the engine; ISO strings are converted by `isoUtcToEpochMinutes` with the
 * days-from-civil algorithm of Hinnant, H. (2013) "chrono-Compatible Low-Level Date
 * Algorithms" (public-domain write-up), function days_from_civil.
 *
 * CSV columns (see scenarios/tracks/README.md): time_utc, lat, lon, pressure_hpa, vmax_ms
 * (CMA 2-min mean), grade (CMA category after GB/T 19201-2006).
 */

import { requireFinite } from '../guard.ts';
import { haversineM, initialBearingDeg } from './geo.ts';

export interface TrackFix {
  /** Minutes since 1970-01-01T00:00Z. */
  tMin: number;
  /** Latitude of the centre, degrees N. */
  lat: number;
  /** Longitude of the centre, degrees E. */
  lon: number;
  /** Minimum central pressure (hPa). */
  pressureHpa: number;
  /** Maximum sustained near-centre wind (m/s), CMA 2-minute mean. */
  vmaxMs: number;
  /** CMA grade abbreviation (TD, TS, STS, TY, STY, SuperTY, ET, ...). */
  grade: string;
}

/** Grade abbreviations the CMA best-track format can carry (README of scenarios/tracks). */
export const CMA_TRACK_GRADES: readonly string[] = ['weaker than TD or unknown', 'TD', 'TS', 'STS', 'TY', 'STY', 'SuperTY', 'ET'];

export const BEST_TRACK_COLUMNS = ['time_utc', 'lat', 'lon', 'pressure_hpa', 'vmax_ms', 'grade'] as const;

/** Error for a malformed best-track CSV; carries the 1-based line number and the column name. */
export class TrackParseError extends Error {
  readonly row: number;
  readonly column: string | null;
  constructor(row: number, column: string | null, message: string) {
    super(`best-track CSV line ${row}${column ? `, column '${column}'` : ''}: ${message}`);
    this.name = 'TrackParseError';
    this.row = row;
    this.column = column;
  }
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (Hinnant 2013, days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * 'YYYY-MM-DDTHH:MM:SSZ' → minutes since 1970-01-01T00:00Z (seconds are kept as a fraction).
 * Only this exact UTC form is accepted; anything else throws a RangeError.
 */
export function isoUtcToEpochMinutes(iso: string): number {
  const m = ISO_RE.exec(iso.trim());
  if (!m) throw new RangeError(`expected 'YYYY-MM-DDTHH:MM:SSZ', got '${iso}'`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12) throw new RangeError(`month out of range in '${iso}'`);
  if (d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`day out of range in '${iso}'`);
  if (h > 23 || mi > 59 || s > 59) throw new RangeError(`time out of range in '${iso}'`);
  return daysFromCivil(y, mo, d) * 1440 + h * 60 + mi + s / 60;
}

/** Epoch minutes → 'YYYY-MM-DDTHH:MM:SSZ' (inverse of isoUtcToEpochMinutes, whole seconds). */
export function epochMinutesToIsoUtc(tMin: number): string {
  requireFinite('tMin', tMin);
  const totalS = Math.round(tMin * 60);
  const days = Math.floor(totalS / 86400);
  let rem = totalS - days * 86400;
  // Hinnant (2013) civil_from_days
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  const h = Math.floor(rem / 3600);
  rem -= h * 3600;
  const mi = Math.floor(rem / 60);
  const s = rem - mi * 60;
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}Z`;
}

function parseNumber(row: number, column: string, raw: string, min: number, max: number): number {
  const t = raw.trim();
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new TrackParseError(row, column, `not a number: '${raw}'`);
  if (v < min || v > max) throw new TrackParseError(row, column, `${v} outside [${min}, ${max}]`);
  return v;
}

/**
 * Parses a best-track CSV with the header `time_utc,lat,lon,pressure_hpa,vmax_ms,grade`
 * (columns may come in any order; extra columns are ignored). Blank lines are skipped; CRLF is
 * accepted. Checks per row: ISO UTC time, lat ∈ [−90, 90], lon ∈ [−180, 360],
 * pressure ∈ [850, 1050] hPa, vmax ∈ [0, 100] m/s, a known CMA grade, and strictly increasing
 * times. Any violation throws a TrackParseError naming the line and the column.
 */
export function parseBestTrackCsv(text: string): TrackFix[] {
  if (typeof text !== 'string') throw new TypeError('parseBestTrackCsv: text must be a string');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let headerLine = -1;
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() !== '') { headerLine = i; break; }
  }
  if (headerLine < 0) throw new TrackParseError(1, null, 'empty file');
  const header = (lines[headerLine] ?? '').split(',').map((h) => h.trim());
  const idx: Record<string, number> = {};
  for (const col of BEST_TRACK_COLUMNS) {
    const k = header.indexOf(col);
    if (k < 0) throw new TrackParseError(headerLine + 1, col, 'missing from header');
    idx[col] = k;
  }
  const fixes: TrackFix[] = [];
  for (let i = headerLine + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const row = i + 1;
    const cells = line.split(',');
    if (cells.length < header.length) {
      throw new TrackParseError(row, null, `expected ${header.length} fields, got ${cells.length}`);
    }
    const cell = (c: (typeof BEST_TRACK_COLUMNS)[number]) => cells[idx[c] as number] ?? '';
    let tMin: number;
    try {
      tMin = isoUtcToEpochMinutes(cell('time_utc'));
    } catch (e) {
      throw new TrackParseError(row, 'time_utc', (e as Error).message);
    }
    const lat = parseNumber(row, 'lat', cell('lat'), -90, 90);
    const lon = parseNumber(row, 'lon', cell('lon'), -180, 360);
    const pressureHpa = parseNumber(row, 'pressure_hpa', cell('pressure_hpa'), 850, 1050);
    const vmaxMs = parseNumber(row, 'vmax_ms', cell('vmax_ms'), 0, 100);
    const grade = cell('grade').trim();
    if (!CMA_TRACK_GRADES.includes(grade)) throw new TrackParseError(row, 'grade', `unknown grade '${grade}'`);
    const prev = fixes[fixes.length - 1];
    if (prev && tMin <= prev.tMin) throw new TrackParseError(row, 'time_utc', 'times must be strictly increasing');
    fixes.push({ tMin, lat, lon, pressureHpa, vmaxMs, grade });
  }
  if (fixes.length === 0) throw new TrackParseError(headerLine + 1, null, 'no data rows');
  return fixes;
}

/** Index i of the segment [fixes[i], fixes[i+1]] containing t (last segment for t = last fix). */
function segmentIndex(fixes: readonly TrackFix[], t: number): number {
  let lo = 0;
  let hi = fixes.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((fixes[mid] as TrackFix).tMin <= t) lo = mid; else hi = mid;
  }
  return lo;
}

/** Longitude difference b − a wrapped to (−180, 180]. */
function dLon(a: number, b: number): number {
  let d = (b - a) % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

/**
 * State of the storm at time tMin by linear interpolation of lat, lon, pressure and vmax
 * between the bracketing fixes (the same linear-in-time treatment of 6-hourly fixes as in
 * common parametric-wind practice, e.g. Vickery et al. 2000, J. Struct. Eng. 126(10):1222,
 * who interpolate tracks to finer steps). The grade is the grade of the earlier fix. Returns
 * null outside [first fix, last fix]; an exact fix time returns that fix's values.
 */
export function interpolateTrack(fixes: readonly TrackFix[], tMin: number): TrackFix | null {
  requireFinite('tMin', tMin);
  if (fixes.length === 0) return null;
  const first = fixes[0] as TrackFix;
  const last = fixes[fixes.length - 1] as TrackFix;
  if (tMin < first.tMin || tMin > last.tMin) return null;
  if (fixes.length === 1) return { ...first };
  const i = segmentIndex(fixes, tMin);
  const a = fixes[i] as TrackFix;
  const b = fixes[i + 1] as TrackFix;
  if (tMin === a.tMin) return { ...a };
  if (tMin === b.tMin) return { ...b };
  const w = (tMin - a.tMin) / (b.tMin - a.tMin);
  let lon = a.lon + w * dLon(a.lon, b.lon);
  if (lon > 180 && a.lon <= 180 && b.lon <= 180) lon -= 360;
  return {
    tMin,
    lat: a.lat + w * (b.lat - a.lat),
    lon,
    pressureHpa: a.pressureHpa + w * (b.pressureHpa - a.pressureHpa),
    vmaxMs: a.vmaxMs + w * (b.vmaxMs - a.vmaxMs),
    grade: a.grade,
  };
}

export interface ForwardMotion {
  /** Translation speed of the centre (m/s). */
  speedMs: number;
  /** Direction of motion, degrees clockwise from north, [0, 360). */
  headingDeg: number;
}

/**
 * Translation of the centre over the track segment containing tMin: great-circle distance
 * between the bracketing fixes divided by their time difference, heading = initial bearing
 * of that segment. Constant within a segment, consistent with linear interpolation. At an
 * interior fix the following segment is used; at the last fix, the last segment. Returns null
 * outside the track or for a single-fix track.
 */
export function forwardMotion(fixes: readonly TrackFix[], tMin: number): ForwardMotion | null {
  requireFinite('tMin', tMin);
  if (fixes.length < 2) return null;
  const first = fixes[0] as TrackFix;
  const last = fixes[fixes.length - 1] as TrackFix;
  if (tMin < first.tMin || tMin > last.tMin) return null;
  const i = Math.min(segmentIndex(fixes, tMin), fixes.length - 2);
  const a = fixes[i] as TrackFix;
  const b = fixes[i + 1] as TrackFix;
  const dist = haversineM([a.lon, a.lat], [b.lon, b.lat]);
  const dtS = (b.tMin - a.tMin) * 60;
  return { speedMs: dist / dtS, headingDeg: initialBearingDeg([a.lon, a.lat], [b.lon, b.lat]) };
}
