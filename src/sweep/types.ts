/**
 * The data a sweep passes around. Everything here is plain JSON: it goes to worker threads by
 * structured clone and to remote workers through Redis, so a remote run sees exactly what a
 * local one sees.
 */
import type { Plan } from '../../engine/index.ts';

/** A scenario file with every file it refers to (map, population, plan), as text. */
export interface ScenarioPack {
  /** The file name as given (a label in messages and in the loader's errors). */
  file: string;
  text: string;
  /** Referenced files by the relative path the scenario uses. */
  refs: Record<string, string>;
  /** Hash of the scenario as loaded (the engine's scenario hash). */
  hash: string;
}

/** One value of the `--vary` product: how many teams of each varied type the scenario keeps. */
export interface VariantSpec {
  /** "base" when nothing varies, else e.g. "hazmat=2" or "hazmat=2,fire=1". */
  id: string;
  teams: Record<string, number>;
  /** Hash of the scenario with this variant applied (what every run of it is checked against). */
  scenarioHash: string;
}

export interface PlanSpec {
  /** Label in reports: the plan's id ("none" for no autopilot), made unique if two plans share an id. */
  id: string;
  /** Where it came from: a file path, "scenario" (the scenario's own plan) or "none". */
  source: string;
  plan: Plan | null;
}

/** Everything a worker needs to run any run of a sweep. */
export interface SweepPack {
  /** Content hash of this pack: workers cache loaded scenarios by it. */
  key: string;
  scenario: ScenarioPack;
  variants: VariantSpec[];
  plans: PlanSpec[];
  /** Sim-minutes each run lasts. */
  until: number;
  /**
   * Which lifecycle layer runs the machines: the XState statecharts, or their plain-reducer twins
   * (same events, byte for byte: tests check it; about 1.4× faster on a whole run).
   */
  machines: 'xstate' | 'reducers';
}

/** A unit of work: consecutive seeds of one (plan, variant), by index into the pack. */
export interface Chunk {
  plan: number;
  variant: number;
  seeds: number[];
}

/**
 * Why a run did not finish. "error": the engine threw (the error's name and the first line of its
 * message, never a stack: the same on every machine). "aborted": the engine stopped the run at one
 * of the scenario's run-time guards (`limits`), its last event `run.aborted`.
 */
export interface RunFailure {
  kind: 'error' | 'aborted';
  /** The error's name ("Error", "RangeError", …); "run.aborted" for an aborted run. */
  name: string;
  /** First line of the error's message; for an aborted run, the engine's message in English. */
  message: string;
  /**
   * Aborted runs: the engine's message in Chinese, the guard that stopped the run ("max-events",
   * "max-incidents", "max-steps", "cascade-loop", "plan-loop"), its limit, and for a loop the rule.
   */
  messageZh?: string;
  guard?: string;
  limit?: number;
  rule?: string;
}

/** What one run yields: its key, the flat metrics and which resources ran short. */
export interface RunRow {
  plan: string;
  variant: string;
  seed: number;
  scenarioHash: string;
  /** Empty when the run failed. */
  metrics: Record<string, number | null>;
  /** Resources that ran short in this run, e.g. "team:hazmat", "item:gas-masks" (sorted, unique). */
  short: string[];
  /** Set when the run did not finish: it counts in no figure, and the report lists it. */
  failure?: RunFailure;
}
