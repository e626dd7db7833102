/**
 * What seats wrote during the run, for the debrief: the text of each report up the chain (when it
 * arrives: `report.received`) and the message of each warning (`warning.issued`), with time, seat
 * and incident. Texts a trainee typed are kept as typed: renderers escape them.
 */
import type { LocalText, SeatText } from './types.ts';
import { str, strs, type Stream } from './stream.ts';

function localText(v: unknown): LocalText | null {
  if (typeof v === 'string') return v.trim() ? { zh: v, en: v } : null;
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const zh = typeof o.zh === 'string' ? o.zh : '';
  const en = typeof o.en === 'string' ? o.en : '';
  if (!zh.trim() && !en.trim()) return null;
  return { zh: zh.trim() ? zh : en, en: en.trim() ? en : zh };
}

export function seatTexts(s: Stream): SeatText[] {
  const names = new Map<string, LocalText>();
  for (const e of s.of('incident.reported')) {
    const id = str(e.data.incident);
    const n = localText(e.data.name);
    if (id && n && !names.has(id)) names.set(id, n);
  }
  // The order behind a text: given by the plan's autopilot, or by a trainee.
  const via = (cause: number | undefined): 'seat' | 'plan' => (cause !== undefined && s.seq(cause)?.data.via === 'plan' ? 'plan' : 'seat');
  const out: SeatText[] = [];
  for (const e of s.events) {
    if (e.type === 'report.received') {
      const text = localText(e.data.text);
      if (!text) continue;
      const incident = str(e.data.incident);
      out.push({ seq: e.seq, t: e.t, kind: 'report', seat: str(e.data.from) ?? '', to: strs([e.data.to]), incident, incidentName: incident ? names.get(incident) ?? null : null, text, via: via(e.cause) });
    } else if (e.type === 'warning.issued') {
      const text = localText(e.data.message);
      if (!text) continue;
      out.push({ seq: e.seq, t: e.t, kind: 'warning', seat: str(e.data.seat) ?? '', to: strs(e.data.districts), incident: null, incidentName: null, text, via: via(e.cause) });
    }
  }
  return out;
}
