/**
 * `yanlian sweep`: Monte Carlo sweeps for planners — every plan × variant over the same seeds,
 * on a local worker-thread pool or through a Redis queue. See docs/sweeps.md.
 */
import { parseArgs } from 'node:util';
import { runSweep } from '../sweep/run.ts';
import { parseVary } from '../sweep/variants.ts';
import { parseRedisUrl } from '../sweep/redis/url.ts';
import { renderTable } from '../sweep/render/table.ts';
import { renderHtml, sweepValues } from '../sweep/render/html.ts';
import { SweepFailure, SweepUsageError } from '../sweep/errors.ts';
import { describeFailure, failureSummary, reproduceCommand, variantNote } from '../sweep/render/failures.ts';
import { parseDuration } from '../../engine/index.ts';
import { checkOutPath, writeOut } from './files.ts';

export const SWEEP_USAGE = `  yanlian sweep SCENARIO --seeds N [options]  Monte Carlo sweep over seeds 1..N (or A..B)
      --plans A.yaml,B.yaml  plans to compare on the same seeds (also "scenario", "none");
                         the first is the baseline of the paired differences
      --vary teams.TYPE=a..b vary how many teams of a type the scenario has (repeatable)
      --until DURATION   length of each run (default: the scenario's duration)
      --machines KIND    reducers (default: the statecharts' plain twins, same events, faster) or xstate
      --workers N        threads of the local pool (default: all cores)
      --queue redis://HOST:PORT  run through the queue; start \`yanlian worker\`s to do the runs
      --json             print the report as JSON
      --html FILE        write the report as a self-contained HTML page
      --chunk N          seeds per unit of work (default: automatic; never changes results)
      A run that fails (the engine throws, or stops it at a scenario limit) is listed in the
      report's failures with its seed and plan, and the sweep goes on: exit 3 when any run
      failed (the figures are over the runs that finished), 0 when none did
  yanlian worker --queue redis://HOST:PORT [--workers N]
                                           run sweep jobs from the queue until stopped`;

const MAX_SEEDS = 1_000_000;

/** Exit code of a sweep that finished with failed runs (its report lists them). */
export const EXIT_RUNS_FAILED = 3;

export function parseSeeds(v: string | undefined): number[] {
  if (v === undefined) throw new SweepUsageError('sweep needs --seeds N (seeds 1..N) or --seeds A..B');
  const one = /^\s*(\d+)\s*$/.exec(v);
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(v);
  let a: number, b: number;
  if (one) [a, b] = [1, Number(one[1])];
  else if (range) [a, b] = [Number(range[1]), Number(range[2])];
  else throw new SweepUsageError(`--seeds expects a count N or a range A..B of whole numbers, not "${v}"`);
  if (b < a || b < 1) throw new SweepUsageError(`--seeds ${v} holds no seed; expected N ≥ 1 or A..B with A ≤ B`);
  if (b - a + 1 > MAX_SEEDS) throw new SweepUsageError(`--seeds ${v}: at most ${MAX_SEEDS.toLocaleString('en-US')} seeds in one sweep`);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

export function parseCount(flag: string, v: string | undefined, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new SweepUsageError(`${flag} expects a whole number from 1 to ${max}, not "${v}"`);
  return Number(v);
}

export const parseWorkers = (v: string | undefined) => parseCount('--workers', v, 256);

function parsePlans(v: string | undefined): string[] {
  if (v === undefined) return [];
  const list = v.split(',').map((s) => s.trim());
  if (list.some((s) => s === '')) throw new SweepUsageError(`--plans expects comma-separated plan files, not "${v}"`);
  return list;
}

export async function sweep(rest: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: {
      plans: { type: 'string' }, seeds: { type: 'string' }, vary: { type: 'string', multiple: true }, until: { type: 'string' },
      workers: { type: 'string' }, queue: { type: 'string' }, json: { type: 'boolean' }, html: { type: 'string' }, chunk: { type: 'string' },
      machines: { type: 'string' }
    }
  });
  if (positionals.length !== 1) throw new SweepUsageError('sweep needs exactly one SCENARIO');
  const seeds = parseSeeds(values.seeds);
  const vary = (values.vary ?? []).map(parseVary);
  let until: number | undefined;
  if (values.until !== undefined) {
    const m = parseDuration(values.until);
    if (m === null || m <= 0) throw new SweepUsageError(`--until expects a duration such as 72h or 90min, not "${values.until}"`);
    until = m;
  }
  const workers = parseWorkers(values.workers);
  const queue = values.queue === undefined ? undefined : parseRedisUrl(values.queue);
  if (queue && workers !== undefined) throw new SweepUsageError('--workers sizes the local pool; with --queue, give each `yanlian worker` its own --workers');
  const chunkSize = parseCount('--chunk', values.chunk, 100_000);
  if (values.html === '') throw new SweepUsageError('--html needs a FILE');
  // Refuse the page's path before the sweep, not after it (a missing folder, a folder).
  if (values.html) checkOutPath(values.html, '--html');
  const machines = values.machines ?? 'reducers';
  if (machines !== 'reducers' && machines !== 'xstate') throw new SweepUsageError(`--machines expects "reducers" or "xstate", not "${machines}"`);
  try {
    const { report, index } = await runSweep({
      scenario: positionals[0], plans: parsePlans(values.plans), seeds, vary, until, workers, queue, chunkSize, machines,
      progress: { write: err, isTTY: process.stderr.isTTY }, note: err
    });
    const ctx = { scenario: positionals[0], until: values.until };
    if (values.html) {
      writeOut(values.html, renderHtml(report, sweepValues(report, index), ctx), '--html');
      err(`wrote ${values.html}\n`);
    }
    out(values.json ? JSON.stringify(report, null, 2) + '\n' : renderTable(report, ctx));
    if (report.failures.length === 0) return 0;
    const f = report.failures[0];
    const note = variantNote(report, f);
    err(`yanlian sweep: ${failureSummary(report)}\n` +
      `  first 第一个: plan 预案 ${f.plan}, variant 变体 ${f.variant}, seed 种子 ${f.seed}: ${describeFailure(f)}\n` +
      `  reproduce 复现: ${reproduceCommand(report, f, ctx)}${note ? `   (${note})` : ''}\n`);
    return EXIT_RUNS_FAILED;
  } catch (e) {
    if (e instanceof SweepFailure) {
      err(`yanlian sweep: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
