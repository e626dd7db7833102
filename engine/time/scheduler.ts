/**
 * Discrete-event scheduler: a binary min-heap of pending timers ordered by due sim-time,
 * ties broken by the sequence number given when the timer was added. Timers are plain data
 * (JSON-serialisable), so a snapshot of the engine holds every pending delay — unlike
 * XState's own scheduler, whose delays are not restored from snapshots (xstate #5331).
 *
 * Time is in sim-minutes from the start of the scenario.
 */
export interface Timer<P = unknown> {
  /** Due time, sim-minutes. */
  due: number;
  /** Insertion sequence: the tie-break for equal `due`. */
  seq: number;
  /** Stable id (unique per target while pending) so a timer can be cancelled. */
  id: string;
  /** Who receives it: an entity key such as `team:hazmat-1` or `engine`. */
  target: string;
  payload: P;
}

export interface SchedulerState<P = unknown> {
  heap: Timer<P>[];
  nextSeq: number;
}

export function createScheduler<P>(): SchedulerState<P> {
  return { heap: [], nextSeq: 0 };
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export function schedule<P>(s: SchedulerState<P>, due: number, target: string, id: string, payload: P): Timer<P> {
  if (!Number.isFinite(due)) throw new Error(`scheduler: due time must be finite (timer ${target}/${id})`);
  const timer: Timer<P> = { due, seq: s.nextSeq++, id, target, payload };
  const h = s.heap;
  h.push(timer);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
  return timer;
}

export function peek<P>(s: SchedulerState<P>): Timer<P> | undefined {
  return s.heap[0];
}

export function pop<P>(s: SchedulerState<P>): Timer<P> | undefined {
  const h = s.heap;
  if (h.length === 0) return undefined;
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    siftDown(h, 0);
  }
  return top;
}

function siftDown<P>(h: Timer<P>[], i: number): void {
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < n && before(h[l], h[m])) m = l;
    if (r < n && before(h[r], h[m])) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}

/** Remove every pending timer of `target` with `id` (XState `cancel` of a delayed event). */
export function cancel<P>(s: SchedulerState<P>, target: string, id: string): number {
  const before = s.heap.length;
  const kept = s.heap.filter((t) => !(t.target === target && t.id === id));
  if (kept.length === before) return 0;
  s.heap = [];
  for (const t of kept) pushRaw(s.heap, t);
  return before - kept.length;
}

/** Remove every pending timer of a target (an entity that is gone). */
export function cancelAll<P>(s: SchedulerState<P>, target: string): number {
  const before = s.heap.length;
  const kept = s.heap.filter((t) => t.target !== target);
  if (kept.length === before) return 0;
  s.heap = [];
  for (const t of kept) pushRaw(s.heap, t);
  return before - kept.length;
}

function pushRaw<P>(h: Timer<P>[], t: Timer<P>): void {
  h.push(t);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(h[i], h[p])) break;
    [h[i], h[p]] = [h[p], h[i]];
    i = p;
  }
}

export function pendingCount(s: SchedulerState): number {
  return s.heap.length;
}
