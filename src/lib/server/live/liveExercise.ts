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
import { eventsFor, forRole, sentTo } from './redact.ts';

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
    this.ex = new Exercise(scenario, {
      seed: row.seed,
      plan: row.autopilot ? undefined : null,
      onEvent: (e) => this.outbox.push({ e, at: Date.now() })
    });
    // Rebuild from the log exactly as replay does: start, then each command after the timers due by its time.
    if (this.started) this.ex.start();
    for (const c of store.commands(row.id)) {
      this.ex.advanceTo(c.t);
      this.ex.submit(c.seat, c.cmd);
      // A row's delivery is logged once, accepted or not: it is not tried again.
      if (c.mselRow && !this.firedRows.has(c.mselRow)) this.firedRows.set(c.mselRow, c.t);
    }
    // Stand where the clock stood (live injects due on the way are delivered, as the driver would have).
    if (this.started) this.advance(clock.now());
    this.outbox = [];
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
    this.ex.start();
    this.flush();
  }

  /** Advance to sim-time `target`, delivering the live injects that fall due on the way. */
  advance(target: number): void {
    if (!this.started || this.status !== 'running') return;
    const tried = new Set<string>();
    for (;;) {
      const due = this.liveRows.filter((r) => !r.manual && !this.firedRows.has(r.id) && !tried.has(r.id) && r.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      tried.add(due.id);
      this.ex.advanceTo(Math.max(due.at, this.ex.state.t));
      if (this.status !== 'running') break;
      this.deliverRow(due);
    }
    if (this.status === 'running') this.ex.advanceTo(target);
    this.flush();
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
    if (this.clock.running) this.advance(this.clock.now());
    const b = body as { type?: unknown; inject?: unknown } | null;
    if (role === FACILITATOR && b && b.type === 'fire-inject' && typeof b.inject === 'string') {
      const row = this.liveRows.find((r) => r.id === b.inject);
      if (row) return this.deliverRow(row);
    }
    return this.apply(role, body, null);
  }

  /** Log, then apply, then fan out. */
  private apply(role: string, body: unknown, mselRow: string | null): SubmitOutcome {
    const idx = this.ex.commands.length;
    this.store.appendCommand(this.id, idx, this.ex.state.t, role, body, mselRow);
    const from = this.ex.events.length;
    const r = this.ex.submit(role, body);
    if (mselRow && !this.firedRows.has(mselRow)) this.firedRows.set(mselRow, this.ex.state.t);
    if (this.ex.commands.length !== idx + 1) {
      // The engine logs every command it is given; anything else means the store and the engine disagree.
      throw new Error(`command log out of step for exercise ${this.id}: store has ${idx + 1}, engine ${this.ex.commands.length}`);
    }
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
    return { t: Math.round(this.t * 1000) / 1000, status: this.status, speed: this.clock.speed, clock: this.clock.running && this.status === 'running' ? 'running' : 'stopped' };
  }
}
