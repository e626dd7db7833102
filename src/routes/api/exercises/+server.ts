import type { RequestHandler } from './$types';
import { registry, type CreateInput } from '$lib/server/live/registry.ts';
import { handle, json, linkOrigin, readJson } from '$lib/server/live/http.ts';
import { requireOrganiser } from '$lib/server/live/auth.ts';
import { LIMITS } from '$lib/server/live/limits.ts';

/** Every exercise (no tokens). Organiser only. */
export const GET: RequestHandler = ({ request, cookies }) =>
  handle(() => {
    requireOrganiser(request, cookies);
    return json(registry().list());
  });

/** Create an exercise (or a group of parallel cells): answers the join links with their tokens. Organiser only. */
export const POST: RequestHandler = ({ request, url, cookies }) =>
  handle(async () => {
    requireOrganiser(request, cookies);
    const body = (await readJson(request, LIMITS.createBody)) as CreateInput;
    return json(registry().create(body, linkOrigin(url)), 201);
  });
