import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, tokenOf } from '$lib/server/live/http.ts';
import { bilingualReason } from '$lib/reasons.ts';

/**
 * A command from the caller's role: written to the log, then applied. 200 { ok, events } when
 * accepted; 422 { ok: false, reason } when refused (also logged, as the engine does) or malformed.
 */
export const POST: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const reg = registry();
    const a = reg.access(params.id, tokenOf({ request, cookies }));
    const text = await request.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      const reason = bilingualReason(`command: the body is not valid JSON (${(e as Error).message})`);
      return json({ ok: false, reason }, 422);
    }
    const r = a.live.submit(a.role, body);
    const type = (body as { type?: unknown } | null)?.type;
    if (a.role === 'facilitator' && (type === 'pause' || type === 'resume' || type === 'end')) reg.syncClock(a.live);
    if (r.ok) return json({ ok: true, events: r.events });
    a.live.sendTo(a.role, 'refused', { reason: r.reason, command: body });
    return json({ ok: false, reason: r.reason, events: r.events }, 422);
  });
