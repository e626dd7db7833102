import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, readText, tokenOf } from '$lib/server/live/http.ts';
import { bilingualReason } from '$lib/reasons.ts';
import { LIMITS, checkCommandSize, orderLimiter } from '$lib/server/live/limits.ts';
import { idempotency, idempotencyKeyOf } from '$lib/server/live/idempotency.ts';

/**
 * A command from the caller's role: written to the log, then applied. 200 { ok, events } when
 * accepted; 422 { ok: false, reason } when refused (also logged, as the engine does) or malformed.
 * Limits: 413 for a body over 64 KiB, 400 for a text over 2,000 characters, 429 (Retry-After) past
 * the rate of commands per seat. With an `Idempotency-Key` the command is applied once; a retry
 * with the same key gets the first answer.
 */
export const POST: RequestHandler = ({ params, request, cookies }) =>
  handle(async () => {
    const reg = registry();
    const a = reg.access(params.id, tokenOf({ request, cookies }));
    const key = idempotencyKeyOf(request);
    const text = await readText(request, LIMITS.commandBody);
    const keys = key ? idempotency(reg.store.db) : null;
    if (keys && key) {
      const before = keys.lookup(a.live.id, a.role, key, text);
      if (before) return json(before.answer, before.status, { 'idempotent-replayed': 'true' });
    }
    orderLimiter().take(`${a.live.id}\n${a.role}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      const reason = bilingualReason(`command: the body is not valid JSON (${(e as Error).message})`);
      return json({ ok: false, reason }, 422);
    }
    checkCommandSize(body);
    const r = a.live.submit(a.role, body);
    const type = (body as { type?: unknown } | null)?.type;
    if (a.role === 'facilitator' && (type === 'pause' || type === 'resume' || type === 'end')) reg.syncClock(a.live);
    const [status, answer] = r.ok ? [200, { ok: true, events: r.events }] : [422, { ok: false, reason: r.reason, events: r.events }];
    // Only a command that went into the log is remembered: one refused before it (not started) may be sent again.
    if (keys && key && (r.ok || r.logged)) keys.save(a.live.id, a.role, key, text, status, answer);
    if (!r.ok) a.live.sendTo(a.role, 'refused', { reason: r.reason, command: body });
    return json(answer, status);
  });
