/**
 * Stream hashes: every bundled scenario × (its plan, its weak plan, no plan) × many seeds, each
 * run's event stream hashed. A change that must not alter runs must leave every hash as it was.
 * Bundled by bench/streams.mjs. A run that throws is hashed as its error message, so the script
 * itself never stops at one.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { loadScenario, parsePlanText, checkPlanAgainst, runHeadless, eventsToJsonl, type Plan, type Scenario } from '../engine/index.ts';

export function load(root: string, id: string): { scenario: Scenario; plans: [string, Plan | null | undefined][] } {
  const file = join(root, 'scenarios', `${id}.yaml`);
  const scenario = loadScenario(readFileSync(file, 'utf8'), file, (p) => readFileSync(resolve(dirname(file), p), 'utf8'));
  const weakFile = join(root, 'scenarios', 'plans', `${id}-weak.yaml`);
  const weak = parsePlanText(readFileSync(weakFile, 'utf8'), weakFile);
  checkPlanAgainst(weak, scenario.data, new Set(scenario.world.districts.map((d) => d.id)), weakFile);
  return { scenario, plans: [['plan', undefined], ['weak', weak], ['none', null]] };
}

export function hashes(root: string, ids: string[], seeds: number[]): { combined: string; runs: Record<string, string>; threw: string[] } {
  const all = createHash('sha256');
  const runs: Record<string, string> = {};
  const threw: string[] = [];
  for (const id of ids) {
    const { scenario, plans } = load(root, id);
    for (const [name, plan] of plans) {
      for (const seed of seeds) {
        let text: string;
        try {
          text = eventsToJsonl(runHeadless(scenario, { seed, plan }).events);
        } catch (e) {
          text = `THREW ${(e as Error).message}`;
          threw.push(`${id}/${name}/${seed}: ${(e as Error).message}`);
        }
        const h = createHash('sha256').update(text).digest('hex').slice(0, 16);
        const key = `${id}/${name}/${seed}`;
        runs[key] = h;
        all.update(`${key} ${h}\n`);
      }
    }
  }
  return { combined: all.digest('hex'), runs, threw };
}
