/**
 * The key metrics of one run, as a flat record of numbers (null: did not happen, e.g. the leak
 * was never contained). This adapter is the one place that decides what a sweep measures: it
 * scores the run with the engine's scorer (`scoreRun`, the same scorecard as the after-action
 * report) and keeps the key figures a planner compares plans on. Names come from the report's
 * metric labels, units from the scorecard.
 */
import type { Exercise, Plan, Scenario } from '../../engine/index.ts';
import { METRIC_NAMES } from '../report/labels.ts';
import { scoreRun } from '../../engine/index.ts';

export type Metrics = Record<string, number | null>;

export interface MetricInfo {
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  /** Which direction is better, for reading paired differences. */
  better: 'lower' | 'higher';
}

/** The scorecard metrics a sweep reports, in report order: unit (as on the scorecard) and the better direction. */
export const KEY_METRICS: [key: string, unit: string, better: 'lower' | 'higher'][] = [
  ['deaths', 'people', 'lower'],
  ['exposedAegl3', 'people', 'lower'],
  ['exposedAegl2', 'people', 'lower'],
  ['exposedAegl1', 'people', 'lower'],
  ['evacuated', 'people', 'higher'],
  ['firstReportUpDelayMin', 'min', 'lower'],
  ['warningDelayMin', 'min', 'lower'],
  ['firstTeamOnSceneMin', 'min', 'lower'],
  ['timeToContainMin', 'min', 'lower'],
  ['secondaryTriggered', 'count', 'lower'],
  ['inversionMin', 'min', 'lower'],
  ['unmetDemand', 'count', 'lower'],
  ['planCompliance', 'share', 'higher'],
  ['sheetScore', 'points', 'higher']
];

const UNITS: Record<string, { zh: string; en: string }> = {
  people: { zh: '人', en: 'people' }, min: { zh: '分钟', en: 'min' }, count: { zh: '个', en: 'count' }, share: { zh: '比例', en: 'share' }, points: { zh: '分', en: 'points' }
};

/** Label, unit and direction of a metric key. */
export function metricInfo(key: string): MetricInfo {
  const k = KEY_METRICS.find(([id]) => id === key);
  return {
    label: METRIC_NAMES[key] ?? { zh: key, en: key },
    unit: (k && UNITS[k[1]]) ?? { zh: '', en: '' },
    better: k?.[2] ?? 'lower'
  };
}

export function runMetrics(scenario: Scenario, plan: Plan | null, ex: Exercise): Metrics {
  const card = scoreRun({ scenario, plan, events: ex.events, commands: ex.commands });
  const out: Metrics = {};
  for (const [key] of KEY_METRICS) {
    // A key the scorer does not give is a mismatch between this list and the scorer, not a run
    // where the thing never happened: fail loudly rather than report it as "never".
    if (!(key in card.metrics)) throw new Error(`the scorecard has no metric "${key}"; update KEY_METRICS in src/sweep/metrics.ts`);
    out[key] = card.metrics[key];
  }
  return out;
}
