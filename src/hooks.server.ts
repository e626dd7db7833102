import type { ServerInit } from '@sveltejs/kit';
import { registry } from '$lib/server/live/registry.ts';
export { securityHeaders as handle } from '$lib/server/http/securityHeaders.ts';

/** At server start: open the store and resume every exercise from its log (running clocks go on). */
export const init: ServerInit = () => {
  registry();
};
