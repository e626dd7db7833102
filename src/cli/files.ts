/** Node-side file access for the engine: read a scenario, plan or log from disk with clear errors. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, parsePlanText, checkPlanAgainst, InputFileError, LOG_FORMAT, type Scenario, type Plan, type RunLog } from '../../engine/index.ts';

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
/** An event log file (yanlian/log@1), refused with the file and field when it is not one. */
export function readLogFile(file: string): RunLog {
  let log: RunLog;
  try {
    log = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(file, [{ path: '', message: `not a JSON event log: ${(e as Error).message}` }]);
  }
  if (!log || typeof log !== 'object' || log.format !== LOG_FORMAT) throw new InputFileError(file, [{ path: 'format', message: `expected "${LOG_FORMAT}" (a log written by yanlian run --log or exported from a live exercise)` }]);
  if (!Array.isArray(log.commands)) throw new InputFileError(file, [{ path: 'commands', message: 'expected a list of commands' }]);
  return log;
}

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
