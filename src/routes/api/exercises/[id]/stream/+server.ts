import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { frame, type Subscriber } from '$lib/server/live/liveExercise.ts';
import { handle, tokenOf } from '$lib/server/live/http.ts';
import { badRequest } from '$lib/server/live/errors.ts';
import { openStreamSlot } from '$lib/server/live/limits.ts';

const KEEPALIVE_MS = 15_000;
/** A client this many messages behind is cut off; it reconnects with Last-Event-ID and misses nothing. */
const MAX_QUEUED = 5_000;

/**
 * Server-sent events: `event` (a DomainEvent the role may see; id = seq), `clock`, `refused`.
 * Resumes after `Last-Event-ID` or `?after=<seq>`; without either it starts from the first event.
 */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(() => {
    const token = tokenOf({ request, cookies });
    const a = registry().access(params.id, token);
    const from = request.headers.get('last-event-id') ?? url.searchParams.get('after');
    const after = from === null || from === '' ? -1 : Number(from);
    if (!Number.isInteger(after)) throw badRequest('after / Last-Event-ID 应为事件序号', 'after / Last-Event-ID must be an event seq (a whole number)');
    const live = a.live;
    // At most so many open streams per token (429 beyond): each holds a connection and a backlog.
    const release = openStreamSlot(token!, live.id);
    const enc = new TextEncoder();
    let sub: Subscriber | null = null;
    let keepalive: NodeJS.Timeout | null = null;
    const stop = () => {
      release();
      if (sub) live.subscribers.delete(sub);
      sub = null;
      if (keepalive) clearInterval(keepalive);
      keepalive = null;
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const close = () => {
          stop();
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        };
        const send = (chunk: string | Uint8Array) => {
          try {
            controller.enqueue(typeof chunk === 'string' ? enc.encode(chunk) : chunk);
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED) close();
          } catch {
            stop();
          }
        };
        // Backlog and subscription in one synchronous step: nothing is emitted in between, so nothing is missed or sent twice.
        send('retry: 2000\n\n');
        const backlog = live.backlog(a.role, after);
        if (backlog.length) send(backlog.join(''));
        send(frame('clock', live.clockInfo()));
        sub = { role: a.role, send, close };
        live.subscribers.add(sub);
        keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
        request.signal.addEventListener('abort', close);
      },
      cancel() {
        stop();
      }
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no'
      }
    });
  });
