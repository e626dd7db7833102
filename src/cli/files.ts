/** Node-side file access for the engine: read a scenario, plan or log from disk with clear errors. */
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario, parsePlanText, checkPlanAgainst, parseLog, InputFileError, MAX_DATA_FILE_BYTES, MAX_YAML_BYTES, type Scenario, type Plan, type RunLog, type LogScenarioSource, type FileWarning } from '../../engine/index.ts';

/** The repository root (where the bundled scenarios live). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_SCENARIOS = join(ROOT, 'scenarios');

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file 文件不存在';
  if (code === 'EISDIR') return 'it is a directory 这是一个文件夹';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied 没有权限';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder 路径中有一段不是文件夹';
  return (e as Error).message;
}

const CHUNK = 1 << 20;

/**
 * A file's text, read in chunks up to `cap` bytes: a size check before reading is not enough
 * for a device or a pipe (`/dev/zero` reports size 0 and never ends), so reading stops at the cap.
 */
export function readText(path: string, cap = MAX_DATA_FILE_BYTES): string {
  const tooBig = () => new InputFileError(path, [{ path: '', message: `the file is larger than ${cap} bytes (${Math.round(cap / 1048576)} MiB) 文件过大; expected at most ${cap}` }]);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputFileError(path, [{ path: '', message: `cannot read the file: ${why(e)}` }]);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputFileError(path, [{ path: '', message: `cannot read the file: ${why({ code: 'EISDIR' })}` }]);
    if (st.isFile() && st.size > cap) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, cap + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > cap) throw tooBig();
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(path, [{ path: '', message: `cannot read the file: ${why(e)}` }]);
  } finally {
    closeSync(fd);
  }
}

/** Refuse an output path before the work that fills it: a folder, or a folder that does not exist. */
export function checkOutPath(path: string, flag: string): void {
  const fail = (message: string) => { throw new InputFileError(path, [{ path: flag, message }]); };
  try {
    if (statSync(path).isDirectory()) fail('cannot write 无法写入: it is a folder 这是一个文件夹; expected a file name');
    return; // an existing file is overwritten
  } catch (e) {
    if (e instanceof InputFileError) throw e;
  }
  const dir = dirname(resolve(path));
  let isDir = false;
  try { isDir = statSync(dir).isDirectory(); } catch { /* missing */ }
  if (!isDir) fail(`cannot write 无法写入: the folder "${dirname(path)}" does not exist 文件夹不存在`);
}

/** Write an output file, a failure being the user's (a missing folder, no permission), not a crash. */
export function writeOut(path: string, text: string, flag: string): void {
  checkOutPath(path, flag);
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputFileError(path, [{ path: flag, message: `cannot write 无法写入: ${why(e)}` }]);
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
  return loadScenario(readText(file, MAX_YAML_BYTES), file, scenarioRefReader(file));
}

/** Reads the files a scenario refers to (map, population, track, plan), relative to it and capped like any file. */
export function scenarioRefReader(file: string): (rel: string) => string {
  // The loader reports a failed read against the scenario field that names the file.
  return (rel) => {
    try {
      return readText(resolve(dirname(file), rel));
    } catch (e) {
      throw new Error(e instanceof InputFileError ? e.issues[0].message.replace(/^cannot read the file: /, '') : (e as Error).message);
    }
  };
}

export function loadPlanFile(file: string, scenario?: Scenario): Plan {
  return checkPlanFile(file, scenario).plan;
}

/** A plan file, checked against a scenario when one is given; with its warnings. */
export function checkPlanFile(file: string, scenario?: Scenario): { plan: Plan; warnings: FileWarning[] } {
  const plan = parsePlanText(readText(file, MAX_YAML_BYTES), file);
  return { plan, warnings: scenario ? checkPlanFor(plan, file, scenario) : [] };
}

/** A parsed plan checked against a loaded scenario (throws InputFileError); its warnings. */
export function checkPlanFor(plan: Plan, file: string, scenario: Scenario): FileWarning[] {
  return checkPlanAgainst(plan, scenario.data, new Set(scenario.world.districts.map((d) => d.id)), file);
}

/**
 * The scenario a plan file names in its `scenario:` field: a path relative to the plan file, a
 * path from here, or a bundled scenario's id. Null when it names none of these.
 */
export function planScenarioPath(planFile: string, name: string): string | null {
  for (const p of [resolve(dirname(planFile), name), name, join(BUNDLED_SCENARIOS, `${name}.yaml`)]) {
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      /* try the next */
    }
  }
  return null;
}

export function listBundledScenarioFiles(dir = BUNDLED_SCENARIOS): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}
