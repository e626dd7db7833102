/** Node-side file access for the engine: read a scenario, plan or log from disk with clear errors. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, parsePlanText, checkPlanAgainst, InputFileError, type Scenario, type Plan } from '../../engine/index.ts';

/** The repository root (where the bundled scenarios live). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_SCENARIOS = join(ROOT, 'scenarios');

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new InputFileError(path, [{ path: '', message: `cannot read the file: ${why}` }]);
  }
}

/** Resolve a scenario argument: a path, or the id of a bundled scenario ("chemical-leak"). */
export function resolveScenarioPath(arg: string): string {
  try {
    if (statSync(arg).isFile()) return arg;
  } catch {
    /* not a path; try the bundled ones */
  }
  const bundled = join(BUNDLED_SCENARIOS, `${arg}.yaml`);
  try {
    if (statSync(bundled).isFile()) return bundled;
  } catch {
    /* fall through */
  }
  return arg;
}

export function loadScenarioFile(arg: string): Scenario {
  const file = resolveScenarioPath(arg);
  const text = readText(file);
  return loadScenario(text, file, (rel) => readFileSync(resolve(dirname(file), rel), 'utf8'));
}

export function loadPlanFile(file: string, scenario?: Scenario): Plan {
  const plan = parsePlanText(readText(file), file);
  if (scenario) checkPlanAgainst(plan, scenario.data, new Set(scenario.world.districts.map((d) => d.id)), file);
  return plan;
}

export function listBundledScenarioFiles(dir = BUNDLED_SCENARIOS): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}
