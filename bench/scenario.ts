/**
 * Benchmark: a 72 h run of a bundled scenario (chemical-leak, typhoon, earthquake) with its plan on autopilot, on the XState lifecycle layer
 * (the product) and on the plain-reducer layer (the baseline), interleaved in one process. Both
 * must give the same event stream; the report gives runs/s, engine events/s, where the time goes
 * (machines, physics, scheduler and the rest) and the XState/reducer ratio.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadScenario, Exercise, createReducerLayer, createXStateLayer, eventsToJsonl, type LifecycleLayer } from '../engine/index.ts';


interface Tally { runs: number; ms: number; events: number; timers: number; lifecycleMs: number; physicsMs: number; lifecycleSteps: number }
const tally = (): Tally => ({ runs: 0, ms: 0, events: 0, timers: 0, lifecycleMs: 0, physicsMs: 0, lifecycleSteps: 0 });

export async function run(root: string, json = false, id = 'chemical-leak'): Promise<void> {
  const file = join(root, 'scenarios', `${id}.yaml`);
  const scenario = loadScenario(readFileSync(file, 'utf8'), file, (p) => readFileSync(resolve(dirname(file), p), 'utf8'));
  const layers: Record<'xstate' | 'reducers', LifecycleLayer> = { xstate: createXStateLayer(), reducers: createReducerLayer() };
  const once = (layer: LifecycleLayer, seed: number, t: Tally | null) => {
    const ex = new Exercise(scenario, { seed, layer });
    ex.profile = { lifecycleSteps: 0, lifecycleMs: 0, physicsTicks: 0, physicsMs: 0, timers: 0 };
    ex.clock = () => performance.now();
    const t0 = performance.now();
    ex.runToEnd();
    const ms = performance.now() - t0;
    if (t) {
      t.runs++; t.ms += ms; t.events += ex.events.length; t.timers += ex.profile.timers;
      t.lifecycleMs += ex.profile.lifecycleMs; t.physicsMs += ex.profile.physicsMs; t.lifecycleSteps += ex.profile.lifecycleSteps;
    }
    return ex;
  };
  // Same events out on both layers (checked, not assumed).
  for (const seed of [1, 2, 3]) {
    if (eventsToJsonl(once(layers.xstate, seed, null).events) !== eventsToJsonl(once(layers.reducers, seed, null).events)) throw new Error(`layers differ on seed ${seed}`);
  }
  for (let i = 0; i < 10; i++) { once(layers.xstate, 100 + i, null); once(layers.reducers, 100 + i, null); } // warm-up
  const t = { xstate: tally(), reducers: tally() };
  const N = Number(process.env.BENCH_RUNS ?? 60);
  for (let i = 0; i < N; i++) {
    once(layers.xstate, 1000 + i, t.xstate);
    once(layers.reducers, 1000 + i, t.reducers);
  }
  const row = (name: string, x: Tally) => {
    const per = x.ms / x.runs;
    const other = x.ms - x.lifecycleMs - x.physicsMs;
    return {
      layer: name, runs: x.runs, msPerRun: +per.toFixed(2), runsPerS: +(1000 / per).toFixed(1),
      eventsPerS: Math.round(((x.events + x.timers) / x.ms) * 1000),
      machinesPct: +((100 * x.lifecycleMs) / x.ms).toFixed(1), physicsPct: +((100 * x.physicsMs) / x.ms).toFixed(1), schedulerAndRestPct: +((100 * other) / x.ms).toFixed(1),
      usPerLifecycleStep: +((1000 * x.lifecycleMs) / Math.max(1, x.lifecycleSteps)).toFixed(1)
    };
  };
  const rows = [row('xstate', t.xstate), row('reducers', t.reducers)];
  const ratio = +(t.xstate.ms / t.reducers.ms).toFixed(2);
  if (json) {
    console.log(JSON.stringify({ bench: `${id} 72h, plan on autopilot`, rows, xstateOverReducers: ratio }, null, 2));
    return;
  }
  console.log(`\n${id}, 72 h, plan on autopilot, ${N} runs per layer (interleaved, after warm-up), node ${process.version}`);
  console.log('layer      ms/run  runs/s  engine events/s  machines  physics  scheduler+rest  µs/machine step');
  for (const r of rows) {
    console.log(`${r.layer.padEnd(9)} ${String(r.msPerRun).padStart(7)} ${String(r.runsPerS).padStart(7)} ${String(r.eventsPerS).padStart(16)} ${(r.machinesPct + '%').padStart(9)} ${(r.physicsPct + '%').padStart(8)} ${(r.schedulerAndRestPct + '%').padStart(15)} ${String(r.usPerLifecycleStep).padStart(16)}`);
  }
  console.log(`whole run, XState layer ÷ reducer layer: ${ratio}×  (same scheduler, same physics, identical event streams)`);
}
