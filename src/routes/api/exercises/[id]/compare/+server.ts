import type { RequestHandler } from './$types';
import { summarize } from '../../../../../../engine/index.ts';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, tokenOf } from '$lib/server/live/http.ts';

/** For the debrief of parallel cells: each cell's decisions (the commands its seats gave) and outcome, side by side. */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(() => {
    const reg = registry();
    const a = reg.facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const cells = reg.scopeOf(a);
    return json({
      group: a.live.row.group_id,
      cells: cells.map((c) => ({
        id: c.id,
        name: c.row.name,
        ...c.clockInfo(),
        decisions: c.ex.events
          .filter((e) => (e.type === 'command.accepted' || e.type === 'command.refused') && e.data.seat !== 'facilitator' && !e.data.via)
          .map((e) => ({ seq: e.seq, t: e.t, seat: e.data.seat, type: e.data.type, ok: e.type === 'command.accepted', command: e.data.command ?? null, reason: e.data.reason ?? null })),
        summary: summarize(c.ex)
      }))
    });
  });
