// A small client of the live API for the tests: JSON calls with a token, and a server-sent-events reader.
import type { DomainEvent } from '../../engine/index.ts';

export interface Created {
  id: string;
  name: string;
  facilitator: { token: string; url: string };
  seats: { id: string; name: { zh: string; en: string }; tier: string; token: string; url: string }[];
  cells: { id: string; name: string; seats?: Created['seats'] }[];
}

export interface ClockInfo {
  t: number;
  status: string;
  speed: number;
  clock: string;
}

/** Calls the organiser makes: creating, listing and deleting exercises, health details, the links. */
function organiserCall(method: string, path: string): boolean {
  const p = path.split('?')[0];
  return p === '/api/exercises' || p === '/api/health' || p.startsWith('/api/organiser/') || (method === 'DELETE' && /^\/api\/exercises\/[^/]+$/.test(p));
}

export class Api {
  /** `adminKey`: sent as the bearer of organiser calls made without a token (unless `anonymous`). */
  constructor(
    readonly base: string,
    readonly adminKey?: string
  ) {}

  async call(method: string, path: string, opts: { token?: string; anonymous?: boolean; headers?: Record<string, string>; body?: unknown; raw?: BodyInit; type?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { ...opts.headers };
    const bearer = opts.token ?? (!opts.anonymous && this.adminKey && organiserCall(method, path) ? this.adminKey : undefined);
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: BodyInit | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.type ?? 'text/csv';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    // A streamed body (no Content-Length) needs half-duplex in Node's fetch.
    const res = await fetch(`${this.base}${path}`, { method, headers, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
    const ct = res.headers.get('content-type') ?? '';
    const out = ct.includes('json') ? await res.json() : ct.includes('text') ? await res.text() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: out, headers: res.headers };
  }

  async create(body: Record<string, unknown>): Promise<Created> {
    const r = await this.call('POST', '/api/exercises', { body });
    if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Created;
  }

  async clock(id: string, token: string, action: string, extra: Record<string, unknown> = {}): Promise<ClockInfo> {
    const r = await this.call('POST', `/api/exercises/${id}/clock`, { token, body: { action, ...extra } });
    if (r.status !== 200) throw new Error(`clock ${action} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as ClockInfo;
  }

  async view(id: string, token: string): Promise<any> {
    const r = await this.call('GET', `/api/exercises/${id}/view`, { token });
    if (r.status !== 200) throw new Error(`view failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  command(id: string, token: string, cmd: unknown) {
    return this.call('POST', `/api/exercises/${id}/commands`, { token, body: cmd });
  }

  /** Poll the view until `pred` holds (the clock is wall-driven; the wait is bounded, the result is not timed). */
  async waitView(id: string, token: string, pred: (v: any) => boolean, timeoutMs = 30_000): Promise<any> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await this.view(id, token);
      if (pred(v)) return v;
      if (Date.now() > end) throw new Error(`condition not reached within ${timeoutMs} ms (t=${v.exercise.t}, status=${v.exercise.status})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface SseMessage {
  event: string;
  id?: string;
  data: any;
  comments: string[];
}

/** Reads a text/event-stream into messages until closed. */
export class SseReader {
  readonly messages: SseMessage[] = [];
  private ctrl = new AbortController();
  private done: Promise<void>;
  status = 0;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.done = this.run(url, headers);
  }

  /** True once the server ended the stream (or it was closed here). */
  ended = false;

  private async run(url: string, headers: Record<string, string>): Promise<void> {
    try {
      await this.read(url, headers);
    } finally {
      this.ended = true;
    }
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    let res: Response;
    try {
      res = await fetch(url, { headers, signal: this.ctrl.signal });
    } catch {
      return;
    }
    this.status = res.status;
    if (!res.ok || !res.body) return;
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += dec.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const m: SseMessage = { event: 'message', data: null, comments: [] };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) m.comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) m.event = line.slice(7);
            else if (line.startsWith('id: ')) m.id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) m.data = JSON.parse(data.join('\n'));
          if (data.length || m.event !== 'message') this.messages.push(m);
        }
      }
    } catch {
      /* aborted */
    }
  }

  events(): DomainEvent[] {
    return this.messages.filter((m) => m.event === 'event').map((m) => m.data as DomainEvent);
  }

  async waitFor(pred: (m: SseMessage[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!pred(this.messages)) {
      if (Date.now() > end) throw new Error(`stream condition not reached within ${timeoutMs} ms (${this.messages.length} messages)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    this.ctrl.abort();
    await this.done;
  }
}
