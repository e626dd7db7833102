import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  TrackParseError, daysFromCivil, epochMinutesToIsoUtc, forwardMotion, interpolateTrack, isoUtcToEpochMinutes,
  parseBestTrackCsv, type TrackFix,
} from '../../../engine/hazards/typhoon/track.ts';
import { cmaGrade } from '../../../engine/hazards/typhoon/wind.ts';

const load = (name: string) => readFileSync(new URL(`../../../scenarios/tracks/${name}-2020.csv`, import.meta.url), 'utf8');
const HEADER = 'time_utc,lat,lon,pressure_hpa,vmax_ms,grade';

describe('UTC → epoch minutes (own implementation, no Date)', () => {
  it('epoch and a hand-computed 2020 date', () => {
    expect(isoUtcToEpochMinutes('1970-01-01T00:00:00Z')).toBe(0);
    // 1970→2020: 50·365 + 12 leap days (1972…2016) = 18262 days; 2020 is leap:
    // Jan 31 + Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 = 213 → Aug 26 = +25 → 18500 days.
    expect(isoUtcToEpochMinutes('2020-08-26T00:00:00Z')).toBe(18500 * 1440);
    expect(isoUtcToEpochMinutes('2020-08-26T06:30:30Z')).toBe(18500 * 1440 + 390.5);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017); // 30·365 + 7 leap days (1972…1996) + 31 + 29
    expect(isoUtcToEpochMinutes('1969-12-31T23:00:00Z')).toBe(-60);
  });
  it('round-trips and rejects bad strings', () => {
    for (const s of ['2020-02-29T12:00:00Z', '2000-12-31T23:59:59Z', '1999-01-01T00:00:00Z']) {
      expect(epochMinutesToIsoUtc(isoUtcToEpochMinutes(s))).toBe(s);
    }
    expect(() => isoUtcToEpochMinutes('2021-02-29T00:00:00Z')).toThrow(RangeError);
    expect(() => isoUtcToEpochMinutes('2020-08-26 00:00:00')).toThrow(RangeError);
    expect(() => isoUtcToEpochMinutes('2020-13-01T00:00:00Z')).toThrow(RangeError);
    expect(() => isoUtcToEpochMinutes('2020-01-01T24:00:00Z')).toThrow(RangeError);
  });
});

describe('parseBestTrackCsv on the three CMA tracks', () => {
  // Fix counts, minimum pressure and maximum wind from scenarios/tracks/README.md.
  it.each([
    ['bavi', 29, 950, 45, '2020-08-21T00:00:00Z', '2020-08-28T00:00:00Z'],
    ['maysak', 37, 940, 52, '2020-08-28T00:00:00Z', '2020-09-06T00:00:00Z'],
    ['haishen', 35, 920, 60, '2020-08-31T00:00:00Z', '2020-09-08T12:00:00Z'],
  ])('%s: %i fixes, min %i hPa, max %i m/s', (name, n, pmin, vmax, first, last) => {
    const fixes = parseBestTrackCsv(load(name));
    expect(fixes).toHaveLength(n);
    expect(Math.min(...fixes.map((f) => f.pressureHpa))).toBe(pmin);
    expect(Math.max(...fixes.map((f) => f.vmaxMs))).toBe(vmax);
    expect(epochMinutesToIsoUtc(fixes[0]!.tMin)).toBe(first);
    expect(epochMinutesToIsoUtc(fixes[n - 1]!.tMin)).toBe(last);
    // strictly 6-hourly (README)
    for (let i = 1; i < n; i++) expect(fixes[i]!.tMin - fixes[i - 1]!.tMin).toBe(360);
  });

  it('CMA grade column agrees with GB/T 19201-2006 applied to vmax (non-ET fixes)', () => {
    for (const name of ['bavi', 'maysak', 'haishen']) {
      for (const f of parseBestTrackCsv(load(name))) {
        if (f.grade === 'ET') continue;
        expect(cmaGrade(f.vmaxMs), `${name} ${f.tMin}`).toBe(f.grade);
      }
    }
  });

  it('accepts CRLF, blank lines and reordered columns', () => {
    const text = 'grade,lon,lat,time_utc,vmax_ms,pressure_hpa\r\nTD,123.3,20.5,2020-08-21T00:00:00Z,13,1002\r\n\r\n';
    const f = parseBestTrackCsv(text);
    expect(f).toEqual([{ tMin: isoUtcToEpochMinutes('2020-08-21T00:00:00Z'), lat: 20.5, lon: 123.3, pressureHpa: 1002, vmaxMs: 13, grade: 'TD' }]);
  });

  it('reports line and column of a bad row', () => {
    const bad = (row: string) => `${HEADER}\n2020-08-21T00:00:00Z,20.5,123.3,1002,13,TD\n${row}\n`;
    const expectErr = (text: string, row: number, column: string | null) => {
      try {
        parseBestTrackCsv(text);
      } catch (e) {
        expect(e).toBeInstanceOf(TrackParseError);
        expect((e as TrackParseError).row).toBe(row);
        expect((e as TrackParseError).column).toBe(column);
        expect((e as Error).message).toContain(`line ${row}`);
        return;
      }
      throw new Error('expected a TrackParseError');
    };
    expectErr(bad('2020-08-21T06:00:00Z,abc,123.5,1002,13,TD'), 3, 'lat');
    expectErr(bad('2020-08-21T06:00:00Z,21.3,123.5,1002,13,XX'), 3, 'grade');
    expectErr(bad('2020-08-21T06:00:00Z,21.3,123.5,700,13,TD'), 3, 'pressure_hpa');
    expectErr(bad('2020-08-21T06:00:00Z,21.3,123.5,1002,-1,TD'), 3, 'vmax_ms');
    expectErr(bad('2020-08-21 06:00,21.3,123.5,1002,13,TD'), 3, 'time_utc');
    expectErr(bad('2020-08-21T00:00:00Z,21.3,123.5,1002,13,TD'), 3, 'time_utc'); // not increasing
    expectErr(bad('2020-08-21T06:00:00Z,21.3,123.5'), 3, null);
    expectErr('time_utc,lat,lon,pressure_hpa,grade\n', 1, 'vmax_ms');
    expectErr('', 1, null);
  });
});

describe('interpolateTrack and forwardMotion (Bavi 2020-08-26)', () => {
  const fixes = parseBestTrackCsv(load('bavi'));
  const t06 = isoUtcToEpochMinutes('2020-08-26T06:00:00Z');
  const t09 = isoUtcToEpochMinutes('2020-08-26T09:00:00Z');

  it('midpoint between 06Z (33.6N 124.4E 950 hPa 45 m/s) and 12Z (35.1N 124.5E 955 hPa 42 m/s)', () => {
    const s = interpolateTrack(fixes, t09) as TrackFix;
    expect(s.lat).toBeCloseTo(34.35, 10);
    expect(s.lon).toBeCloseTo(124.45, 10);
    expect(s.pressureHpa).toBeCloseTo(952.5, 10);
    expect(s.vmaxMs).toBeCloseTo(43.5, 10);
    expect(s.grade).toBe('STY');
    expect(interpolateTrack(fixes, t06)).toEqual(fixes.find((f) => f.tMin === t06));
  });

  it('null outside the track', () => {
    expect(interpolateTrack(fixes, fixes[0]!.tMin - 1)).toBeNull();
    expect(interpolateTrack(fixes, fixes[fixes.length - 1]!.tMin + 1)).toBeNull();
    expect(forwardMotion(fixes, fixes[0]!.tMin - 1)).toBeNull();
    expect(interpolateTrack([], 0)).toBeNull();
  });

  it('forward speed and heading of the 06Z→12Z segment', () => {
    // 1° = 6371 km · π/180 = 111.195 km. Δlat 1.5° → 166.79 km; Δlon 0.1° at ~34.35°N → 9.18 km.
    // d ≈ √(166.79² + 9.18²) = 167.04 km over 6 h = 21 600 s → 7.734 m/s; heading ≈ atan(9.2/166.8) ≈ 3.1°.
    const m = forwardMotion(fixes, t09)!;
    expect(m.speedMs).toBeCloseTo(7.734, 2);
    expect(m.headingDeg).toBeGreaterThan(3.0);
    expect(m.headingDeg).toBeLessThan(3.3);
    // the same segment is used anywhere in [06Z, 12Z)
    expect(forwardMotion(fixes, t06)).toEqual(m);
    // at the last fix the last segment is used: 45.5N 126.9E → 46.0N 127.0E, moving north
    const last = forwardMotion(fixes, fixes[fixes.length - 1]!.tMin)!;
    expect(last.headingDeg).toBeGreaterThan(0);
    expect(last.headingDeg).toBeLessThan(20);
  });
});
