/**
 * From per-run rows to the sweep's report: per (plan, variant) the distribution of each metric,
 * the paired difference of each plan against the first (same seeds, so common random numbers)
 * and how often each resource ran short. Rows are ordered by (variant, plan, seed) first, so the
 * report does not depend on the order in which runs finished. Runs that failed (threw, or were
 * stopped by a run-time guard) count in no figure: the report lists them under `failures` and
 * says over how many runs each cell's figures are.
 */
import { quantile, bootstrapMean, mean, round, roundEstimate, type Estimate } from './stats.ts';
import { metricInfo, KEY_METRICS, type MetricInfo } from './metrics.ts';
import type { RunFailure, RunRow, SweepPack } from './types.ts';

export const SWEEP_FORMAT = 'yanlian/sweep@1';

export interface MetricStats {
  /** Runs where the metric has a value. */
  n: number;
  /** Runs where it did not happen (null), e.g. the source was never isolated. */
  missing: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  median: Estimate;
  p90: Estimate;
  p99: Estimate;
}

export interface PairedStats {
  /** Seeds where both plans have a value. */
  n: number;
  /** Mean of (plan − baseline) over seeds, with a seeded bootstrap CI. */
  meanDiff: Estimate;
  /** Median of the per-seed differences, with its order-statistic CI. */
  medianDiff: Estimate;
  /** Share of seeds where the plan is better / worse than the baseline (by the metric's direction). */
  better: number;
  worse: number;
}

export interface CellReport {
  plan: string;
  variant: string;
  /** Runs that finished: every figure of the cell is over these. */
  runs: number;
  /** Runs that failed (threw or were aborted), in no figure. */
  failed: number;
  metrics: Record<string, MetricStats>;
  /** Share of runs in which each resource ran short, most often first. */
  shortages: { resource: string; share: number; runs: number }[];
}

/** A run that did not finish, by its key. */
export type FailureReport = { plan: string; variant: string; seed: number } & RunFailure;

export interface SweepReport {
  format: typeof SWEEP_FORMAT;
  scenario: { id: string; file: string; hash: string };
  seeds: { first: number; last: number; count: number };
  until: number;
  plans: { id: string; source: string }[];
  variants: { id: string; teams: Record<string, number>; scenarioHash: string }[];
  metrics: ({ key: string } & MetricInfo)[];
  /** How many runs the sweep made, finished and failed (by kind). */
  runs: { total: number; finished: number; failed: number; errors: number; aborted: number };
  results: CellReport[];
  paired: ({ baseline: string; plan: string; variant: string; metrics: Record<string, PairedStats> })[];
  /** Runs that failed, in (variant, plan, seed) order; empty when every run finished. */
  failures: FailureReport[];
  /** Wall-clock figures and how the sweep was run: the only part that may differ between two identical sweeps. */
  timing?: Record<string, number | string>;
}

/** Values per (variant, plan), one row per seed in seed order. */
export type RowIndex = Map<string, RunRow[]>;
const cellKey = (variant: string, plan: string) => `${variant}\u0000${plan}`;

export function indexRows(pack: SweepPack, seeds: number[], rows: RunRow[]): RowIndex {
  const byKey = new Map<string, RunRow>();
  for (const r of rows) byKey.set(`${r.variant}\u0000${r.plan}\u0000${r.seed}`, r);
  const out: RowIndex = new Map();
  for (const v of pack.variants) {
    for (const p of pack.plans) {
      const list = seeds.map((s) => {
        const r = byKey.get(`${v.id}\u0000${p.id}\u0000${s}`);
        if (!r) throw new Error(`no result for plan ${p.id}, variant ${v.id}, seed ${s}`);
        if (r.scenarioHash !== v.scenarioHash) throw new Error(`the run of plan ${p.id}, variant ${v.id}, seed ${s} used scenario ${r.scenarioHash.slice(0, 12)}…, not ${v.scenarioHash.slice(0, 12)}…`);
        return r;
      });
      out.set(cellKey(v.id, p.id), list);
    }
  }
  return out;
}

export function cellRows(index: RowIndex, variant: string, plan: string): RunRow[] {
  return index.get(cellKey(variant, plan)) ?? [];
}

/** Metric keys in the order the metrics adapter gives them (a failed run has none: it is skipped). */
function metricKeys(rows: RunRow[]): string[] {
  const first = rows.find((r) => !r.failure);
  return first ? Object.keys(first.metrics) : KEY_METRICS.map(([key]) => key);
}

const num = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function metricStats(values: (number | null)[]): MetricStats {
  const xs = values.filter(num);
  const sorted = Float64Array.from(xs).sort();
  const arr = Array.from(sorted);
  const m = mean(xs);
  return {
    n: xs.length,
    missing: values.length - xs.length,
    mean: m === null ? null : round(m),
    min: arr.length ? arr[0] : null,
    max: arr.length ? arr[arr.length - 1] : null,
    median: roundEstimate(quantile(arr, 0.5)),
    p90: roundEstimate(quantile(arr, 0.9)),
    p99: roundEstimate(quantile(arr, 0.99))
  };
}

function pairedStats(base: RunRow[], other: RunRow[], key: string, better: 'lower' | 'higher', name: string): PairedStats {
  const d: number[] = [];
  for (let i = 0; i < base.length; i++) {
    const a = base[i].metrics[key];
    const b = other[i].metrics[key];
    if (num(a) && num(b)) d.push(b - a);
  }
  const sorted = Array.from(Float64Array.from(d).sort());
  const sign = better === 'lower' ? -1 : 1;
  const share = (f: (x: number) => boolean) => (d.length ? round(d.filter(f).length / d.length) : 0);
  return {
    n: d.length,
    meanDiff: roundEstimate(bootstrapMean(d, name)),
    medianDiff: roundEstimate(quantile(sorted, 0.5)),
    better: share((x) => sign * x > 0),
    worse: share((x) => sign * x < 0)
  };
}

function shortageShares(rows: RunRow[]): CellReport['shortages'] {
  const count = new Map<string, number>();
  for (const r of rows) for (const s of r.short) count.set(s, (count.get(s) ?? 0) + 1);
  return [...count.entries()]
    .map(([resource, runs]) => ({ resource, runs, share: round(runs / rows.length) }))
    .sort((a, b) => b.runs - a.runs || a.resource.localeCompare(b.resource));
}

export function aggregate(pack: SweepPack, scenarioId: string, seeds: number[], rows: RunRow[]): { report: SweepReport; index: RowIndex } {
  const index = indexRows(pack, seeds, rows);
  const keys = metricKeys(rows);
  const results: CellReport[] = [];
  const paired: SweepReport['paired'] = [];
  const failures: FailureReport[] = [];
  for (const v of pack.variants) {
    for (const p of pack.plans) {
      const all = cellRows(index, v.id, p.id);
      const rs = all.filter((r) => !r.failure);
      for (const r of all) if (r.failure) failures.push({ plan: r.plan, variant: r.variant, seed: r.seed, ...r.failure });
      const metrics: Record<string, MetricStats> = {};
      for (const k of keys) metrics[k] = metricStats(rs.map((r) => r.metrics[k] ?? null));
      results.push({ plan: p.id, variant: v.id, runs: rs.length, failed: all.length - rs.length, metrics, shortages: shortageShares(rs) });
    }
    const base = pack.plans[0];
    for (const p of pack.plans.slice(1)) {
      const a = cellRows(index, v.id, base.id);
      const b = cellRows(index, v.id, p.id);
      const metrics: Record<string, PairedStats> = {};
      for (const k of keys) metrics[k] = pairedStats(a, b, k, metricInfo(k).better, `${v.id}|${base.id}|${p.id}|${k}`);
      paired.push({ baseline: base.id, plan: p.id, variant: v.id, metrics });
    }
  }
  const report: SweepReport = {
    format: SWEEP_FORMAT,
    scenario: { id: scenarioId, file: pack.scenario.file, hash: pack.scenario.hash },
    seeds: { first: seeds[0], last: seeds[seeds.length - 1], count: seeds.length },
    until: pack.until,
    plans: pack.plans.map((p) => ({ id: p.id, source: p.source })),
    variants: pack.variants.map((v) => ({ id: v.id, teams: v.teams, scenarioHash: v.scenarioHash })),
    metrics: keys.map((key) => ({ key, ...metricInfo(key) })),
    runs: {
      total: results.reduce((n, c) => n + c.runs + c.failed, 0),
      finished: results.reduce((n, c) => n + c.runs, 0),
      failed: failures.length,
      errors: failures.filter((f) => f.kind === 'error').length,
      aborted: failures.filter((f) => f.kind === 'aborted').length
    },
    results,
    paired,
    failures
  };
  return { report, index };
}
