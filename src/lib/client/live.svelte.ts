// One live exercise as the browser holds it: the caller's view (from the server, for this
// role), the events streamed since, and the clock. Nothing is filtered here: the server sends
// each role only what it may see.
import { call, ApiError, newIdempotencyKey } from './api';
import { openStream, type Stream, type StreamState } from './stream';
import type { ClockState, DomainEvent, Refusal, View } from './types';

export interface CommandResult {
  ok: boolean;
  reason?: unknown;
  events?: DomainEvent[];
}

export class LiveExercise {
  readonly id: string;
  /** The role the page acts as: a seat id or 'facilitator' (its cookie authenticates the calls). */
  readonly role: string;
  view = $state.raw<View | null>(null);
  events = $state.raw<DomainEvent[]>([]);
  clock = $state<ClockState>({ t: 0, status: 'setup', speed: 10, clock: 'stopped' });
  connection = $state<StreamState>('connecting');
  error = $state<ApiError | null>(null);
  refusals = $state.raw<Refusal[]>([]);
  private stream: Stream | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private bySeq = new Map<number, DomainEvent>();

  constructor(id: string, role: string) {
    this.id = id;
    this.role = role;
  }

  get base(): string {
    return `/api/exercises/${encodeURIComponent(this.id)}`;
  }

  /** Loads the view, then follows the stream from the last event the view held. */
  async start(): Promise<void> {
    await this.refresh();
    if (!this.view) return;
    const last = this.events.length ? String(this.events[this.events.length - 1].seq) : null;
    this.stream = openStream({
      url: `${this.base}/stream`,
      role: this.role,
      lastEventId: last,
      handlers: {
        state: (s) => {
          const wasDown = this.connection === 'reconnecting';
          this.connection = s;
          // After a reconnect (e.g. the server restarted), fetch the view again.
          if (s === 'open' && wasDown) this.scheduleRefresh(0);
        },
        message: (name, data) => this.onMessage(name, data)
      }
    });
  }

  stop(): void {
    this.stream?.close();
    this.stream = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  async refresh(): Promise<void> {
    try {
      const v = await call<View>(`${this.base}/view`, { as: this.role });
      this.error = null;
      this.view = v;
      this.setClock(v.exercise);
      this.merge(v.events ?? []);
    } catch (e) {
      if (e instanceof ApiError) this.error = e;
      else this.error = new ApiError(0, { error: { code: 'network', message: String(e) } });
    }
  }

  /** Re-reads the view soon: teams, order options and participants follow the events. */
  scheduleRefresh(ms = 700): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, ms);
  }

  private setClock(c: Partial<ClockState>): void {
    this.clock = {
      t: typeof c.t === 'number' ? c.t : this.clock.t,
      status: c.status ?? this.clock.status,
      speed: typeof c.speed === 'number' ? c.speed : this.clock.speed,
      clock: c.clock ?? this.clock.clock
    };
  }

  private merge(incoming: DomainEvent[]): void {
    let added = false;
    for (const e of incoming) {
      if (!e || typeof e.seq !== 'number' || this.bySeq.has(e.seq)) continue;
      this.bySeq.set(e.seq, e);
      added = true;
    }
    if (added) this.events = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  private onMessage(name: string, data: unknown): void {
    if (name === 'event') {
      const e = data as DomainEvent;
      this.merge([e]);
      if (typeof e.t === 'number' && e.t > this.clock.t) this.setClock({ t: e.t });
      if (e.type !== 'hazard.plume' && e.type !== 'hazard.field') this.scheduleRefresh();
    } else if (name === 'clock') {
      this.setClock(data as ClockState);
    } else if (name === 'observation') {
      this.scheduleRefresh(0);
    } else if (name === 'refused') {
      this.refusals = [...this.refusals, { ...(data as Refusal), t: this.clock.t }];
    }
  }

  /**
   * Send an order. Each submit has its own Idempotency-Key; when the answer is lost (the network
   * failed, or the server was restarting) it is sent again with the same key, so the server applies
   * it once and answers the retry with the first answer.
   */
  async command(body: unknown): Promise<CommandResult> {
    const headers = { 'Idempotency-Key': newIdempotencyKey() };
    const send = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await call<CommandResult>(`${this.base}/commands`, { as: this.role, body, headers });
        } catch (e) {
          const retry = attempt < 3 && (e instanceof TypeError || (e instanceof ApiError && (e.status === 502 || e.status === 504)));
          if (!retry) throw e;
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        }
      }
    };
    try {
      const r = await send();
      this.merge(r.events ?? []);
      this.scheduleRefresh(100);
      return r;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        const b = e.body as CommandResult | null;
        this.merge(b?.events ?? []);
        return { ok: false, reason: b?.reason ?? e.text };
      }
      throw e;
    }
  }

  async clockAction(action: 'start' | 'pause' | 'resume' | 'speed' | 'next-inject', speed?: number): Promise<void> {
    const c = await call<ClockState>(`${this.base}/clock`, { as: this.role, body: speed === undefined ? { action } : { action, speed } });
    this.setClock(c);
    this.scheduleRefresh(150);
  }
}
