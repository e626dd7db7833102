// `npm run soak [-- --seeds N] [--from S] [--scenario ID[,ID]] [--plan plan|weak|none[,…]] [--workers N] [--json]`
// Every bundled scenario with its plan, its weak plan and no plan over N seeds (default 2,000
// each), on worker threads (2 by default) running the bundled engine. Progress on stderr; the
// end lists every run that threw, was aborted by a guard or did not end, with scenario, plan
// and seed (exit 1 if any). Reproduce one with `yanlian run SCENARIO --seed N [--plan FILE | --no-plan]`.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

if (isMainThread) {
  const { importBundled, root } = await import('./bundle.mjs');
  let values;
  try {
    ({ values } = parseArgs({
      options: { seeds: { type: 'string' }, from: { type: 'string' }, scenario: { type: 'string', multiple: true }, plan: { type: 'string', multiple: true }, workers: { type: 'string' }, json: { type: 'boolean' } }
    }));
  } catch (e) {
    console.error(`soak: ${e.message}\nusage: npm run soak -- [--seeds N] [--from S] [--scenario ID,…] [--plan plan|weak|none,…] [--workers N] [--json]`);
    process.exit(2);
  }
  const int = (name, v, dflt, min) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) {
      console.error(`soak: --${name} expects a whole number ≥ ${min}, not "${v}"`);
      process.exit(2);
    }
    return n;
  };
  const n = int('seeds', values.seeds, 2000, 1);
  const from = int('from', values.from, 1, 0);
  const workers = int('workers', values.workers, 2, 1);
  // Bundled once here; the threads import the same file.
  const mod = await importBundled('bench/soak.ts');
  const bundle = join(root, 'node_modules', '.cache', 'yanlian-bench', 'soak.mjs');
  const list = (given, all, what) => {
    const v = (given ?? []).flatMap((x) => x.split(',')).filter(Boolean);
    for (const x of v) if (!all.includes(x)) { console.error(`soak: unknown ${what} "${x}" (one of ${all.join(', ')})`); process.exit(2); }
    return v.length ? v : all;
  };
  const scenarios = list(values.scenario, mod.SCENARIO_IDS, 'scenario');
  const plans = list(values.plan, mod.PLAN_NAMES, 'plan');
  const seeds = Array.from({ length: n }, (_, i) => from + i);
  const jobs = mod.soakJobs(scenarios, plans, seeds);
  const total = jobs.reduce((s, j) => s + j.seeds.length, 0);
  const t0 = performance.now();
  let runs = 0;
  let events = 0;
  const failures = [];
  const progress = () => process.stderr.write(`\rsoak: ${runs}/${total} runs, ${failures.length} failed, ${((performance.now() - t0) / 1000).toFixed(0)} s   `);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, () => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { bundle, root } });
    const feed = () => (next < jobs.length ? w.postMessage(jobs[next++]) : w.terminate().then(resolve));
    w.on('message', (r) => {
      runs += r.runs;
      events += r.events;
      failures.push(...r.failures);
      progress();
      feed();
    });
    w.on('error', reject);
    w.once('online', feed);
  })));
  const wallS = (performance.now() - t0) / 1000;
  process.stderr.write('\n');
  failures.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.plan.localeCompare(b.plan) || a.seed - b.seed);
  const report = { runs, failed: failures.length, scenarios, plans, seeds: { from, count: n }, workers, wallS: +wallS.toFixed(1), runsPerS: +(runs / wallS).toFixed(1), events, failures };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`soak: ${runs} runs (${scenarios.join(', ')} × ${plans.join(', ')} × seeds ${from}–${from + n - 1}), ${failures.length} failed, ${report.wallS} s on ${workers} worker(s), ${report.runsPerS} runs/s, ${events} events`);
    for (const f of failures) console.log(`  ${f.scenario} ${f.plan} seed ${f.seed}: ${f.kind}: ${f.message}`);
  }
  process.exitCode = failures.length ? 1 : 0;
} else {
  const mod = await import(pathToFileURL(workerData.bundle).href);
  parentPort.on('message', (job) => parentPort.postMessage(mod.soakJob(workerData.root, job)));
}
