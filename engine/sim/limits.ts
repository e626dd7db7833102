/**
 * Run-time guards: what stops a run that would otherwise never end or eat all memory (a cascade
 * that feeds itself, a plan rule triggered by its own orders, a pathological tick). A guard that
 * trips ends the run with a final `run.aborted` event; the run is then a failed run, never a
 * silently truncated one. The budgets come from the scenario's optional `limits` block.
 */

/** The scenario's `limits` block as the engine uses it: every field filled in. */
export interface RunLimits {
  /** Events in the stream, the final `run.aborted` included, less those of orders given from outside (EngineState.commandEvents). */
  maxEvents: number;
  /** Incidents under way or ended, of every origin (release, hazard, cascade). */
  maxIncidents: number;
  /** Timers fired: physics and hazard ticks, lifecycle delays, plan delays. */
  maxSteps: number;
}

/**
 * About ten times the most seen in the bundled scenarios (their plan, weak plan or none, 150
 * seeds each: at most 800 events, 34 incidents, 430 timers), so that no real run meets them.
 */
export const DEFAULT_LIMITS: RunLimits = { maxEvents: 10_000, maxIncidents: 400, maxSteps: 10_000 };

/** The most a scenario may ask for: beyond these a run holds hundreds of MB of events. */
export const LIMIT_CAPS: RunLimits = { maxEvents: 500_000, maxIncidents: 20_000, maxSteps: 1_000_000 };

/**
 * How many times one cascade rule may spawn along one line of incidents (parent to child) before
 * the next spawn counts as a loop: two rules that spawn each other, or a rule that spawns what it
 * targets, would otherwise go on until the run ends. A few repeats stay allowed (a fire that
 * spreads from building to building a few times); the bundled scenarios never repeat a rule.
 */
export const CASCADE_REPEATS = 4;

/**
 * How many orders of one plan rule with `each` a chain of causes may hold before the rule fires
 * again on it: a rule triggered by an event that its own order led to (directly, or through
 * other rules' orders) would otherwise fire without end, often at the same sim-minute. The chain
 * runs through `cause` links and from each plan order back to the event that triggered it.
 */
export const PLAN_REPEATS = 3;

export type Guard = 'max-events' | 'max-incidents' | 'max-steps' | 'cascade-loop' | 'plan-loop';

/** What `run.aborted` says, and what `ex.aborted` and the summary hold. */
export interface RunAborted {
  guard: Guard;
  limit: number;
  /** The rule that looped (loop guards). */
  rule?: string;
  message: { zh: string; en: string };
}

export function resolveLimits(given: Partial<RunLimits> | undefined): RunLimits {
  return { ...DEFAULT_LIMITS, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) };
}

export function abortMessage(guard: Guard, limit: number, rule?: string): { zh: string; en: string } {
  switch (guard) {
    case 'max-events':
      return { zh: `推演中止：事件流条数达到上限 ${limit}（limits.maxEvents）`, en: `Run aborted: it reached ${limit} events (limits.maxEvents)` };
    case 'max-incidents':
      return { zh: `推演中止：突发事件数达到上限 ${limit}（limits.maxIncidents）`, en: `Run aborted: it reached ${limit} incidents (limits.maxIncidents)` };
    case 'max-steps':
      return { zh: `推演中止：计时步数达到上限 ${limit}（limits.maxSteps），可能是时间步长过小`, en: `Run aborted: it reached ${limit} timer steps (limits.maxSteps); a tick may be too small` };
    case 'cascade-loop':
      return { zh: `推演中止：次生灾害规则 "${rule}" 在同一事件链上第 ${limit + 1} 次触发，判定为循环`, en: `Run aborted: cascade rule "${rule}" would fire a ${limit + 1}th time along one chain of incidents, a loop` };
    case 'plan-loop':
      return { zh: `推演中止：预案规则 "${rule}" 被自身指令引发的事件第 ${limit + 1} 次触发，判定为循环`, en: `Run aborted: plan rule "${rule}" would fire a ${limit + 1}th time on events its own orders led to, a loop` };
  }
}
