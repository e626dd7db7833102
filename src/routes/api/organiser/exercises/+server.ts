import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json, linkOrigin } from '$lib/server/live/http.ts';
import { requireOrganiser } from '$lib/server/live/auth.ts';

/** Every exercise (groups with their cells, forks) with the facilitator's and every seat's join link. Organiser only. */
export const GET: RequestHandler = ({ request, url, cookies }) =>
  handle(() => {
    requireOrganiser(request, cookies);
    return json({ exercises: registry().organiserList(linkOrigin(url)) });
  });
