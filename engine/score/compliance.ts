/**
 * Plan compliance: for each rule of the plan, was its action done, done late (after the rule's
 * deadline), refused, or missing once its trigger happened? Orders given by the autopilot carry
 * the rule's id; orders given by hand count when the rule's seat gave the same order.
 */
import type { Plan, PlanRule } from '../scenario/schema.ts';
import type { DomainEvent } from '../sim/events.ts';
import type { ComplianceRow, MetricValue } from './types.ts';
import { matches } from '../plan/match.ts';
import { canonicalJson } from '../util/canonical.ts';
import { metric } from './metric.ts';
import { minutes, ref, str, type Stream } from './stream.ts';

/** The order without its free text: two orders are the same when everything else is. */
function orderKey(cmd: unknown): string {
  if (!cmd || typeof cmd !== 'object') return '';
  const { text: _t, message: _m, ...rest } = cmd as Record<string, unknown>;
  return canonicalJson(rest);
}

function trigger(s: Stream, rule: PlanRule): { t: number; e: DomainEvent | null } | null {
  if ('at' in rule.when) return rule.when.at <= s.endT ? { t: rule.when.at, e: null } : null;
  const fired = s.first('plan.rule-triggered', (e) => e.data.rule === rule.id);
  if (fired) return { t: fired.t, e: fired };
  const when = rule.when;
  const e = s.first(when.event, (x) => matches(x.data, when.match));
  return e ? { t: e.t, e } : null;
}

const LEVELS = ['none', 'IV', 'III', 'II', 'I'];

/**
 * A rule that sets a response level is done when its seat's level reaches the rule's level or a
 * higher one, whoever gave the order and for whichever incident (a seat has one level): the first
 * \`response.level\` of that seat at or after the trigger that reaches it, or the level the seat
 * already held at the trigger. The same test the response-level figure uses: a level declared is
 * never "not done".
 */
function levelReached(s: Stream, rule: PlanRule, at: number): { e: DomainEvent } | null {
  if (rule.do.type !== 'set-response-level') return null;
  const need = LEVELS.indexOf(rule.do.level);
  const mine = s.of('response.level').filter((e) => e.data.seat === rule.by);
  const held = mine.filter((e) => e.t < at).at(-1);
  if (held && LEVELS.indexOf(str(held.data.to) ?? 'none') >= need) return { e: held };
  const hit = mine.find((e) => e.t >= at && LEVELS.indexOf(str(e.data.to) ?? 'none') >= need);
  return hit ? { e: hit } : null;
}

/** A hand order counts for a rule when it is the same order; a report up without an incident counts for any incident (as the reporting table counts it). */
function sameOrder(given: unknown, wanted: PlanRule['do'], key: string): boolean {
  if (orderKey(given) === key) return true;
  if (wanted.type !== 'report-up' || !given || typeof given !== 'object') return false;
  const g = given as Record<string, unknown>;
  return g.type === 'report-up' && (g.incident === undefined || g.incident === null);
}

export function complianceRows(s: Stream, plan: Plan | null): ComplianceRow[] {
  if (!plan) return [];
  return plan.rules.map((rule) => {
    const base = { rule: rule.id, name: rule.name ?? null, by: rule.by, action: rule.do.type };
    const trig = trigger(s, rule);
    if (!trig) return { ...base, triggeredAt: null, dueBy: null, doneAt: null, status: 'not-triggered' as const, evidence: [] };
    const dueBy = rule.deadline === undefined ? null : minutes(trig.t + rule.deadline);
    const key = orderKey(rule.do);
    const evidence = trig.e ? [ref(trig.e, `rule ${rule.id} triggered`)] : [];
    const level = levelReached(s, rule, trig.t);
    if (level) {
      evidence.push(ref(level.e, level.e.t < trig.t ? `${rule.by} already at level ${String(level.e.data.to)}` : `${rule.by} declares level ${String(level.e.data.to)}`));
      const doneAt = Math.max(level.e.t, trig.t);
      const late = dueBy !== null && doneAt > dueBy;
      return { ...base, triggeredAt: trig.t, dueBy, doneAt, status: late ? ('late' as const) : ('done' as const), evidence };
    }
    const done = rule.do.type === 'set-response-level' ? undefined : s.of('command.accepted').find((e) => e.t >= trig.t && (e.data.rule === rule.id || (e.data.seat === rule.by && e.data.via !== 'plan' && sameOrder(e.data.command, rule.do, key))));
    if (done) {
      evidence.push(ref(done, `${rule.by} gives the order`));
      const late = dueBy !== null && done.t > dueBy;
      return { ...base, triggeredAt: trig.t, dueBy, doneAt: done.t, status: late ? ('late' as const) : ('done' as const), evidence };
    }
    const refused = s.of('command.refused').find((e) => e.data.rule === rule.id);
    if (refused) {
      evidence.push(ref(refused, `refused: ${String(refused.data.reason)}`));
      return { ...base, triggeredAt: trig.t, dueBy, doneAt: null, status: 'refused' as const, reason: str(refused.data.reason) ?? undefined, evidence };
    }
    return { ...base, triggeredAt: trig.t, dueBy, doneAt: null, status: 'missing' as const, evidence };
  });
}

export function complianceMetrics(rows: ComplianceRow[], plan: Plan | null): MetricValue[] {
  const triggered = rows.filter((r) => r.status !== 'not-triggered');
  const by = (st: string) => rows.filter((r) => r.status === st);
  const short = rows.filter((r) => r.status === 'late' || r.status === 'missing' || r.status === 'refused');
  const ev = (short.length ? short : triggered).flatMap((r) => r.evidence);
  return [
    metric('planRules', plan ? plan.rules.length : null, 'count'),
    metric('planTriggered', plan ? triggered.length : null, 'count'),
    metric('planDone', plan ? by('done').length : null, 'count'),
    metric('planLate', plan ? by('late').length : null, 'count', by('late').flatMap((r) => r.evidence)),
    metric('planMissing', plan ? by('missing').length + by('refused').length : null, 'count', [...by('missing'), ...by('refused')].flatMap((r) => r.evidence)),
    metric('planCompliance', plan && triggered.length ? by('done').length / triggered.length : null, 'share', ev, short[0]?.by)
  ];
}
