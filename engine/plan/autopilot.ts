/**
 * The plan (预案) on autopilot: each rule waits for its trigger (a domain event, optionally with
 * matching fields, or a sim-time), then after its delay gives its order as the seat that owns it,
 * through the same authority and feasibility checks a trainee's order goes through. A rule fires
 * once. Its orders are not logged as commands: the plan is in the log, so replay re-derives them.
 */
import type { Exercise } from '../sim/exercise.ts';
import type { DomainEvent } from '../sim/events.ts';
import { applyCommand } from '../commands/apply.ts';

export function planStart(ex: Exercise): void {
  for (const rule of ex.plan?.rules ?? []) {
    if ('at' in rule.when) ex.at(rule.when.at + rule.after, 'plan', `rule:${rule.id}`, { kind: 'plan-action', rule: rule.id });
  }
}

function matches(e: DomainEvent, match: Record<string, string | number | boolean> | undefined): boolean {
  if (!match) return true;
  for (const [k, want] of Object.entries(match)) {
    const have = e.data[k];
    if (Array.isArray(have) ? !have.includes(want) : have !== want) return false;
  }
  return true;
}

export function planOnEvent(ex: Exercise, e: DomainEvent): void {
  if (e.type === 'plan.rule-triggered') return;
  for (const rule of ex.plan?.rules ?? []) {
    if (!('event' in rule.when) || rule.when.event !== e.type) continue;
    if (ex.state.planFired[rule.id] !== undefined) continue;
    if (!matches(e, rule.when.match)) continue;
    ex.state.planFired[rule.id] = e.seq;
    ex.emit('plan.rule-triggered', { rule: rule.id, by: rule.by, dueAt: ex.state.t + rule.after, deadline: rule.deadline ?? null }, { audience: 'facilitator', cause: e.seq });
    ex.at(rule.after, 'plan', `rule:${rule.id}`, { kind: 'plan-action', rule: rule.id, cause: e.seq });
  }
}

export function firePlanRule(ex: Exercise, ruleId: string, _cause?: number): void {
  const rule = ex.plan?.rules.find((r) => r.id === ruleId);
  if (!rule) return;
  if (ex.state.planFired[rule.id] === undefined) ex.state.planFired[rule.id] = -1;
  applyCommand(ex, rule.by, rule.do, { via: 'plan', rule: rule.id });
}
