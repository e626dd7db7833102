/**
 * Run one chunk of a sweep: the same (plan, variant) over consecutive seeds. This is what a
 * worker thread does, locally or under `yanlian worker`; it depends only on the pack and the
 * chunk, never on which worker runs it or when. A run that throws, or that the engine ends with
 * `run.aborted` (a run-time guard), is a row with its `failure` and no figures: the chunk's other
 * runs go on, and so does the sweep.
 */
import { runHeadless, createReducerLayer, createXStateLayer, type LifecycleLayer, type Exercise, type DomainEvent, parseYamlSafe } from '../../engine/index.ts';
import { VariantCache } from './pack.ts';
import { runMetrics } from './metrics.ts';
import { shortages, teamTypeMap } from './shortages.ts';
import type { Chunk, RunFailure, RunRow, SweepPack } from './types.ts';

export class ChunkRunner {
  private variants = new VariantCache();
  private writtenTeams = new Map<string, Map<string, string>>();
  private layers: Partial<Record<SweepPack['machines'], LifecycleLayer>> = {};

  private layer(kind: SweepPack['machines'] = 'reducers'): LifecycleLayer {
    return (this.layers[kind] ??= kind === 'xstate' ? createXStateLayer() : createReducerLayer());
  }

  /** Team id → type of the scenario as written (variants may drop some). */
  private teamTypes(pack: SweepPack): Map<string, string> {
    let m = this.writtenTeams.get(pack.key);
    if (!m) {
      const raw = parseYamlSafe(pack.scenario.text, pack.scenario.file) as { teams?: { id: string; type: string }[] };
      m = new Map((raw.teams ?? []).map((t) => [t.id, t.type]));
      this.writtenTeams.set(pack.key, m);
    }
    return m;
  }

  run(pack: SweepPack, chunk: Chunk): RunRow[] {
    const scenario = this.variants.get(pack, chunk.variant);
    const planSpec = pack.plans[chunk.plan];
    if (!planSpec) throw new Error(`the sweep has no plan #${chunk.plan}`);
    const types = new Map([...this.teamTypes(pack), ...teamTypeMap([scenario])]);
    const variant = pack.variants[chunk.variant];
    return chunk.seeds.map((seed) => {
      const key = { plan: planSpec.id, variant: variant.id, seed, scenarioHash: scenario.hash };
      let ex: Exercise;
      try {
        ex = runHeadless(scenario, { seed, plan: planSpec.plan, until: pack.until, layer: this.layer(pack.machines) });
      } catch (e) {
        // One run's failure is that run's result: the sweep records it and goes on.
        return { ...key, metrics: {}, short: [], failure: thrownFailure(e) };
      }
      const aborted = abortedFailure(ex.events);
      if (aborted) return { ...key, metrics: {}, short: [], failure: aborted };
      return {
        ...key,
        metrics: runMetrics(scenario, planSpec.plan, ex),
        short: shortages(ex.events, scenario, types)
      };
    });
  }
}

/**
 * What a thrown value says, the same on every machine and thread: the error's name and the first
 * line of its message (a stack names files and lines, which differ between installs).
 */
export function thrownFailure(e: unknown): RunFailure {
  const isError = e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e);
  const name = isError ? String((e as Error).name || 'Error') : `thrown ${typeof e}`;
  const text = isError ? String((e as Error).message) : String(e);
  return { kind: 'error', name, message: text.split('\n')[0].trim() || '(no message)' };
}

/** A run the engine stopped at a run-time guard ends with a `run.aborted` event. */
export function abortedFailure(events: readonly DomainEvent[]): RunFailure | null {
  const last = events[events.length - 1];
  if (last?.type !== 'run.aborted') return null;
  const d = last.data as { guard?: unknown; limit?: unknown; rule?: unknown; message?: { zh?: unknown; en?: unknown } };
  const f: RunFailure = { kind: 'aborted', name: 'run.aborted', message: String(d.message?.en ?? d.message?.zh ?? 'run aborted') };
  if (d.message?.zh !== undefined) f.messageZh = String(d.message.zh);
  if (d.guard !== undefined) f.guard = String(d.guard);
  if (typeof d.limit === 'number') f.limit = d.limit;
  if (d.rule !== undefined && d.rule !== null) f.rule = String(d.rule);
  return f;
}
