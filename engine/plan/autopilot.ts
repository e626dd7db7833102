/**
 * The plan (预案) on autopilot: each rule waits for its trigger (a domain event whose fields meet
 * the rule's conditions — see match.ts — or a sim-time), then after its delay gives its order as the seat that owns it,
 * through the same authority and feasibility checks a trainee's order goes through. A rule fires
 * once, or on every matching event with `each`; `pick` takes the first free team of a list, and
 * with `wait` an order no team was free for waits for one (docs/plan-format.md). Its orders are
 * not logged as commands: the plan is in the log, so replay re-derives them.
 */
import type { Exercise } from '../sim/exercise.ts';
import type { DomainEvent } from '../sim/events.ts';
import { applyCommand } from '../commands/apply.ts';
import { matches } from './match.ts';
import { PLAN_REPEATS } from '../sim/limits.ts';
import { own } from '../util/own.ts';

export function planStart(ex: Exercise): void {
  for (const rule of ex.plan?.rules ?? []) {
    if ('at' in rule.when) ex.at(rule.when.at + rule.after, 'plan', `rule:${rule.id}`, { kind: 'plan-action', rule: rule.id });
  }
}

export function planOnEvent(ex: Exercise, e: DomainEvent): void {
  if (e.type === 'plan.rule-triggered') return;
  if ((e.type === 'team.returning' || e.type === 'team.available') && waitsFor(ex, String(e.data.team))) {
    // Not at once: the team's own change is still being applied; a timer at +0 runs right after.
    ex.at(0, 'plan', `staff:${e.data.team}:${e.seq}`, { kind: 'plan-staff', team: String(e.data.team) });
  }
  for (const rule of ex.plan?.rules ?? []) {
    if (!('event' in rule.when) || rule.when.event !== e.type) continue;
    if (own(ex.state.planFired, rule.id) !== undefined && !rule.each) continue;
    if (!matches(e.data, rule.when.match)) continue;
    if (!namesEveryField(e, rule.do)) continue;
    if (rule.each && ordersOnChain(ex, rule.id, e) >= PLAN_REPEATS) {
      ex.abort('plan-loop', PLAN_REPEATS, rule.id);
      return;
    }
    ex.state.planFired[rule.id] = e.seq;
    ex.emit('plan.rule-triggered', { rule: rule.id, by: rule.by, dueAt: ex.state.t + rule.after, deadline: rule.deadline ?? null }, { audience: 'facilitator', cause: e.seq });
    ex.at(rule.after, 'plan', rule.each ? `rule:${rule.id}:${e.seq}` : `rule:${rule.id}`, { kind: 'plan-action', rule: rule.id, cause: e.seq });
  }
}

export function firePlanRule(ex: Exercise, ruleId: string, _cause?: number): void {
  const rule = ex.plan?.rules.find((r) => r.id === ruleId);
  if (!rule) return;
  if (own(ex.state.planFired, rule.id) === undefined) ex.state.planFired[rule.id] = -1;
  const trigger = _cause === undefined ? undefined : eventBySeq(ex, _cause);
  let cmd = fromEvent(rule.do, trigger);
  if (rule.pick && cmd.type === 'dispatch') {
    const team = rule.pick.find((id) => isFree(ex, id));
    if (!team) {
      const until = rule.wait !== undefined ? ex.state.t + rule.wait : undefined;
      ex.emit('plan.rule-unstaffed', { rule: rule.id, by: rule.by, teams: rule.pick, incident: cmd.incident ?? null, ...(until !== undefined ? { waitUntil: until } : {}) }, { audience: [rule.by], ...(_cause !== undefined ? { cause: _cause } : {}) });
      if (until !== undefined) (ex.state.planWaiting ??= []).push({ rule: rule.id, cause: _cause ?? null, until });
      return;
    }
    cmd = { ...cmd, team };
  }
  if (rule.each) link(ex, _cause);
  applyCommand(ex, rule.by, cmd, { via: 'plan', rule: rule.id });
}

/**
 * Remember which event an `each` rule's order answered (the order's events carry no `cause`).
 * Before the order is given: its first event (accepted or refused; plan orders are not logged)
 * takes the next seq, and may trigger rules at once.
 */
function link(ex: Exercise, trigger: number | null | undefined): void {
  if (trigger === undefined || trigger === null || ex.aborted) return;
  (ex.state.planLinks ??= {})[ex.state.eventSeq] = trigger;
}

/**
 * How many orders of `rule` the chain of causes behind `e` holds: `e`, the event that caused
 * it, and so on, passing from a plan order to the event that triggered it. A rule that fires
 * again and again on what its own orders led to is a loop (docs/scenario-format.md, "Limits").
 */
function ordersOnChain(ex: Exercise, rule: string, e: DomainEvent): number {
  let n = 0;
  for (let ev: DomainEvent | undefined = e, hops = 0; ev && hops < 10_000; hops++) {
    if (ev.data.rule === rule && (ev.data.via === 'plan' || ev.type === 'plan.rule-unstaffed')) n++;
    const next: number | undefined = ev.cause ?? ex.state.planLinks?.[ev.seq];
    if (next === undefined || next >= ev.seq) break;
    ev = eventBySeq(ex, next);
  }
  return n;
}

/** The event with this seq (events are kept in seq order, usually at that index). */
function eventBySeq(ex: Exercise, seq: number): DomainEvent | undefined {
  return ex.events[seq]?.seq === seq ? ex.events[seq] : ex.events.find((e) => e.seq === seq);
}

/** A team a `pick` may take: at base, or on its way back from a job. */
function isFree(ex: Exercise, team: string): boolean {
  return ['available', 'returning'].includes(own(ex.state.teams, team)?.lc.value ?? '');
}

/** Does some waiting order pick this team? */
function waitsFor(ex: Exercise, team: string): boolean {
  return (ex.state.planWaiting ?? []).some((w) => ex.plan?.rules.find((r) => r.id === w.rule)?.pick?.includes(team));
}

/**
 * A team came free: the longest-waiting order that picks it gets it, unless that order's time
 * is up or its incident has closed meanwhile (those are dropped). One order per team.
 */
export function staffWaitingOrder(ex: Exercise, team: string): void {
  const waiting = ex.state.planWaiting ?? [];
  if (!isFree(ex, team)) return;
  for (let k = 0; k < waiting.length; k++) {
    const w = waiting[k];
    const rule = ex.plan?.rules.find((r) => r.id === w.rule);
    if (!rule || w.until < ex.state.t) {
      waiting.splice(k--, 1);
      continue;
    }
    if (!rule.pick?.includes(team)) continue;
    waiting.splice(k--, 1);
    const trigger = w.cause === null ? undefined : eventBySeq(ex, w.cause);
    const cmd = { ...fromEvent(rule.do, trigger), team };
    if (cmd.type === 'dispatch' && cmd.incident && own(ex.state.incidents, cmd.incident)?.lc.value === 'closed') continue;
    if (rule.each) link(ex, w.cause);
    applyCommand(ex, rule.by, cmd, { via: 'plan', rule: rule.id });
    return;
  }
}

/**
 * An order that takes "$event.<field>" values can only be given for an event that has them: a
 * report passed on "for $event.incident" has nothing to pass on when the report named no incident
 * (a free-text report). Such an event does not trigger the rule, rather than giving an order
 * that names no real thing.
 */
function namesEveryField(e: DomainEvent, cmd: object): boolean {
  for (const v of Object.values(cmd)) {
    if (typeof v === 'string' && v.startsWith('$event.') && (own(e.data, v.slice(7)) ?? null) === null) return false;
  }
  return true;
}

/** The rule's order with each "$event.<field>" value taken from the event that triggered it. */
function fromEvent<T extends object>(cmd: T, trigger: DomainEvent | undefined): T {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cmd)) {
    if (typeof v === 'string' && v.startsWith('$event.')) {
      changed = true;
      out[k] = own(trigger?.data, v.slice(7)) ?? v;
    } else out[k] = v;
  }
  return (changed ? out : cmd) as T;
}
