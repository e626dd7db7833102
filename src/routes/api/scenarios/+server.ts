import type { RequestHandler } from './$types';
import { listBundled } from '$lib/server/live/scenarioSource.ts';
import { handle, json } from '$lib/server/live/http.ts';

/** The bundled scenarios, loaded by the engine (a file with mistakes is left out and reported on the console). */
export const GET: RequestHandler = () => handle(() => json(listBundled()));
