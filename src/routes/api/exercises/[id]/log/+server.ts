import type { RequestHandler } from './$types';
import { makeLog } from '../../../../../../engine/index.ts';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, tokenOf } from '$lib/server/live/http.ts';
import { ApiError } from '$lib/server/live/errors.ts';
import { logSource } from '$lib/server/live/scenarioSource.ts';

/**
 * The run log (yanlian/log@2) up to now: `yanlian replay` rebuilds the same event stream from it,
 * finding a bundled scenario by name. For an exercise that could not be resumed: the log as
 * stored (no events digest: the stream could not be rebuilt), with `unavailable: { reason }`.
 */
export const GET: RequestHandler = ({ params, request, cookies }) =>
  handle(() => {
    const reg = registry();
    const token = tokenOf({ request, cookies }, 'facilitator');
    const disposition = { 'content-disposition': `attachment; filename="${params.id.replace(/[^A-Za-z0-9_-]/g, '')}.log.json"` };
    try {
      const a = reg.facilitator(params.id, token);
      return json(makeLog(a.live.ex, a.live.t, logSource(a.live.scenario.file)), 200, disposition);
    } catch (e) {
      const stored = e instanceof ApiError && e.status === 503 ? reg.brokenLog(params.id, token) : null;
      if (stored) return json(stored, 200, disposition);
      throw e;
    }
  });
