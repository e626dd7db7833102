/**
 * Outcome metrics: what the hazard did to people and property, read from the run's totals
 * (`exercise.ended`, or the last `casualties.estimate` of a run stopped early) and the chain links.
 * Hazards report what their model gives; a total a model does not give is null, not zero.
 */
import type { MetricValue } from './types.ts';
import { metric } from './metric.ts';
import { num, ref, type Stream } from './stream.ts';

/** Optional totals a hazard model may give (typhoon, earthquake), with their units. */
const OPTIONAL_TOTALS = [
  ['injured', 'people'],
  ['trapped', 'people'],
  ['rescued', 'people'],
  ['diedTrapped', 'people'],
  ['economicLossCny', 'CNY'],
  ['pollutantKg', 'kg']
] as const;

export function outcomeMetrics(s: Stream): MetricValue[] {
  const ended = s.of('exercise.ended').at(-1);
  const estimate = s.of('casualties.estimate').at(-1);
  const totals = (ended?.data.totals ?? null) as Record<string, unknown> | null;
  const src = ended ?? estimate;
  const ev = src ? [ref(src, ended ? 'run totals at the end' : 'last casualty estimate (the run stopped early)')] : [];
  const out: MetricValue[] = [];

  const deaths = totals ? num(totals.deaths) : estimate ? num(estimate.data.deathsExpected) ?? num(estimate.data.deaths) : null;
  out.push(metric('deaths', deaths, 'people', ev));
  for (const [key, unit] of OPTIONAL_TOTALS) out.push(metric(key, totals ? num(totals[key]) : null, unit, totals && key in totals ? ev : []));
  const aegl = totals && Array.isArray(totals.aegl) ? (totals.aegl as unknown[]).map(num) : estimate ? [num(estimate.data.aegl1), num(estimate.data.aegl2), num(estimate.data.aegl3)] : [null, null, null];
  for (let k = 0; k < 3; k++) out.push(metric(`exposedAegl${k + 1}`, aegl[k] === null || aegl[k] === undefined ? null : Math.round(aegl[k]!), 'people', aegl[k] === null ? [] : ev));
  const evacuated = totals ? num(totals.evacuated) : estimate ? num(estimate.data.evacuated) : null;
  out.push(metric('evacuated', evacuated === null ? null : Math.round(evacuated), 'people', ev));

  const trapped = totals ? num(totals.trapped) : null;
  const rescued = totals ? num(totals.rescued) : null;
  out.push(metric('rescuedShare', trapped && trapped > 0 && rescued !== null ? rescued / trapped : null, 'share', ev));

  const triggered = s.of('cascade.triggered');
  const prevented = s.of('cascade.prevented');
  out.push(metric('secondaryTriggered', triggered.length, 'count', triggered.length ? triggered.map((e) => ref(e, `${String(e.data.rule)} → ${String(e.data.child)}`)) : [...prevented, ...s.of('cascade.threat')].map((e) => ref(e, `${String(e.data.rule)}: did not happen`))));
  out.push(metric('secondaryPrevented', prevented.length, 'count', prevented.map((e) => ref(e, String(e.data.rule)))));
  const threats = s.of('cascade.threat');
  out.push(metric('secondaryChances', triggered.length + prevented.length + threats.length, 'count', [...triggered, ...prevented, ...threats].map((e) => ref(e, String(e.data.rule)))));
  const chances = triggered.length + prevented.length;
  out.push(metric('secondaryPreventedShare', chances ? prevented.length / chances : null, 'share', [...triggered, ...prevented].map((e) => ref(e))));
  return out;
}
