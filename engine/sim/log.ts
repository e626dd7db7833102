/**
 * The event log: the source of truth of a run. (scenario hash, seed, plan, commands with their
 * sim-times) rebuild the identical event stream by replay; state is derived.
 */
import type { Plan } from '../scenario/schema.ts';
import type { Scenario } from '../scenario/load.ts';
import type { LoggedCommand } from './state.ts';
import type { DomainEvent } from './events.ts';
import { Exercise, type ExerciseOptions } from './exercise.ts';

export const LOG_FORMAT = 'yanlian/log@1';

export interface RunLog {
  format: typeof LOG_FORMAT;
  /** The scenario file as given when the run was made (a hint for finding it again). */
  scenario: string;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  /** The plan the autopilot ran, in full (null: no autopilot). */
  plan: Plan | null;
  until: number;
  commands: LoggedCommand[];
}

export function makeLog(ex: Exercise, until: number): RunLog {
  return {
    format: LOG_FORMAT,
    scenario: ex.scenario.file,
    scenarioId: ex.scenario.data.id,
    scenarioHash: ex.scenario.hash,
    seed: ex.state.seed,
    plan: ex.plan,
    until,
    commands: ex.commands.map((c) => ({ ...c }))
  };
}

export class LogMismatchError extends Error {}

/**
 * Rebuild a run from its log: the same scenario (checked by hash), seed and plan, and each
 * command given again at its sim-time, after the timers due by then — as a live driver does.
 */
export function replay(scenario: Scenario, log: RunLog, opts: Pick<ExerciseOptions, 'layer' | 'onEvent'> = {}): Exercise {
  if (log.format !== LOG_FORMAT) throw new LogMismatchError(`not a ${LOG_FORMAT} log (format: ${String(log.format)})`);
  if (log.scenarioHash !== scenario.hash) {
    throw new LogMismatchError(`the log was made with scenario ${log.scenarioId} of hash ${log.scenarioHash.slice(0, 12)}…, but ${scenario.file} has hash ${scenario.hash.slice(0, 12)}…; the scenario has changed since the run`);
  }
  const ex = new Exercise(scenario, { seed: log.seed, plan: log.plan, ...opts });
  ex.start();
  for (const c of log.commands) {
    ex.advanceTo(c.t);
    ex.submit(c.seat, c.cmd);
  }
  ex.runToEnd(log.until);
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

/** Events as JSON lines (the stream format the CLI writes and replay must reproduce byte for byte). */
export function eventsToJsonl(events: DomainEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}
