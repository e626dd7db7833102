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

export function complianceRows(s: Stream, plan: Plan | null): ComplianceRow[] {
  if (!plan) return [];
  return plan.rules.map((rule) => {
    const base = { rule: rule.id, name: rule.name ?? null, by: rule.by, action: rule.do.type };
    const trig = trigger(s, rule);
    if (!trig) return { ...base, triggeredAt: null, dueBy: null, doneAt: null, status: 'not-triggered' as const, evidence: [] };
    const dueBy = rule.deadline === undefined ? null : minutes(trig.t + rule.deadline);
    const key = orderKey(rule.do);
    const done = s.of('command.accepted').find((e) => e.t >= trig.t && (e.data.rule === rule.id || (e.data.seat === rule.by && e.data.via !== 'plan' && orderKey(e.data.command) === key)));
    const evidence = trig.e ? [ref(trig.e, `rule ${rule.id} triggered`)] : [];
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
