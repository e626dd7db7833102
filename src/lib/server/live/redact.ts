/**
 * What of an event a seat is sent. The engine's `visibleTo` decides which events reach a seat;
 * this takes out of them what would tell a trainee more than the seat knows: the audience list,
 * a cause the seat never saw, the seed and scenario of `exercise.started` (with them
 * `yanlian run` would show every hazard event in advance), an inject's recipients and the
 * evaluators' expectations, the plan's rule ids. The facilitator gets every event whole.
 */
import { FACILITATOR, visibleTo, type DomainEvent } from '../../../../engine/index.ts';

/** Whether the role is sent the event at all (the plan's bookkeeping never reaches a seat). */
export function sentTo(e: DomainEvent, role: string): boolean {
  if (role === FACILITATOR) return true;
  if (e.type.startsWith('plan.')) return false;
  return visibleTo(e, role);
}

function seatData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'exercise.started':
      return { duration: data.duration };
    case 'inject.delivered': {
      const { to: _to, expect: _expect, ...rest } = data;
      return rest;
    }
    case 'incident.reported': {
      const { to: _to, ...rest } = data;
      return rest;
    }
    case 'command.accepted':
    case 'command.refused': {
      const { rule: _rule, ...rest } = data;
      return rest;
    }
    default:
      return data;
  }
}

/** The event as the role is sent it (`events`: the exercise's events, indexed by seq). */
export function forRole(e: DomainEvent, role: string, events: readonly DomainEvent[]): DomainEvent {
  if (role === FACILITATOR) return e;
  const out: Record<string, unknown> = { seq: e.seq, t: e.t, type: e.type };
  if (e.cause !== undefined) {
    const c = events[e.cause];
    if (c && c.seq === e.cause && sentTo(c, role)) out.cause = e.cause;
  }
  out.data = seatData(e.type, e.data);
  return out as unknown as DomainEvent;
}

/** The events the role is sent, as it is sent them. */
export function eventsFor(events: readonly DomainEvent[], role: string, all: readonly DomainEvent[] = events): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (const e of events) if (sentTo(e, role)) out.push(forRole(e, role, all));
  return out;
}
