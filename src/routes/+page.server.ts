import path from 'node:path';
import { randomInt } from 'node:crypto';
import { listScenarios, scenariosDir } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';
import { isOrganiser } from '$lib/server/live/auth.ts';

export const load: PageServerLoad = async ({ request, cookies }) => {
  const dir = scenariosDir();
  const rel = path.relative(process.cwd(), dir);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
  return {
    /** Creating an exercise needs the organiser login. */
    organiser: isOrganiser(request, cookies),
    scenarios: await listScenarios(dir),
    // A seed nobody can guess by default: a trainee who knows the scenario and the seed could run
    // the drill ahead of time (docs/security.md). The facilitator may still type one.
    seed: String(randomInt(100_000, 1_000_000_000)),
    // Shown in hints: relative to the working directory when inside it.
    scenariosDir: shown.endsWith(path.sep) ? shown : shown + path.sep
  };
};
