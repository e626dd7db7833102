/**
 * Run one chunk of a sweep: the same (plan, variant) over consecutive seeds. This is what a
 * worker thread does, locally or under `yanlian worker`; it depends only on the pack and the
 * chunk, never on which worker runs it or when.
 */
import { runHeadless, createReducerLayer, createXStateLayer, type LifecycleLayer, parseYamlSafe } from '../../engine/index.ts';
import { VariantCache } from './pack.ts';
import { runMetrics } from './metrics.ts';
import { shortages, teamTypeMap } from './shortages.ts';
import type { Chunk, RunRow, SweepPack } from './types.ts';

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
      const ex = runHeadless(scenario, { seed, plan: planSpec.plan, until: pack.until, layer: this.layer(pack.machines) });
      return {
        plan: planSpec.id,
        variant: variant.id,
        seed,
        scenarioHash: scenario.hash,
        metrics: runMetrics(scenario, planSpec.plan, ex),
        short: shortages(ex.events, scenario, types)
      };
    });
  }
}
