/**
 * One running exercise on the server: the engine's Exercise, rebuilt from the stored log, moved
 * on by its wall clock, and the seats' live streams. Every command is written to the store first,
 * then applied (timers due by its sim-time fire before it, as in replay), then fanned out: each
 * stream gets only the events the engine's `visibleTo` lets its role see.
 */
import { Exercise, FACILITATOR, type DomainEvent, type Scenario, type CommandBody } from '../../../../engine/index.ts';
import type { LiveStore, ExerciseRow } from './store.ts';
import type { LiveClock } from './clock.ts';
import { scenarioRows, type MselRow } from './msel.ts';
import { bilingualReason, type Bilingual } from '../../reasons.ts';
import { INTERNAL_REASON, Watchdog, describeError, failureLog, refuseAsFailed } from './containment.ts';
import { eventsFor, forRole, sentTo } from './redact.ts';

/** A command to an exercise halted by an engine failure (not logged). */
export const HALTED_REASON = 'the exercise stopped on an internal error; the facilitator can export its log';

export type Status = 'setup' | 'running' | 'paused' | 'ended';

export interface Subscriber {
  role: string;
  /** Write SSE messages (already framed; bytes are shared between streams and never changed). */
  send(chunk: string | Uint8Array): void;
  /** End the stream (the client reconnects with Last-Event-ID). */
  close(): void;
}

export type SubmitOutcome =
  | { ok: true; events: DomainEvent[] }
  | { ok: false; reason: Bilingual; events: DomainEvent[]; logged: boolean };

/** An SSE message for one event: `id` is its seq (for Last-Event-ID); the comment carries the wall time it was emitted. */
function frameEvent(e: DomainEvent, emittedAt: number): string {
  return `id: ${e.seq}\nevent: event\n: emit=${emittedAt}\ndata: ${JSON.stringify(e)}\n\n`;
}

const utf8 = new TextEncoder();

export function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class LiveExercise {
  readonly id: string;
  readonly row: ExerciseRow;
  readonly scenario: Scenario;
  readonly clock: LiveClock;
  ex: Exercise;
  readonly subscribers = new Set<Subscriber>();
  /** Injects added to this exercise (MSEL rows that are not the scenario's own). */
  liveRows: MselRow[];
  /** Live rows already delivered (from the log): id → sim-time of delivery. */
  readonly firedRows = new Map<string, number>();
  private outbox: { e: DomainEvent; at: number }[] = [];
  private started: boolean;

  /** Bounds the engine's work per call (see containment.ts). */
  private readonly watchdog = new Watchdog();
  /** Why the exercise stopped for good (a failure of the engine while time moved on), or null. */
  failure: { t: number; reason: string } | null = null;
  /** The index the next logged command gets in the store. */
  private nextIdx = 0;

  constructor(
    private readonly store: LiveStore,
    row: ExerciseRow,
    scenario: Scenario,
    clock: LiveClock
  ) {
    this.id = row.id;
    this.row = row;
    this.scenario = scenario;
    this.clock = clock;
    this.started = row.started === 1;
    this.liveRows = store.msel(row.id).filter((r) => r.origin === 'live');
    this.ex = this.build();
    // Stand where the clock stood (live injects due on the way are delivered, as the driver would have).
    if (this.started) this.advance(clock.now());
    this.outbox = [];
  }

  private newEngine(): Exercise {
    const ex = new Exercise(this.scenario, {
      seed: this.row.seed,
      plan: this.row.autopilot ? undefined : null,
      onEvent: (e) => {
        this.outbox.push({ e, at: Date.now() });
        this.watchdog.step();
      }
    });
    this.watchdog.attach(ex);
    return ex;
  }

  /**
   * The engine rebuilt from the log exactly as replay does: start, then each command after the
   * timers due by its time. A command recorded as failed is given as the same internal-error
   * refusal; a command that throws here (it failed while the server went down) is recorded as
   * failed and the rebuild starts over, so that no partial effect of it remains.
   */
  private build(): Exercise {
    const commands = this.store.commands(this.id);
    const failures = failureLog(this.store.db);
    const failed = failures.failed(this.id);
    // Each pass either completes or finds one more failing command: at most one pass per command.
    for (;;) {
      const ex = this.newEngine();
      this.firedRows.clear();
      if (this.started) ex.start();
      let again = false;
      for (const c of commands) {
        ex.advanceTo(c.t);
        if (failed.has(c.idx)) refuseAsFailed(ex, c.seat, c.cmd);
        else {
          try {
            ex.submit(c.seat, c.cmd);
          } catch (e) {
            console.error(`[yanlian] exercise ${this.id}: command ${c.idx} (${c.seat}) failed in replay; it is refused from now on: ${describeError(e)}`);
            failures.mark(this.id, c.idx, describeError(e));
            failed.set(c.idx, describeError(e));
            again = true;
            break;
          }
        }
        // A row's delivery is logged once, accepted or not: it is not tried again.
        if (c.mselRow && !this.firedRows.has(c.mselRow)) this.firedRows.set(c.mselRow, c.t);
      }
      if (again) continue;
      this.nextIdx = commands.length;
      this.outbox = [];
      return ex;
    }
  }

  get status(): Status {
    return this.ex.status as Status;
  }

  get isStarted(): boolean {
    return this.started;
  }

  get t(): number {
    return this.ex.state.t;
  }

  get scenarioRows(): MselRow[] {
    return scenarioRows(this.scenario);
  }

  /** The whole MSEL: the scenario's injects, then those added live. */
  msel(): (MselRow & { fired: boolean; firedAt: number | null })[] {
    const delivered = new Map<string, number>();
    for (const e of this.ex.events) if (e.type === 'inject.delivered' && typeof e.data.inject === 'string' && !delivered.has(e.data.inject)) delivered.set(e.data.inject, e.t);
    const withFired = (r: MselRow, at: number | undefined) => ({ ...r, fired: at !== undefined, firedAt: at ?? null });
    return [...this.scenarioRows.map((r) => withFired(r, delivered.get(r.id))), ...this.liveRows.map((r) => withFired(r, this.firedRows.get(r.id)))];
  }

  // ---------- driving ----------

  /** Start the engine (setup → running). Nothing before this is logged: replay starts the same way. */
  start(): void {
    if (this.started) return;
    this.store.markStarted(this.id);
    this.started = true;
    try {
      this.ex.start();
    } catch (e) {
      this.halt(e);
    }
    this.flush();
  }

  /**
   * Advance to sim-time `target`, delivering the live injects that fall due on the way. An engine
   * failure on the way (or work past the watchdog's budget) halts the exercise where it stood:
   * its clock stops and the facilitator sees why (`failure`); it never throws.
   */
  advance(target: number): void {
    if (!this.started || this.status !== 'running' || this.failure) return;
    try {
      const tried = new Set<string>();
      for (;;) {
        const due = this.liveRows.filter((r) => !r.manual && !this.firedRows.has(r.id) && !tried.has(r.id) && r.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        tried.add(due.id);
        const to = Math.max(due.at, this.ex.state.t);
        this.ex.advanceTo(to);
        if (this.status !== 'running') break;
        this.deliverRow(due);
        if (this.failure) break;
      }
      if (this.status === 'running' && !this.failure) this.ex.advanceTo(target);
    } catch (e) {
      this.halt(e);
    }
    this.flush();
  }

  /** Stop for good after a failure while time moved on (a restart stops at the same point: replay is deterministic). */
  private halt(e: unknown): void {
    this.failure = { t: Math.round(this.ex.state.t * 1000) / 1000, reason: describeError(e) };
    this.clock.stop();
    console.error(`[yanlian] exercise ${this.id} stopped on an engine failure at t=${this.failure.t}: ${e instanceof Error ? e.stack : String(e)}`);
  }

  /** The next sim-time at which an inject is due: scenario injects not yet delivered, live rows not yet fired. */
  nextInjectAt(): number | null {
    const t = this.ex.state.t;
    const times = this.msel()
      .filter((r) => !r.manual && !r.fired && r.at > t)
      .map((r) => r.at);
    return times.length ? Math.min(...times) : null;
  }

  private deliverRow(row: MselRow): SubmitOutcome {
    const cmd: CommandBody = { type: 'free-inject', id: row.id, ...(row.from ? { from: { ...row.from } } : {}), to: [...row.to], text: { ...row.text } };
    return this.apply(FACILITATOR, cmd, row.id);
  }

  /**
   * A command from a role. Before the exercise has started nothing is logged (replay starts the
   * engine before the first command). A facilitator's `fire-inject` of a live MSEL row is given as
   * the `free-inject` that delivers it.
   */
  submit(role: string, body: unknown): SubmitOutcome {
    if (!this.started) return { ok: false, reason: bilingualReason('the exercise has not started'), events: [], logged: false };
    if (this.failure) return { ok: false, reason: bilingualReason(HALTED_REASON), events: [], logged: false };
    if (this.clock.running) this.advance(this.clock.now());
    if (this.failure) return { ok: false, reason: bilingualReason(HALTED_REASON), events: [], logged: false };
    const b = body as { type?: unknown; inject?: unknown } | null;
    if (role === FACILITATOR && b && b.type === 'fire-inject' && typeof b.inject === 'string') {
      const row = this.liveRows.find((r) => r.id === b.inject);
      if (row) return this.deliverRow(row);
    }
    return this.apply(role, body, null);
  }

  /**
   * Log, then apply, then fan out. A command that throws inside the engine is refused with the
   * internal-error reason: it is recorded as failed, the engine is rebuilt from the log (where it
   * is given as that refusal, as every later replay gives it), and the exercise goes on.
   */
  private apply(role: string, body: unknown, mselRow: string | null): SubmitOutcome {
    const idx = this.nextIdx;
    this.store.appendCommand(this.id, idx, this.ex.state.t, role, body, mselRow);
    this.nextIdx++;
    const from = this.ex.events.length;
    let r: ReturnType<Exercise['submit']>;
    try {
      r = this.ex.submit(role, body);
    } catch (e) {
      console.error(`[yanlian] exercise ${this.id}: command ${idx} from ${role} failed inside the engine and is refused: ${e instanceof Error ? e.stack : String(e)}`);
      failureLog(this.store.db).mark(this.id, idx, describeError(e));
      this.outbox = [];
      try {
        this.ex = this.build();
      } catch (e2) {
        // The log no longer replays (the failure was not in the command alone): stop here.
        this.halt(e2);
        return { ok: false, reason: bilingualReason(INTERNAL_REASON), events: [], logged: true };
      }
      // The rebuilt engine repeats every event before this command; what follows is the refusal.
      const now = Date.now();
      this.outbox = this.ex.events.slice(from).map((ev) => ({ e: ev, at: now }));
      const events = eventsFor(this.ex.events.slice(from), role, this.ex.events);
      this.flush();
      return { ok: false, reason: bilingualReason(INTERNAL_REASON), events, logged: true };
    }
    if (mselRow && !this.firedRows.has(mselRow)) this.firedRows.set(mselRow, this.ex.state.t);
    const events = eventsFor(this.ex.events.slice(from), role, this.ex.events);
    this.flush();
    if (r.ok) return { ok: true, events };
    return { ok: false, reason: bilingualReason(r.reason), events, logged: true };
  }

  /** Send what the engine emitted since the last flush to every stream that may see it. */
  flush(): void {
    if (this.outbox.length === 0) return;
    const out = this.outbox;
    this.outbox = [];
    if (this.subscribers.size === 0) return;
    for (const { e, at } of out) {
      // Framed and encoded once per role, whatever the number of streams.
      const byRole = new Map<string, Uint8Array>();
      for (const s of this.subscribers) {
        if (!sentTo(e, s.role)) continue;
        let bytes = byRole.get(s.role);
        if (!bytes) byRole.set(s.role, (bytes = utf8.encode(frameEvent(forRole(e, s.role, this.ex.events), at))));
        s.send(bytes);
      }
    }
  }

  /** Past events a stream missed: those after `afterSeq` visible to the role, framed. */
  backlog(role: string, afterSeq: number): string[] {
    const out: string[] = [];
    for (const e of this.ex.events) if (e.seq > afterSeq && sentTo(e, role)) out.push(frameEvent(forRole(e, role, this.ex.events), 0));
    return out;
  }

  broadcast(event: string, data: unknown): void {
    const bytes = utf8.encode(frame(event, data));
    for (const s of this.subscribers) s.send(bytes);
  }

  sendTo(role: string, event: string, data: unknown): void {
    const text = frame(event, data);
    for (const s of this.subscribers) if (s.role === role) s.send(text);
  }

  clockInfo(): { t: number; status: Status; speed: number; clock: 'running' | 'stopped' } {
    return { t: Math.round(this.t * 1000) / 1000, status: this.status, speed: this.clock.speed, clock: this.clock.running && this.status === 'running' && !this.failure ? 'running' : 'stopped' };
  }
}
