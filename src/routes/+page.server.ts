import path from 'node:path';
import { listScenarios, scenariosDir } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const dir = scenariosDir();
  const rel = path.relative(process.cwd(), dir);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
  return {
    scenarios: await listScenarios(dir),
    // Shown in hints: relative to the working directory when inside it.
    scenariosDir: shown.endsWith(path.sep) ? shown : shown + path.sep
  };
};
