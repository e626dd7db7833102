// `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run.
import { importBundled, root } from './bundle.mjs';

const only = process.argv[2];
const suites = [['chemical', 'bench/chemical.ts']];
for (const [name, entry] of suites) {
  if (only && only !== name) continue;
  const mod = await importBundled(entry);
  await mod.run(root, process.argv.includes('--json'));
}
