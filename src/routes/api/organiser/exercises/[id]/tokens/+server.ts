import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, linkOrigin, readJson } from '$lib/server/live/http.ts';
import { requireOrganiser } from '$lib/server/live/auth.ts';

/** Revoke one role's token (a seat, or the facilitator) and issue a new one: `{ role }` → `{ id, role, token, url }`. Organiser only. */
export const POST: RequestHandler = ({ params, request, url, cookies }) =>
  handle(async () => {
    requireOrganiser(request, cookies);
    const body = (await readJson(request)) as { role?: unknown };
    return json(registry().reissue(params.id, body?.role, linkOrigin(url)));
  });
