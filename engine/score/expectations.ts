/**
 * Inject expectations, judged from the log alone so live, replay and sweep agree: after an inject
 * is delivered, did the expected seat give the expected order (or did the expected event happen)
 * within the time allowed — met, late, missed; still open when the run stopped before the time
 * was up; not delivered when a manual inject was never given. A facilitator's `judge` command
 * (an `expectation.judged` event) overrides the verdict, with its reason. Injects that expect
 * nothing are evaluation gaps.
 */
import type { ScenarioData, Expectation } from '../scenario/schema.ts';
import type { DomainEvent } from '../sim/events.ts';
import { scriptedExpectations, type ResolvedExpectation } from '../scenario/expectations.ts';
import { matches } from '../plan/match.ts';
import { own } from '../util/own.ts';
import type { EvaluationGap, ExpectationResult, ExpectationStatus, LocalText, MetricValue, SheetCategoryId } from './types.ts';
import type { ScoringRules } from './rules.ts';
import { metric } from './metric.ts';
import { minutes, ref, str, strs, type Stream } from './stream.ts';

function lookFor(s: Stream, x: Expectation, after: DomainEvent): DomainEvent | undefined {
  if (x.command) {
    const want = x.command;
    return s.of('command.accepted').find((e) => e.seq > after.seq && e.data.seat === x.seat && e.data.type === want.type && matches((e.data.command ?? {}) as Record<string, unknown>, want.match));
  }
  const want = x.event!;
  return s.of(want.type).find((e) => e.seq > after.seq && matches(e.data, want.match));
}

function categoryOf(x: Expectation, rules: ScoringRules): SheetCategoryId {
  if (x.command) return own(rules.categoryOfCommand, x.command.type) ?? 'command';
  return own(rules.categoryOfEvent, x.event!.type) ?? 'response';
}

export function expectationResults(s: Stream, data: ScenarioData, rules: ScoringRules): ExpectationResult[] {
  const todo: { x: ResolvedExpectation; delivered: DomainEvent | undefined }[] = [];
  for (const x of scriptedExpectations(data)) todo.push({ x, delivered: s.first('inject.delivered', (e) => e.data.inject === x.inject) });
  for (const e of s.of('inject.delivered')) {
    if (e.data.inject !== null || !Array.isArray(e.data.expect)) continue;
    for (const x of e.data.expect as (Expectation & { id: string })[]) todo.push({ x: { ...x, inject: null }, delivered: e });
  }
  const judgements = s.of('expectation.judged');
  return todo.map(({ x, delivered }) => {
    const base = {
      id: x.id, inject: x.inject, name: x.name ?? null, seat: x.seat, kind: x.command ? ('command' as const) : ('event' as const),
      target: x.command?.type ?? x.event!.type, withinMin: x.within, category: categoryOf(x, rules)
    };
    let auto: ExpectationStatus;
    let doneAt: number | null = null;
    let dueBy: number | null = null;
    const evidence = [];
    if (!delivered) auto = 'not-delivered';
    else {
      dueBy = minutes(delivered.t + x.within);
      evidence.push(ref(delivered, `inject ${x.inject ?? '(live)'} delivered`));
      const hit = lookFor(s, x, delivered);
      if (hit) {
        doneAt = hit.t;
        evidence.push(ref(hit, x.command ? `${x.seat} gives ${x.command.type}` : `${hit.type}`));
        auto = hit.t <= dueBy ? 'met' : 'late';
      } else auto = s.endT < dueBy && !s.of('exercise.ended').length ? 'open' : 'missed';
    }
    const j = judgements.filter((e) => e.data.expectation === x.id).at(-1);
    const judged = j ? { verdict: str(j.data.verdict) as 'met' | 'late' | 'missed', reason: j.data.reason as LocalText, seq: j.seq, t: j.t } : null;
    if (j) evidence.push(ref(j, `facilitator judges: ${String(j.data.verdict)}`));
    return { ...base, deliveredAt: delivered?.t ?? null, dueBy, doneAt, auto, status: judged?.verdict ?? auto, judged, evidence };
  });
}

export function evaluationGaps(s: Stream, data: ScenarioData): EvaluationGap[] {
  const gaps: EvaluationGap[] = [];
  for (const inj of data.injects) {
    if (inj.expect?.length) continue;
    gaps.push({ inject: inj.id, at: inj.manual ? null : inj.at, to: inj.to, text: inj.text, delivered: !!s.first('inject.delivered', (e) => e.data.inject === inj.id) });
  }
  for (const e of s.of('inject.delivered')) {
    if (e.data.inject !== null || (Array.isArray(e.data.expect) && e.data.expect.length)) continue;
    gaps.push({ inject: null, at: e.t, to: strs(e.data.to), text: e.data.text as LocalText, delivered: true });
  }
  return gaps;
}

export function expectationMetrics(results: ExpectationResult[], gaps: EvaluationGap[]): MetricValue[] {
  const by = (st: ExpectationStatus) => results.filter((r) => r.status === st);
  const due = results.filter((r) => r.status === 'met' || r.status === 'late' || r.status === 'missed');
  return [
    metric('expectations', results.length, 'count'),
    metric('expectationsMet', by('met').length, 'count', by('met').flatMap((r) => r.evidence)),
    metric('expectationsLate', by('late').length, 'count', by('late').flatMap((r) => r.evidence), by('late')[0]?.seat),
    metric('expectationsMissed', by('missed').length, 'count', by('missed').flatMap((r) => r.evidence), by('missed')[0]?.seat),
    metric('expectationsMetShare', due.length ? by('met').length / due.length : null, 'share', due.flatMap((r) => r.evidence)),
    metric('evaluationGaps', gaps.length, 'count')
  ];
}
