/**
 * The event log: the source of truth of a run. (scenario hash, seed, plan, commands with their
 * sim-times) rebuild the identical event stream by replay; state is derived.
 */
import type { Scenario } from '../scenario/load.ts';
import type { LoggedCommand } from './state.ts';
import { eventsToJsonl, type DomainEvent } from './events.ts';
import { Exercise, type ExerciseOptions } from './exercise.ts';
import { ENGINE_VERSION } from '../version.ts';
import { LOG_FORMAT, LOG_FORMAT_V1, checkLogAgainst, type RunLog } from './logFile.ts';
import { digestLog, contentDifference, eventsDigest, type LogDifference } from './logDigest.ts';

export { LOG_FORMAT, LOG_FORMAT_V1, eventsToJsonl, type RunLog };

/** Where replay finds the scenario: a bundled scenario's name or a file, or "uploaded to the live app". */
export interface LogScenarioSource {
  scenario: string;
  scenarioUploaded?: boolean;
}

export function makeLog(ex: Exercise, until: number, source?: LogScenarioSource): RunLog {
  // Running past the end stops at the end: the log says where the run stopped.
  until = Math.min(until, ex.scenario.data.duration);
  // The JSON form: the digests cover exactly what the file will hold.
  const content = JSON.parse(JSON.stringify({
    engine: ENGINE_VERSION,
    scenarioId: ex.scenario.data.id,
    scenarioHash: ex.scenario.hash,
    seed: ex.state.seed,
    plan: ex.plan,
    until,
    commands: ex.commands
  }));
  return {
    format: LOG_FORMAT,
    engine: content.engine,
    scenario: source?.scenario ?? ex.scenario.file,
    ...(source?.scenarioUploaded ? { scenarioUploaded: true } : {}),
    scenarioId: content.scenarioId,
    scenarioHash: content.scenarioHash,
    seed: content.seed,
    plan: content.plan,
    until,
    commands: content.commands,
    digests: digestLog(content, ex.events)
  };
}

/** A log that does not match what it recorded, or a scenario that is not the one of the run. */
export class LogMismatchError extends Error {
  readonly part: LogDifference['part'] | 'format';
  readonly index?: number;
  readonly change?: LogDifference['change'];
  constructor(d: Omit<LogDifference, 'part'> & { part: LogDifference['part'] | 'format' }, file?: string) {
    super(`${file ? `${file}: ` : ''}${d.zh} / ${d.en}`);
    this.name = 'LogMismatchError';
    this.part = d.part;
    this.index = d.index;
    this.change = d.change;
  }
}

export interface ReplayOptions extends Pick<ExerciseOptions, 'layer' | 'onEvent'> {
  /** The log's file name, for messages. */
  file?: string;
  /** Told what could not be checked (an @1 log has no digests). */
  warn?: (message: string) => void;
}

/**
 * Rebuild a run from its log: the same scenario (checked by hash), seed and plan, and each
 * command given again at its sim-time, after the timers due by then — as a live driver does.
 * A @2 log is checked first against its digests (which part was changed), and the stream it
 * replays to against the one the run produced.
 */
export function replay(scenario: Scenario, log: RunLog, opts: ReplayOptions = {}): Exercise {
  const { file = 'log', warn, ...exOpts } = opts;
  if (log.format !== LOG_FORMAT && log.format !== LOG_FORMAT_V1) {
    throw new LogMismatchError({ part: 'format', zh: `不是 ${LOG_FORMAT} 日志（format: ${String(log.format)}）`, en: `not a ${LOG_FORMAT} log (format: ${String(log.format)})` }, file);
  }
  if (log.digests) {
    const d = contentDifference({ ...log, engine: log.engine ?? '' }, log.digests);
    if (d) throw new LogMismatchError(d, file);
  } else {
    warn?.(`${file}: ${LOG_FORMAT_V1} 日志没有摘要，无法检查运行后是否被改动 / a ${LOG_FORMAT_V1} log has no digests: whether it was changed after the run cannot be checked`);
  }
  if (log.scenarioHash !== scenario.hash) {
    const h = (x: string) => `${x.slice(0, 12)}…`;
    throw new LogMismatchError({
      part: 'scenario',
      zh: `日志的想定 ${log.scenarioId} 哈希为 ${h(log.scenarioHash)}，而 ${scenario.file} 的哈希为 ${h(scenario.hash)}：想定在运行后改过；请用 --scenario FILE 给出运行时的想定`,
      en: `the log was made with scenario ${log.scenarioId} of hash ${h(log.scenarioHash)}, but ${scenario.file} has hash ${h(scenario.hash)}; the scenario has changed since the run (give the one it was made with: --scenario FILE)`
    }, file);
  }
  checkLogAgainst(log, scenario, file);
  const ex = new Exercise(scenario, { seed: log.seed, plan: log.plan, ...exOpts });
  ex.start();
  for (const c of log.commands) {
    ex.advanceTo(c.t);
    ex.submit(c.seat, c.cmd);
  }
  ex.runToEnd(log.until);
  if (log.digests) {
    const { count, sha256 } = log.digests.events;
    // A live export may hold fewer events than its replay: timers due at its last minute had not fired yet.
    if (ex.events.length < count || eventsDigest(ex.events.slice(0, count)).sha256 !== sha256) {
      const engine = log.engine === ENGINE_VERSION
        ? { zh: '引擎版本相同，这是确定性缺陷，请附上日志报告', en: 'same engine version: a determinism bug, please report it with the log' }
        : { zh: `日志由 ${log.engine} 生成，当前引擎为 ${ENGINE_VERSION}`, en: `the log was made by ${log.engine}, this is ${ENGINE_VERSION}` };
      throw new LogMismatchError({
        part: 'events',
        zh: `日志中的指令重放出的事件流与运行时不同（${engine.zh}）`,
        en: `the log's commands replay to a different event stream than the run produced (${engine.en})`
      }, file);
    }
  }
  return ex;
}

/** Run headless: start, give scheduled commands at their times, run to `until`. */
export function runHeadless(scenario: Scenario, opts: ExerciseOptions & { until?: number; commands?: LoggedCommand[] }): Exercise {
  const ex = new Exercise(scenario, opts);
  ex.start();
  for (const c of opts.commands ?? []) {
    ex.advanceTo(c.t);
    ex.submit(c.seat, c.cmd);
  }
  ex.runToEnd(opts.until ?? scenario.data.duration);
  return ex;
}
