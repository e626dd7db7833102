/**
 * A sweep from start to report: load the scenario and plans, build the variants and the pack,
 * split the work into chunks, run them on the local thread pool or through the queue, and
 * aggregate. The report is the same whichever way the runs were made (only `timing` differs).
 */
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Scenario } from '../../engine/index.ts';
import { loadPlanFile } from '../cli/files.ts';
import { packScenarioFile, makeSweepPack } from './pack.ts';
import { expandVariants, type VaryAxis } from './variants.ts';
import { makeChunks, defaultChunkSize } from './chunks.ts';
import { ThreadPool } from './pool.ts';
import { threadEntry, type EngineMode } from './engineBundle.ts';
import { aggregate, type RowIndex, type SweepReport } from './aggregate.ts';
import { Progress, type ProgressSink } from './progress.ts';
import { SweepFailure, SweepUsageError } from './errors.ts';
import type { RedisTarget } from './redis/url.ts';
import type { PlanSpec, RunRow } from './types.ts';

export interface SweepOptions {
  scenario: string;
  /** Plan files, or "scenario" (the scenario's own plan) or "none" (no autopilot). */
  plans: string[];
  /**
   * Plans already loaded (programmatic use), instead of `plans`: they go into the pack as given,
   * unchecked, and every worker runs them as they are.
   */
  planSpecs?: PlanSpec[];
  seeds: number[];
  vary: VaryAxis[];
  /** Sim-minutes per run; default the scenario's duration. */
  until?: number;
  /** Local pool size; default the machine's available parallelism. */
  workers?: number;
  queue?: RedisTarget;
  chunkSize?: number;
  engine?: EngineMode;
  /** Lifecycle layer (default: the reducer twins, which give the same events faster). */
  machines?: 'xstate' | 'reducers';
  progress?: ProgressSink | null;
  note?: (s: string) => void;
}

export function resolvePlans(tokens: string[], scenario: Scenario): PlanSpec[] {
  const out: PlanSpec[] = [];
  const sources = new Set<string>();
  for (const token of tokens) {
    if (sources.has(token)) throw new SweepUsageError(`--plans names "${token}" twice`);
    sources.add(token);
    let spec: PlanSpec;
    if (token === 'none') spec = { id: 'none', source: 'none', plan: null };
    else if (token === 'scenario') {
      const plan = scenario.data.plan;
      if (!plan) throw new SweepUsageError(`--plans scenario: ${scenario.file} has no plan of its own`);
      spec = { id: plan.id, source: 'scenario', plan };
    } else {
      const plan = loadPlanFile(token, scenario);
      spec = { id: plan.id, source: token, plan };
    }
    if (out.some((p) => p.id === spec.id)) spec.id = `${spec.id} (${spec.source === 'scenario' ? 'scenario' : basename(spec.source)})`;
    out.push(spec);
  }
  return out;
}

const failedIn = (rows: RunRow[]) => rows.reduce((n, r) => n + (r.failure ? 1 : 0), 0);

export interface SweepResult {
  report: SweepReport;
  index: RowIndex;
}

export async function runSweep(o: SweepOptions): Promise<SweepResult> {
  const t0 = performance.now();
  const { pack: scenarioPack, scenario } = packScenarioFile(o.scenario);
  const plans = o.planSpecs ?? resolvePlans(o.plans.length ? o.plans : ['scenario'], scenario);
  const until = o.until ?? scenario.data.duration;
  const pack = makeSweepPack(scenarioPack, expandVariants(o.vary), plans, until, o.machines ?? 'reducers');
  const runs = plans.length * pack.variants.length * o.seeds.length;
  const workers = o.workers ?? availableParallelism();
  const chunks = makeChunks(plans.length, pack.variants.length, o.seeds, o.chunkSize ?? defaultChunkSize(runs, o.queue ? 4 : workers));
  const progress = new Progress(runs, o.progress ?? null);
  const rows: RunRow[] = [];
  const timing: Record<string, number | string> = {};
  const tRun = performance.now();
  const cpu0 = process.cpuUsage();
  if (o.queue) {
    // Loaded only here: plain local sweeps never load the queue library.
    const { runOnQueue } = await import('./queue.ts');
    const r = await runOnQueue(o.queue, pack, chunks, (rs) => progress.add(rs.length, failedIn(rs)), o.note);
    rows.push(...r.rows);
    Object.assign(timing, { mode: `queue ${o.queue.url}`, jobs: r.info.jobs, stalledJobsRetried: r.info.stalled });
  } else {
    const entry = await threadEntry(o.engine);
    const pool = new ThreadPool(workers, entry);
    try {
      const parts = await Promise.all(chunks.map((c) => pool.run(pack, c).then(
        (rs) => (progress.add(rs.length, failedIn(rs)), rs),
        (e: Error) => {
          // Not a run's failure (those come back as rows): the thread or the pack. Say which chunk.
          throw new SweepFailure(`a chunk of the sweep failed (plan ${plans[c.plan].id}, variant ${pack.variants[c.variant].id}, seeds ${c.seeds[0]}–${c.seeds[c.seeds.length - 1]}): ${e.message}`);
        }
      )));
      for (const p of parts) rows.push(...p);
    } finally {
      await pool.close();
    }
    Object.assign(timing, { mode: 'local threads', workers, engine: entry.mode, bundleMs: Math.round(entry.bundleMs) });
  }
  const runMs = performance.now() - tRun;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process, all threads: it tells a busy machine (few cores used) from a slow engine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const { report, index } = aggregate(pack, scenario.data.id, o.seeds, rows);
  report.timing = { ...timing, chunks: chunks.length, runMs: Math.round(runMs), runsPerSecond: +((runs / runMs) * 1000).toFixed(1), cpuMsPerRun: +(cpuMs / runs).toFixed(1), coresUsed: +(cpuMs / runMs).toFixed(2), totalMs: Math.round(performance.now() - t0) };
  return { report, index };
}
