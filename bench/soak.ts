/**
 * Soak: run bundled scenarios with their plan, their weak plan and no plan over many seeds and
 * collect every run that did not end as a run should: an exception, a `run.aborted` (a guard
 * tripped, see docs/scenario-format.md "Limits"), or a stream whose last event is not
 * `exercise.ended`. bench/soak.mjs runs it on worker threads over the bundled engine;
 * test/engine/soak.test.ts runs a slice of it in CI.
 */
import { runHeadless, type Exercise, type Plan, type Scenario } from '../engine/index.ts';
import { load } from './streams.ts';

export const SCENARIO_IDS = ['chemical-leak', 'typhoon', 'earthquake'];
export const PLAN_NAMES = ['plan', 'weak', 'none'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export interface SoakJob {
  scenario: string;
  plan: PlanName;
  seeds: number[];
}

export interface SoakFailure {
  scenario: string;
  plan: PlanName;
  seed: number;
  kind: 'exception' | 'aborted' | 'unfinished';
  message: string;
}

export interface SoakResult {
  runs: number;
  events: number;
  failures: SoakFailure[];
}

const loaded = new Map<string, { scenario: Scenario; plans: Map<string, Plan | null | undefined> }>();

function scenarioOf(root: string, id: string) {
  let s = loaded.get(id);
  if (!s) {
    const { scenario, plans } = load(root, id);
    s = { scenario, plans: new Map(plans) };
    loaded.set(id, s);
  }
  return s;
}

/** One run: null when it ended normally, else what went wrong. */
export function soakRun(root: string, id: string, planName: PlanName, seed: number): { failure: SoakFailure | null; events: number } {
  const { scenario, plans } = scenarioOf(root, id);
  return judgeRun({ scenario: id, plan: planName, seed }, () => runHeadless(scenario, { seed, plan: plans.get(planName) }));
}

/** Run `run` and say whether it ended as a run should. */
export function judgeRun(base: Pick<SoakFailure, 'scenario' | 'plan' | 'seed'>, run: () => Exercise): { failure: SoakFailure | null; events: number } {
  try {
    const ex = run();
    const last = ex.events[ex.events.length - 1];
    if (ex.aborted) return { failure: { ...base, kind: 'aborted', message: `${ex.aborted.guard}: ${ex.aborted.message.en}` }, events: ex.events.length };
    if (last?.type !== 'exercise.ended') return { failure: { ...base, kind: 'unfinished', message: `last event ${last?.type ?? '(none)'}` }, events: ex.events.length };
    return { failure: null, events: ex.events.length };
  } catch (e) {
    const err = e as Error;
    const where = (err.stack ?? '').split('\n').find((l) => l.trim().startsWith('at ')) ?? '';
    return { failure: { ...base, kind: 'exception', message: `${err.name}: ${err.message} ${where.trim()}`.trim() }, events: 0 };
  }
}

export function soakJob(root: string, job: SoakJob): SoakResult {
  const out: SoakResult = { runs: 0, events: 0, failures: [] };
  for (const seed of job.seeds) {
    const r = soakRun(root, job.scenario, job.plan, seed);
    out.runs++;
    out.events += r.events;
    if (r.failure) out.failures.push(r.failure);
  }
  return out;
}

/** The work as jobs of at most `chunk` seeds each, scenario by scenario, plan by plan. */
export function soakJobs(scenarios: string[], plans: readonly PlanName[], seeds: number[], chunk = 50): SoakJob[] {
  const jobs: SoakJob[] = [];
  for (const scenario of scenarios) {
    for (const plan of plans) {
      for (let i = 0; i < seeds.length; i += chunk) jobs.push({ scenario, plan, seeds: seeds.slice(i, i + chunk) });
    }
  }
  return jobs;
}
