/**
 * Containing failures of the engine, so that one command or one scenario cannot break an
 * exercise (or the server) for good:
 *
 * - A command whose application throws is refused with an internal-error reason. Its index is
 *   recorded (table `failed_commands`), and the engine is rebuilt from the log with that command
 *   given as the same refusal; a restart does the same, so replay is deterministic. A command that
 *   threw while the server went down is found by the replay itself (it throws again), recorded,
 *   and the replay starts over.
 * - A watchdog bounds the engine's work per sim-minute (timers, events, lifecycle steps, physics
 *   ticks), by counts only, never by wall time, so that the same run fails at the same point live
 *   and in replay: a scenario whose timers never let sim-time move on (a physics `tick: 0`, a
 *   runaway cascade) halts its exercise with a reason instead of hanging the server.
 */
import type Database from 'better-sqlite3';
import { FACILITATOR, type Exercise, type Profile } from '../../../../engine/index.ts';

/** The reason a seat reads when its command failed inside the engine (zh in src/lib/reasons.ts). */
export const INTERNAL_REASON = 'internal error: the server could not apply this command; it was refused and the exercise goes on';

/**
 * Engine work allowed within one sim-minute (aligned: [m, m+1)), in steps: a timer fired, an event
 * emitted or a lifecycle transition is one step; a physics tick (plume, fields: the costly part)
 * is PHYSICS_WEIGHT steps. Bundled scenarios use well under 100 a sim-minute; the budget is a few
 * hundred milliseconds of work at most.
 */
export const STEPS_PER_SIM_MINUTE = 10_000;
export const PHYSICS_WEIGHT = 25;

export class RunawayError extends Error {
  constructor(minute: number) {
    super(`the engine did more than ${STEPS_PER_SIM_MINUTE} steps of work (timers, events, physics ticks) within sim-minute ${minute}: the scenario runs away (e.g. a physics tick of 0 or a cascade that feeds itself)`);
    this.name = 'RunawayError';
  }
}

/**
 * Counts the engine's work through its profiling counters (`profile.timers`, `physicsTicks`,
 * `lifecycleSteps`) and its event callback, per sim-minute, and throws RunawayError past the
 * budget. The count depends on sim-time only, not on how the driver splits its calls or on the
 * wall clock, so replay fails (or not) exactly where the live run did.
 */
export class Watchdog {
  private minute = -1;
  private used = 0;
  private simTime: () => number = () => 0;

  /**
   * Watch an engine (a new one replays from the start: counting starts afresh). Its profiling
   * clock is set to a constant: the physics and lifecycle counters run only with a clock, and
   * nothing of the run depends on it.
   */
  attach(ex: Exercise): void {
    this.simTime = () => ex.state.t;
    this.minute = -1;
    this.used = 0;
    ex.profile = this.profile();
    ex.clock = () => 0;
  }

  /** A Profile for `Exercise.profile` whose counters feed the watchdog. */
  private profile(): Profile {
    const dog = this;
    const n = { timers: 0, physicsTicks: 0, lifecycleSteps: 0 };
    return {
      lifecycleMs: 0,
      physicsMs: 0,
      get timers() {
        return n.timers;
      },
      set timers(v: number) {
        n.timers = v;
        dog.step(1);
      },
      get physicsTicks() {
        return n.physicsTicks;
      },
      set physicsTicks(v: number) {
        n.physicsTicks = v;
        dog.step(PHYSICS_WEIGHT);
      },
      get lifecycleSteps() {
        return n.lifecycleSteps;
      },
      set lifecycleSteps(v: number) {
        n.lifecycleSteps = v;
        dog.step(1);
      }
    };
  }

  /** Work of the engine: `weight` steps at the current sim-time. */
  step(weight = 1): void {
    const m = Math.floor(this.simTime());
    if (m !== this.minute) {
      this.minute = m;
      this.used = 0;
    }
    this.used += weight;
    if (this.used > STEPS_PER_SIM_MINUTE) throw new RunawayError(m);
  }
}

/** Give a command that failed as a refusal event: the same event live and in replay; not put in the engine's command log. */
export function refuseAsFailed(ex: Exercise, seat: string, cmd: unknown): void {
  const type = (cmd as { type?: unknown } | null)?.type;
  ex.emit('command.refused', { seat, type: typeof type === 'string' ? type : null, reason: INTERNAL_REASON, internal: true }, { audience: seat === FACILITATOR ? 'facilitator' : [seat] });
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS failed_commands (
  exercise_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  error TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (exercise_id, idx)
);
`;

/** The commands of each exercise that failed inside the engine (by log index), with the error. */
export class FailureLog {
  private ins: Database.Statement;
  private of: Database.Statement;
  private del: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.ins = db.prepare('INSERT OR REPLACE INTO failed_commands (exercise_id, idx, error, created_at) VALUES (?, ?, ?, ?)');
    this.of = db.prepare('SELECT idx, error FROM failed_commands WHERE exercise_id = ?');
    this.del = db.prepare('DELETE FROM failed_commands WHERE exercise_id = ?');
  }

  /** Forget an exercise's failures (it is being removed). */
  forget(exerciseId: string): void {
    this.del.run(exerciseId);
  }

  mark(exerciseId: string, idx: number, error: string): void {
    this.ins.run(exerciseId, idx, error.slice(0, 2000), new Date().toISOString());
  }

  failed(exerciseId: string): Map<number, string> {
    return new Map((this.of.all(exerciseId) as { idx: number; error: string }[]).map((r) => [r.idx, r.error]));
  }
}

const logs = new WeakMap<Database.Database, FailureLog>();

export function failureLog(db: Database.Database): FailureLog {
  let l = logs.get(db);
  if (!l) logs.set(db, (l = new FailureLog(db)));
  return l;
}

/** The first line of an error, for the console and the facilitator. */
export function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
}
