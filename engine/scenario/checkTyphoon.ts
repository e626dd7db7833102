/**
 * A typhoon's track checked at load: the CSV parses, every time is a real UTC date (the schema
 * checks only its form, and "2020-02-31" threw at the first tick), inline fixes are in time
 * order like a CSV's. A track that does not overlap the scenario's time is legal but the storm
 * never appears, so that is a warning.
 */
import { isoUtcToEpochMinutes, parseBestTrackCsv, TrackParseError } from '../hazards/typhoon/track.ts';
import type { FileIssue } from './errors.ts';
import type { ScenarioData } from './schema.ts';

export function checkTyphoonTrack(d: ScenarioData, readTrack: (path: string) => string): { issues: FileIssue[]; warnings: FileIssue[] } {
  const issues: FileIssue[] = [];
  const warnings: FileIssue[] = [];
  const spec = d.typhoon;
  if (!spec) return { issues, warnings };
  const time = (iso: string, path: string): number | null => {
    try {
      return isoUtcToEpochMinutes(iso);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      issues.push({ path, message: `"${iso}" is not a real UTC time: ${e.message}` });
      return null;
    }
  };
  const start = time(spec.trackTimeAtStart, 'typhoon.trackTimeAtStart');
  let times: number[] = [];
  if (typeof spec.track === 'string') {
    try {
      times = parseBestTrackCsv(readTrack(spec.track)).map((f) => f.tMin);
    } catch (e) {
      if (!(e instanceof TrackParseError)) throw e;
      issues.push({ path: 'typhoon.track', message: `"${spec.track}": ${e.message}` });
    }
  } else {
    spec.track.forEach((f, i) => {
      const t = time(f.time, `typhoon.track[${i}].time`);
      if (t === null) return;
      if (times.length && t <= times[times.length - 1]) issues.push({ path: `typhoon.track[${i}].time`, message: 'expected fixes in increasing time order' });
      times.push(t);
    });
  }
  if (start !== null && times.length && !issues.length) {
    const first = times[0];
    const last = times[times.length - 1];
    if (start + d.duration < first || start > last)
      warnings.push({ path: 'typhoon.trackTimeAtStart', message: `the track (${times.length} fixes) does not overlap the scenario's ${d.duration} min from ${spec.trackTimeAtStart}: the storm never appears` });
  }
  return { issues, warnings };
}
