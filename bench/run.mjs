// `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run.
import { importBundled, root } from './bundle.mjs';

const only = process.argv[2];
const suites = [
  ['chemical', 'bench/scenario.ts', 'chemical-leak'],
  ['typhoon', 'bench/scenario.ts', 'typhoon'],
  ['earthquake', 'bench/scenario.ts', 'earthquake'],
  // Plain JavaScript that drives the CLI as separate processes: imported as is, not bundled.
  ['sweep', 'bench/sweep.mjs']
];
for (const [name, entry, arg] of suites) {
  if (only && only !== name) continue;
  const mod = entry.endsWith('.mjs') ? await import(new URL(`../${entry}`, import.meta.url).href) : await importBundled(entry);
  await mod.run(root, process.argv.includes('--json'), arg);
}
