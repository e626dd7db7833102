import type { RequestHandler } from './$types';
import { registry, type CreateInput } from '$lib/server/live/registry.ts';
import { handle, json, originOf, readJson } from '$lib/server/live/http.ts';
import { LIMITS } from '$lib/server/live/limits.ts';

/** Every exercise (no tokens). */
export const GET: RequestHandler = () => handle(() => json(registry().list()));

/** Create an exercise (or a group of parallel cells): answers the join links with their tokens. */
export const POST: RequestHandler = ({ request, url }) =>
  handle(async () => {
    const body = (await readJson(request, LIMITS.createBody)) as CreateInput;
    return json(registry().create(body, originOf(request, url)), 201);
  });
