import type { RequestHandler } from './$types';
import { makeLog } from '../../../../../../engine/index.ts';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, tokenOf } from '$lib/server/live/http.ts';

/** The run log (yanlian/log@1) up to now: `yanlian replay` rebuilds the same event stream from it. */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(() => {
    const a = registry().facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const log = makeLog(a.live.ex, a.live.t);
    return json(log, 200, { 'content-disposition': `attachment; filename="${a.live.id}.log.json"` });
  });
