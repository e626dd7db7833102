import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { buildView } from '$lib/server/live/view.ts';
import { handle, json, tokenOf } from '$lib/server/live/http.ts';

/** The caller's view of the exercise now (only what its role may see). */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(() => {
    const reg = registry();
    const a = reg.access(params.id, tokenOf({ request, cookies }));
    const cells = a.live.row.group_id && a.role === 'facilitator' ? reg.cellsOf(a.live.row.group_id).map((c) => ({ id: c.id, name: c.row.name, status: c.status, t: c.clockInfo().t })) : undefined;
    return json(buildView(a.live, a.role, reg.store, { cells }));
  });
