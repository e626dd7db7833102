/**
 * Scenario packs: a scenario file with the files it refers to, as text, so that a worker thread
 * or a remote worker loads exactly the scenario the sweep was started with; and the variants of
 * it. Loading checks the scenario hash, so a worker never runs a different scenario by mistake.
 */
import { loadScenario, InputFileError, MAX_YAML_BYTES, type Scenario, parseYamlSafe, sha256Hex, canonicalJson } from '../../engine/index.ts';
import { readText, resolveScenarioPath, scenarioRefReader } from '../cli/files.ts';
import { applyTeamCounts, variantId } from './variants.ts';
import type { ScenarioPack, SweepPack, VariantSpec, PlanSpec } from './types.ts';

/** Read a scenario (path or bundled id) and every file it refers to. */
export function packScenarioFile(arg: string): { pack: ScenarioPack; scenario: Scenario } {
  const file = resolveScenarioPath(arg);
  const text = readText(file, MAX_YAML_BYTES);
  // Referenced files are read with the same caps as by `validate` and `run`; the loader keeps their text.
  const scenario = loadScenario(text, file, scenarioRefReader(file));
  return { pack: { file, text, refs: { ...scenario.refs }, hash: scenario.hash }, scenario };
}

function readRef(pack: ScenarioPack) {
  return (rel: string): string => {
    const t = pack.refs[rel];
    if (t === undefined) throw new Error(`"${rel}" is not in the scenario pack`);
    return t;
  };
}

/**
 * The scenario of one variant, loaded from the pack's text (no file system). A variant leaves
 * out the scenario's own plan: the plans under test are given to each run, and the scenario's
 * plan may name a team the variant dropped. So a variant's hash is that of the scenario with
 * the counts applied and without its plan.
 */
export function loadVariant(pack: ScenarioPack, teams: Record<string, number>): Scenario {
  if (Object.keys(teams).length === 0) return loadScenario(pack.text, pack.file, readRef(pack));
  const { plan: _ownPlan, ...raw } = parseYamlSafe(pack.text, pack.file) as Record<string, unknown>;
  // JSON is YAML: the loader reads the edited data back through the same schema and checks.
  return loadScenario(JSON.stringify(applyTeamCounts(raw, teams, pack.file)), pack.file, readRef(pack));
}

/** Build the pack of a sweep: loads every variant once to record its hash. */
export function makeSweepPack(scenario: ScenarioPack, variantTeams: Record<string, number>[], plans: PlanSpec[], until: number, machines: SweepPack['machines'] = 'reducers'): SweepPack {
  const variants: VariantSpec[] = variantTeams.map((teams) => {
    const s = loadVariant(scenario, teams);
    return { id: variantId(teams), teams, scenarioHash: s.hash };
  });
  const key = sha256Hex(canonicalJson({ scenario, variants, plans, until, machines }));
  return { key, scenario, variants, plans, until, machines };
}

/** A worker's cache of loaded variant scenarios, checked against the hashes in the pack. */
export class VariantCache {
  private loaded = new Map<string, Scenario>();

  get(pack: SweepPack, index: number): Scenario {
    const v = pack.variants[index];
    if (!v) throw new Error(`the sweep has no variant #${index}`);
    const k = `${pack.key}/${index}`;
    let s = this.loaded.get(k);
    if (!s) {
      try {
        s = loadVariant(pack.scenario, v.teams);
      } catch (e) {
        if (e instanceof InputFileError) throw new Error(`variant ${v.id} of ${pack.scenario.file} does not load here: ${e.message}`);
        throw e;
      }
      if (s.hash !== v.scenarioHash) {
        throw new Error(`variant ${v.id} of ${pack.scenario.file} has hash ${s.hash.slice(0, 12)}… here but ${v.scenarioHash.slice(0, 12)}… where the sweep started; the engine versions differ`);
      }
      if (this.loaded.size > 16) this.loaded.clear();
      this.loaded.set(k, s);
    }
    return s;
  }
}
