/**
 * The domain event stream: what happened, when (sim-minutes), caused by what, and who may know.
 * The UI, the scorer and the report read only this stream, never machine internals.
 */
export type Audience = 'all' | 'facilitator' | string[];

export interface DomainEvent {
  /** Position in the stream, from 0. */
  seq: number;
  /** Sim-minutes since the scenario's start. */
  t: number;
  type: string;
  /** The seq of the event that caused this one (a chain link), when there is one. */
  cause?: number;
  /** Who may see it: every seat, the facilitator only, or these seats (the facilitator sees all). */
  audience: Audience;
  data: Record<string, unknown>;
}

export function visibleTo(e: DomainEvent, seat: string): boolean {
  if (seat === 'facilitator' || e.audience === 'all') return true;
  if (e.audience === 'facilitator') return false;
  return e.audience.includes(seat);
}

/** Round for the stream: keeps events short and identical wherever the floats came from. */
export function round(v: number, digits = 3): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Events as JSON lines (the stream format the CLI writes and replay must reproduce byte for byte). */
export function eventsToJsonl(events: DomainEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}
