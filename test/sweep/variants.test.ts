import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseVary, expandVariants, applyTeamCounts, variantId } from '../../src/sweep/variants.ts';
import { packScenarioFile, loadVariant, makeSweepPack } from '../../src/sweep/pack.ts';
import { ChunkRunner } from '../../src/sweep/runChunk.ts';
import { runMetrics } from '../../src/sweep/metrics.ts';
import { SweepUsageError } from '../../src/sweep/errors.ts';
import { runHeadless } from '../../engine/index.ts';
import { parseYamlSafe } from '../../engine/scenario/yamlSafe.ts';

const { pack: scenarioPack, scenario } = packScenarioFile('chemical-leak');
const typesOf = (teams: { id: string; type: string }[], type: string) => teams.filter((t) => t.type === type).map((t) => t.id);

describe('sweep variants', { timeout: 120_000 }, () => {
  it('parses --vary ranges and lists, and refuses what it cannot mean', () => {
    expect(parseVary('teams.hazmat=1..4')).toEqual({ type: 'hazmat', counts: [1, 2, 3, 4] });
    expect(parseVary('teams.fire=3,1,2..3')).toEqual({ type: 'fire', counts: [1, 2, 3] });
    expect(() => parseVary('hazmat=1..2')).toThrow(/teams\.<type>=a\.\.b/);
    expect(() => parseVary('teams.tanks=1..2')).toThrow(/unknown team type "tanks"; expected one of hazmat, fire/);
    expect(() => parseVary('teams.hazmat=3..1')).toThrow(/runs backwards/);
    expect(() => parseVary('teams.hazmat=x')).toThrow(SweepUsageError);
    expect(() => expandVariants([parseVary('teams.fire=1'), parseVary('teams.fire=2')])).toThrow(/given twice/);
  });

  it('expands several axes to their product, named by their counts', () => {
    const vs = expandVariants([parseVary('teams.hazmat=1..2'), parseVary('teams.fire=0,1')]);
    expect(vs.map(variantId)).toEqual(['hazmat=1,fire=0', 'hazmat=1,fire=1', 'hazmat=2,fire=0', 'hazmat=2,fire=1']);
    expect(expandVariants([]).map(variantId)).toEqual(['base']);
  });

  it('keeps the first n teams of a type in scenario order and clones the last above the count', () => {
    const raw = parseYamlSafe(readFileSync(scenario.file, 'utf8'), scenario.file) as Record<string, unknown>;
    const teams = raw.teams as { id: string; type: string }[];
    expect(typesOf(teams, 'hazmat')).toEqual(['plant-brigade', 'hazmat-city']);
    expect(typesOf(applyTeamCounts(raw, { hazmat: 1 }, 'f').teams as never, 'hazmat')).toEqual(['plant-brigade']);
    expect(typesOf(applyTeamCounts(raw, { hazmat: 0 }, 'f').teams as never, 'hazmat')).toEqual([]);
    const four = applyTeamCounts(raw, { hazmat: 4 }, 'f').teams as { id: string; type: string; base: string; name: { en: string } }[];
    expect(typesOf(four, 'hazmat')).toEqual(['plant-brigade', 'hazmat-city', 'hazmat-city-2', 'hazmat-city-3']);
    expect(four.find((t) => t.id === 'hazmat-city-3')).toMatchObject({ base: 'fire-city', name: { en: 'City fire-rescue chemical response unit (3)' } });
    // Other types are untouched and the input is not changed.
    expect(typesOf(four, 'fire')).toEqual(typesOf(teams, 'fire'));
    expect(typesOf(teams, 'hazmat')).toHaveLength(2);
    expect(() => applyTeamCounts(raw, { utility: 1 }, 'scen.yaml')).toThrow(/scen\.yaml has no utility team to copy/);
  });

  it('a variant loads through the scenario loader, with its own hash; the same variant always has the same hash', () => {
    const one = loadVariant(scenarioPack, { hazmat: 1 });
    const three = loadVariant(scenarioPack, { hazmat: 3 });
    expect(typesOf(one.data.teams, 'hazmat')).toEqual(['plant-brigade']);
    expect(typesOf(three.data.teams, 'hazmat')).toEqual(['plant-brigade', 'hazmat-city', 'hazmat-city-2']);
    expect(new Set([scenario.hash, one.hash, three.hash]).size).toBe(3);
    expect(loadVariant(scenarioPack, { hazmat: 1 }).hash).toBe(one.hash);
    expect(loadVariant(scenarioPack, {}).hash).toBe(scenario.hash);
  });

  it('a chunk gives the runs the engine gives, and names the team type that ran short', () => {
    const plan = scenario.data.plan!;
    const pack = makeSweepPack(scenarioPack, [{}, { hazmat: 1 }], [{ id: plan.id, source: 'scenario', plan }], 8 * 60);
    const rows = new ChunkRunner().run(pack, { plan: 0, variant: 0, seeds: [3, 4] });
    expect(rows.map((r) => r.seed)).toEqual([3, 4]);
    for (const r of rows) {
      const ex = runHeadless(scenario, { seed: r.seed, plan, until: 8 * 60 });
      expect(r.metrics).toEqual(runMetrics(scenario, plan, ex));
      expect(r.scenarioHash).toBe(scenario.hash);
      expect(r.short).toEqual([]);
    }
    // With one hazmat team the plan's order to send the city unit is refused: hazmat ran short,
    // nobody isolates the leak, and it is contained only when the tank has emptied, later.
    const [short] = new ChunkRunner().run(pack, { plan: 0, variant: 1, seeds: [3] });
    expect(short.short).toEqual(['team:hazmat']);
    expect(short.metrics.timeToContainMin).toBeGreaterThan(rows[0].metrics.timeToContainMin!);
  });

  it('a plan rule that finds none of its teams free counts as a shortage of their type', () => {
    // Earthquake, seed 1: more gas leaks than the three gas crews the plan picks from.
    const { pack: quakePack, scenario: quake } = packScenarioFile('earthquake');
    const plan = quake.data.plan!;
    const pack = makeSweepPack(quakePack, [{}], [{ id: plan.id, source: 'scenario', plan }], quake.data.duration);
    const [row] = new ChunkRunner().run(pack, { plan: 0, variant: 0, seeds: [1] });
    const ex = runHeadless(quake, { seed: 1, plan });
    expect(ex.events.some((e) => e.type === 'plan.rule-unstaffed' && e.data.rule === 'gas-each')).toBe(true);
    expect(row.short).toContain('team:utility');
  });
});
