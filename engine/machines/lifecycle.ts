/**
 * The lifecycle layer: how the engine steps the things that have a lifecycle (exercise, incidents,
 * teams, command posts). Two implementations give the same results: XState machines stepped with
 * the pure `transition()` (the product), and hand-written reducers (the benchmark baseline and a
 * cross-check in tests). Delays come out as data — { id, delay, event } — for the engine scheduler.
 */
export type LifecycleKind = 'exercise' | 'incident' | 'team' | 'post';

/** A lifecycle's state as plain data (what snapshots and logs may hold). */
export interface LifecycleSnap {
  value: string;
  context: Record<string, unknown>;
}

export interface DelayedEvent {
  id: string;
  delay: number;
  event: { type: string };
}

export interface LifecycleStep {
  snap: LifecycleSnap;
  /** Delayed events to schedule (sim-minutes from now). */
  timers: DelayedEvent[];
  /** Ids of delayed events to cancel (the state that scheduled them was left). */
  cancels: string[];
}

export interface LifecycleLayer {
  readonly name: string;
  start(kind: LifecycleKind, input: Record<string, unknown>): LifecycleStep;
  send(kind: LifecycleKind, snap: LifecycleSnap, event: { type: string; [k: string]: unknown }): LifecycleStep;
}
