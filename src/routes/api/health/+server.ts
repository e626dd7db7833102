import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { json } from '$lib/server/live/http.ts';
import { isOrganiser } from '$lib/server/live/auth.ts';

/**
 * Liveness: `{ ok: true }`. With the organiser key, also the load: the server's process id, CPU
 * time so far (µs), memory, exercises and open streams.
 */
export const GET: RequestHandler = ({ request, cookies }) => {
  if (!isOrganiser(request, cookies)) return json({ ok: true });
  const reg = registry();
  let streams = 0;
  for (const live of reg.exercises.values()) streams += live.subscribers.size;
  return json({ ok: true, pid: process.pid, uptimeS: process.uptime(), cpu: process.cpuUsage(), memory: process.memoryUsage().rss, exercises: reg.exercises.size, streams });
};
