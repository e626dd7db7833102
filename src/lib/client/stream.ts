// Server-sent events over fetch, so that the page can name its role in a header and a reconnect can
// say where it left off with Last-Event-ID (the seq of the last event received). EventSource
// gives up for good on an HTTP error (e.g. while the server restarts); this keeps trying.

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'failed';

export interface StreamHandlers {
  /** One SSE message: its event name, parsed data and id. */
  message(name: string, data: unknown, id: string | null): void;
  state(s: StreamState, detail?: string): void;
}

export interface StreamOptions {
  url: string;
  /** The role the page acts as (its HttpOnly cookie authenticates the stream). */
  role: string;
  /** The last event id already held (resume after it). */
  lastEventId?: string | null;
  handlers: StreamHandlers;
  /** Longest wait between reconnects, ms. */
  maxBackoffMs?: number;
}

export interface Stream {
  close(): void;
  lastEventId(): string | null;
}

/** Parses one SSE block ("event: x\ndata: …\nid: 3") into its fields. */
export function parseBlock(block: string): { event: string; data: string; id: string | null; retry: number | null } | null {
  let event = 'message';
  const data: string[] = [];
  let id: string | null = null;
  let retry: number | null = null;
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    let value = i < 0 ? '' : line.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }
  if (data.length === 0 && id === null) return null;
  return { event, data: data.join('\n'), id, retry };
}

export function openStream(opts: StreamOptions): Stream {
  let closed = false;
  let last = opts.lastEventId ?? null;
  let controller: AbortController | null = null;
  let backoff = 500;
  const maxBackoff = opts.maxBackoffMs ?? 5000;

  const run = async () => {
    let first = true;
    while (!closed) {
      opts.handlers.state(first ? 'connecting' : 'reconnecting');
      first = false;
      controller = new AbortController();
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream', 'X-Yanlian-Role': opts.role };
        if (last !== null) headers['Last-Event-ID'] = last;
        const res = await fetch(opts.url, { headers, signal: controller.signal, cache: 'no-store' });
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          opts.handlers.state('failed', `HTTP ${res.status}`);
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        opts.handlers.state('open');
        backoff = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let m: RegExpExecArray | null;
          const sep = /\r\n\r\n|\n\n|\r\r/g;
          let start = 0;
          while ((m = sep.exec(buf))) {
            const msg = parseBlock(buf.slice(start, m.index));
            start = m.index + m[0].length;
            if (!msg) continue;
            if (msg.retry !== null) backoff = Math.min(msg.retry, maxBackoff);
            if (msg.id !== null) last = msg.id;
            if (msg.data === '') continue;
            let data: unknown = msg.data;
            try {
              data = JSON.parse(msg.data);
            } catch {
              /* plain text data */
            }
            opts.handlers.message(msg.event, data, msg.id);
          }
          buf = buf.slice(start);
        }
      } catch {
        /* dropped: reconnect below */
      }
      if (closed) return;
      opts.handlers.state('reconnecting');
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, maxBackoff);
    }
  };
  void run();

  return {
    close() {
      closed = true;
      controller?.abort();
    },
    lastEventId: () => last
  };
}
