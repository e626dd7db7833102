import type { RequestHandler } from './$types';
import { makeLog } from '../../../../../../engine/index.ts';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, tokenOf } from '$lib/server/live/http.ts';
import { logSource } from '$lib/server/live/scenarioSource.ts';

/** The run log (yanlian/log@2) up to now: `yanlian replay` rebuilds the same event stream from it, finding a bundled scenario by name. */
export const GET: RequestHandler = ({ params, request, cookies }) =>
  handle(() => {
    const a = registry().facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const log = makeLog(a.live.ex, a.live.t, logSource(a.live.scenario.file));
    return json(log, 200, { 'content-disposition': `attachment; filename="${a.live.id}.log.json"` });
  });
