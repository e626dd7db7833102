import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, readJson, tokenOf } from '$lib/server/live/http.ts';

/** The facilitator's clock: start, pause, resume, speed, next-inject, end (for a group: every cell). */
export const POST: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const reg = registry();
    const a = reg.facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const body = (await readJson(request)) as { action?: unknown; speed?: unknown };
    return json(reg.control(a, body?.action, body?.speed));
  });
