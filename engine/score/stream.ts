/**
 * Reading the event stream for scoring: typed field access, evidence references, and an index of
 * the events by type. The scorer reads only the stream (and the scenario it refers to).
 */
import type { DomainEvent } from '../sim/events.ts';
import type { Evidence } from './types.ts';

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Minutes, rounded to 0.1 (event times are rounded to the millisecond of a sim-minute). */
export const minutes = (v: number): number => Math.round(v * 10) / 10;

export function ref(e: DomainEvent, note?: string): Evidence {
  return note === undefined ? { seq: e.seq, t: e.t, type: e.type } : { seq: e.seq, t: e.t, type: e.type, note };
}

export class Stream {
  readonly events: DomainEvent[];
  private byType = new Map<string, DomainEvent[]>();
  private bySeq = new Map<number, DomainEvent>();

  constructor(events: DomainEvent[]) {
    this.events = events;
    for (const e of events) {
      let list = this.byType.get(e.type);
      if (!list) this.byType.set(e.type, (list = []));
      list.push(e);
      this.bySeq.set(e.seq, e);
    }
  }

  of(type: string): DomainEvent[] {
    return this.byType.get(type) ?? [];
  }

  first(type: string, pred: (e: DomainEvent) => boolean = () => true): DomainEvent | undefined {
    return this.of(type).find(pred);
  }

  seq(n: number): DomainEvent | undefined {
    return this.bySeq.get(n);
  }

  /** The time the run reached: the end event, or the last event. */
  get endT(): number {
    const ended = this.of('exercise.ended')[0];
    if (ended) return ended.t;
    return this.events.length ? Math.max(...this.events.map((e) => e.t)) : 0;
  }
}
