import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, linkOrigin, readJson, tokenOf } from '$lib/server/live/http.ts';

/** Branch the exercise at a past sim-time: the branch replays the log up to `at`, then runs on its own. */
export const POST: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    const reg = registry();
    const a = reg.facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const body = (await readJson(request)) as { at?: unknown; name?: unknown };
    return json(reg.fork(a.live, body?.at, body?.name, linkOrigin(url)), 201);
  });
