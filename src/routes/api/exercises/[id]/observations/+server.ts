import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, readJson, tokenOf } from '$lib/server/live/http.ts';
import { badRequest } from '$lib/server/live/errors.ts';

/** An evaluator's observation, tied to a sim-time (now by default). */
export const POST: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const reg = registry();
    const a = reg.facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const body = (await readJson(request)) as { text?: unknown; t?: unknown };
    const text = typeof body?.text === 'string' ? body.text.trim() : '';
    if (!text) throw badRequest('text 不能为空', 'text must be a non-empty string', [{ path: 'text', message: 'expected a non-empty string' }]);
    if (text.length > 5000) throw badRequest('text 过长', 'text is too long', [{ path: 'text', message: 'expected at most 5000 characters' }]);
    const t = body.t === undefined ? a.live.t : body.t;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > a.live.t + 1e-9) throw badRequest('t 应在 0 与当前仿真时间之间', `t must be a sim-time from 0 to now (${a.live.t})`, [{ path: 't', message: `expected a number from 0 to ${a.live.t}` }]);
    const o = reg.store.addObservation(a.live.id, t, text);
    const out = { id: o.id, t: o.t, text: o.text, createdAt: o.created_at };
    a.live.sendTo('facilitator', 'observation', out);
    return json(out, 201);
  });

export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(() => {
    const reg = registry();
    const a = reg.facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    return json(reg.store.observations(a.live.id).map((o) => ({ id: o.id, t: o.t, text: o.text, createdAt: o.created_at })));
  });
