/**
 * Score a run from its event stream (and the scenario and plan it refers to): outcome and process
 * metrics, plan compliance, inject expectations, HSEEP capability ratings and the Chinese score
 * sheet, findings and an improvement plan. Pure: the same events give the same scorecard, live,
 * in replay or in a sweep.
 */
import type { Scenario } from '../scenario/load.ts';
import type { Plan } from '../scenario/schema.ts';
import type { DomainEvent } from '../sim/events.ts';
import type { LoggedCommand } from '../sim/state.ts';
import type { MetricValue, Scorecard } from './types.ts';
import { SCORING_RULES, type ScoringRules } from './rules.ts';
import { Stream, str } from './stream.ts';
import { metric } from './metric.ts';
import { outcomeMetrics } from './outcome.ts';
import { incidentMetrics, incidentRows, teamPresence } from './incidents.ts';
import { reportMetrics, reportRows } from './reports.ts';
import { districtMetrics, districtRows } from './districts.ts';
import { resourceMetrics, resourceRows } from './resources.ts';
import { complianceMetrics, complianceRows } from './compliance.ts';
import { evaluationGaps, expectationMetrics, expectationResults } from './expectations.ts';
import { headlineFigures } from './headline.ts';
import { seatTexts } from './texts.ts';
import { findingsOf, improvementPlan, rateCapabilities, scoreSheet, RATING_VALUE } from './ratings.ts';

export interface ScoreInput {
  scenario: Scenario;
  plan: Plan | null;
  events: DomainEvent[];
  commands: LoggedCommand[];
}

export function scoreRun(input: ScoreInput, rules: ScoringRules = SCORING_RULES): Scorecard {
  const { scenario, plan, events, commands } = input;
  const data = scenario.data;
  const s = new Stream(events);
  const presence = teamPresence(s);
  const { rows: incidents, reported } = incidentRows(s, presence);
  const reports = reportRows(s, data, incidents, reported, rules);
  const districts = districtRows(s, scenario, rules);
  const resources = resourceRows(s, data, incidents, reported, presence, rules);
  const compliance = complianceRows(s, plan);
  const expectations = expectationResults(s, data, rules);
  const gaps = evaluationGaps(s, data);

  const details: MetricValue[] = [
    ...outcomeMetrics(s),
    ...incidentMetrics(s, data, incidents, reported, presence),
    ...reportMetrics(reports),
    ...districtMetrics(s, scenario, districts, rules),
    ...resourceMetrics(data, resources),
    ...complianceMetrics(compliance, plan),
    ...expectationMetrics(expectations, gaps)
  ];
  const byId = new Map(details.map((m) => [m.id, m]));
  const hseep = rateCapabilities(byId, data.hazard, rules);
  const sheet = scoreSheet(hseep, expectations, rules);
  const lead = data.releases[0]?.reportTo ?? data.seats.find((x) => !x.parent)!.id;
  const { findings, strengths } = findingsOf(hseep, expectations, compliance, { data, metrics: byId, rules, lead });

  for (const c of hseep) details.push(metric(`hseep.${c.id}`, c.rating === null ? null : RATING_VALUE[c.rating], 'rating', c.tasks.flatMap((t) => t.evidence)));
  for (const c of sheet.categories) details.push(metric(`sheet.${c.id}`, c.score, 'points'));
  details.push(metric('sheetScore', sheet.total, 'points'));
  details.push(metric('findingsDeficiency', findings.filter((f) => f.grade === 'deficiency').length, 'count'));
  details.push(metric('findingsMustCorrect', findings.filter((f) => f.grade === 'must-correct').length, 'count'));
  details.push(metric('findingsImprove', findings.filter((f) => f.grade === 'improve').length, 'count'));

  const started = s.of('exercise.started')[0];
  const participants = data.seats.map((seat) => ({
    seat: seat.id, name: seat.name,
    commands: commands.filter((c) => c.seat === seat.id).length,
    planOrders: s.of('command.accepted').filter((e) => e.data.seat === seat.id && e.data.via === 'plan').length + s.of('command.refused').filter((e) => e.data.seat === seat.id && e.data.via === 'plan').length,
    refused: s.of('command.refused').filter((e) => e.data.seat === seat.id).length
  }));

  return {
    format: 'yanlian/scorecard@1',
    scenario: { id: data.id, title: data.title, hazard: data.hazard, startTime: data.startTime },
    seed: started ? str(started.data.seed) : null,
    plan: plan ? { id: plan.id, name: plan.name } : null,
    simMinutes: s.endT,
    ended: s.of('exercise.ended').length > 0,
    participants,
    metrics: Object.fromEntries(details.map((m) => [m.id, m.value])),
    metricDetails: details,
    headline: headlineFigures(new Map(details.map((m) => [m.id, m])), rules),
    incidents,
    reports,
    districts,
    resources,
    compliance,
    expectations,
    gaps,
    hseep,
    sheet,
    findings,
    strengths,
    improvementPlan: improvementPlan(findings, data.startTime, rules),
    seatTexts: seatTexts(s)
  };
}

export { SCORING_RULES, type ScoringRules, type CriticalTaskRule, type CapabilityRule, type Thresholds } from './rules.ts';
export { rate, formatValue, addDays } from './ratings.ts';
export { HEADLINE } from './headline.ts';
export { firstReport } from './reports.ts';
export type * from './types.ts';
