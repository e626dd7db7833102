// Sim-time labels: the engine's own format plus the scenario's wall clock.
// The browser bundle takes only this pure formatter, not the engine's public entry (which would pull in zod and xstate).
import { formatSimTime } from '../../../engine/util/units.ts';

export { formatSimTime };

/** "D1 08:30"-style label of sim-minutes since the scenario's start (T+ hh:mm within day 0). */
export function simLabel(t: number): string {
  return `T+${formatSimTime(Math.max(0, t))}`;
}

/**
 * The scenario's wall clock at sim-minute `t`, in the scenario's own UTC offset
 * (startTime is ISO 8601 with an offset, e.g. 2026-07-15T07:00:00+08:00): "07-15 08:30".
 */
export function wallClock(startTime: string | undefined, t: number): string {
  if (!startTime) return '';
  const m = /([+-])(\d{2}):(\d{2})$|Z$/.exec(startTime);
  const base = Date.parse(startTime);
  if (!Number.isFinite(base)) return '';
  let offsetMin = 0;
  if (m && m[1]) offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const d = new Date(base + Math.round(t * 60_000) + offsetMin * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
