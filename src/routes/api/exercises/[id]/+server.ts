import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, json } from '$lib/server/live/http.ts';
import { requireOrganiser } from '$lib/server/live/auth.ts';

/** Remove an exercise (or a group with its cells), its log and its tokens. Organiser only. */
export const DELETE: RequestHandler = ({ params, request, cookies }) =>
  handle(() => {
    requireOrganiser(request, cookies);
    return json(registry().remove(params.id));
  });
