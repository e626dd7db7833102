/**
 * The plan (预案) on autopilot: each rule waits for its trigger (a domain event whose fields meet
 * the rule's conditions — see match.ts — or a sim-time), then after its delay gives its order as the seat that owns it,
 * through the same authority and feasibility checks a trainee's order goes through. A rule fires
 * once. Its orders are not logged as commands: the plan is in the log, so replay re-derives them.
 */
import type { Exercise } from '../sim/exercise.ts';
import type { DomainEvent } from '../sim/events.ts';
import { applyCommand } from '../commands/apply.ts';
import { matches } from './match.ts';

export function planStart(ex: Exercise): void {
  for (const rule of ex.plan?.rules ?? []) {
    if ('at' in rule.when) ex.at(rule.when.at + rule.after, 'plan', `rule:${rule.id}`, { kind: 'plan-action', rule: rule.id });
  }
}

export function planOnEvent(ex: Exercise, e: DomainEvent): void {
  if (e.type === 'plan.rule-triggered') return;
  for (const rule of ex.plan?.rules ?? []) {
    if (!('event' in rule.when) || rule.when.event !== e.type) continue;
    if (ex.state.planFired[rule.id] !== undefined && !rule.each) continue;
    if (!matches(e.data, rule.when.match)) continue;
    if (!namesEveryField(e, rule.do)) continue;
    ex.state.planFired[rule.id] = e.seq;
    ex.emit('plan.rule-triggered', { rule: rule.id, by: rule.by, dueAt: ex.state.t + rule.after, deadline: rule.deadline ?? null }, { audience: 'facilitator', cause: e.seq });
    ex.at(rule.after, 'plan', rule.each ? `rule:${rule.id}:${e.seq}` : `rule:${rule.id}`, { kind: 'plan-action', rule: rule.id, cause: e.seq });
  }
}

export function firePlanRule(ex: Exercise, ruleId: string, _cause?: number): void {
  const rule = ex.plan?.rules.find((r) => r.id === ruleId);
  if (!rule) return;
  if (ex.state.planFired[rule.id] === undefined) ex.state.planFired[rule.id] = -1;
  const trigger = _cause === undefined ? undefined : ex.events[_cause]?.seq === _cause ? ex.events[_cause] : ex.events.find((e) => e.seq === _cause);
  let cmd = fromEvent(rule.do, trigger);
  if (rule.pick && cmd.type === 'dispatch') {
    const team = rule.pick.find((id) => ['available', 'returning'].includes(ex.state.teams[id]?.lc.value ?? ''));
    if (!team) {
      ex.emit('plan.rule-unstaffed', { rule: rule.id, by: rule.by, teams: rule.pick, incident: cmd.incident ?? null }, { audience: [rule.by], ...(_cause !== undefined ? { cause: _cause } : {}) });
      return;
    }
    cmd = { ...cmd, team };
  }
  applyCommand(ex, rule.by, cmd, { via: 'plan', rule: rule.id });
}

/**
 * An order that takes "$event.<field>" values can only be given for an event that has them: a
 * report passed on "for $event.incident" has nothing to pass on when the report named no incident
 * (a free-text report). Such an event does not trigger the rule, rather than giving an order
 * that names no real thing.
 */
function namesEveryField(e: DomainEvent, cmd: object): boolean {
  for (const v of Object.values(cmd)) {
    if (typeof v === 'string' && v.startsWith('$event.') && (e.data[v.slice(7)] ?? null) === null) return false;
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
      out[k] = trigger?.data[v.slice(7)] ?? v;
    } else out[k] = v;
  }
  return (changed ? out : cmd) as T;
}
