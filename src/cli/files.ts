/** Node-side file access for the engine: read a scenario, plan or log from disk with clear errors. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, parsePlanText, checkPlanAgainst, parseLog, InputFileError, type Scenario, type Plan, type RunLog, type LogScenarioSource } from '../../engine/index.ts';

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

/** An event log file (yanlian/log@2, or @1), refused with the file and field path when it is not one. */
export function readLogFile(file: string): RunLog {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(file, [{ path: '', message: `不是 JSON 格式的事件日志 / not a JSON event log: ${(e as Error).message}` }]);
  }
  return parseLog(raw, file);
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * The scenario a log was made with: `--scenario FILE` when given, else the file or bundled
 * scenario the log names, else the bundled scenario of its id. An uploaded scenario is on no
 * machine but the live server's: the message says to give it.
 */
export function loadLogScenario(log: RunLog, logFile: string, given?: string): Scenario {
  if (given !== undefined) return loadScenarioFile(given);
  const id = log.scenarioId;
  if (log.scenarioUploaded) {
    throw new InputFileError(logFile, [{ path: 'scenario', message: `日志的想定（${id}）是上传到在线演练的，本机没有；请用 --scenario FILE 给出上传的 YAML 文件 / the log's scenario (${id}) was uploaded to the live app and is not on this machine: give the uploaded YAML file with --scenario FILE` }]);
  }
  for (const arg of [log.scenario, id]) {
    const file = resolveScenarioPath(arg);
    if (isFile(file)) return loadScenarioFile(file);
  }
  throw new InputFileError(logFile, [{ path: 'scenario', message: `找不到日志的想定 "${log.scenario}"（id ${id}）：既不是本机的文件，也不是内置想定；请用 --scenario FILE 给出 / cannot find the log's scenario "${log.scenario}" (id ${id}): it is neither a file here nor a bundled scenario; give it with --scenario FILE` }]);
}

/** How a log names a scenario file: a bundled scenario by its name (found on any machine), any other by its path. */
export function logSourceOf(file: string): LogScenarioSource {
  const full = resolve(file);
  return dirname(full) === BUNDLED_SCENARIOS && full.endsWith('.yaml') ? { scenario: basename(full, '.yaml') } : { scenario: file };
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
