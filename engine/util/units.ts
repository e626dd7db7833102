/**
 * Quantities as scenario authors write them: "90min", "2h", "1.5d" for durations (→ sim-minutes),
 * "400m", "12km" for lengths (→ metres). Plain numbers are taken as minutes / metres.
 */
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|min|m|h|d)?\s*$/;
const LENGTH = /^\s*(\d+(?:\.\d+)?)\s*(m|km)?\s*$/;

export function parseDuration(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  const m = DURATION.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  switch (m[2]) {
    case 's': case 'sec': return n / 60;
    case 'h': return n * 60;
    case 'd': return n * 1440;
    default: return n; // min, m, or bare number
  }
}

export function parseLength(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  const m = LENGTH.exec(v);
  if (!m) return null;
  return m[2] === 'km' ? Number(m[1]) * 1000 : Number(m[1]);
}

/** "75" → "1h15min" style label for sim-minutes (used in summaries). */
export function formatSimTime(min: number): string {
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = Math.round(min % 60);
  const hh = String(h).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  return d > 0 ? `D${d}+${hh}:${mm}` : `${hh}:${mm}`;
}
