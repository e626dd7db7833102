/** Load bundled scenarios once per test file (real files, real loader). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, type Scenario } from '../../engine/index.ts';

export const SCENARIOS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');
const cache = new Map<string, Scenario>();

export function bundled(id = 'chemical-leak'): Scenario {
  let s = cache.get(id);
  if (!s) {
    const file = join(SCENARIOS, `${id}.yaml`);
    s = loadScenario(readFileSync(file, 'utf8'), file, (p) => readFileSync(resolve(dirname(file), p), 'utf8'));
    cache.set(id, s);
  }
  return s;
}

/** Load a variant of a bundled scenario's YAML text (refs resolve next to the bundled file). */
export function variant(id: string, edit: (yaml: string) => string): Scenario {
  const file = join(SCENARIOS, `${id}.yaml`);
  return loadScenario(edit(readFileSync(file, 'utf8')), file, (p) => readFileSync(resolve(dirname(file), p), 'utf8'));
}

export const readScenarioText = (id = 'chemical-leak') => readFileSync(join(SCENARIOS, `${id}.yaml`), 'utf8');
