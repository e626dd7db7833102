/** Number formatting shared by the sweep's table and HTML page. */
import type { Estimate } from '../stats.ts';

export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100 || Number.isInteger(x)) return String(Math.round(x));
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** "12.3 [10.1, 15.0]"; an unbounded side shows as "…". */
export function fmtEstimate(e: Estimate): string {
  if (e.value === null) return '—';
  const lo = e.ci[0] === null ? '…' : fmt(e.ci[0]);
  const hi = e.ci[1] === null ? '…' : fmt(e.ci[1]);
  return `${fmt(e.value)} [${lo}, ${hi}]`;
}

export function pct(share: number): string {
  return `${(100 * share).toFixed(share > 0 && share < 0.01 ? 2 : 1)}%`;
}

