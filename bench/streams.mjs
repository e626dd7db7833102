// `node bench/streams.mjs [--seeds N] [--from S] [--out FILE] [--compare FILE]`: hashes of the
// event streams of every bundled scenario × plan / weak plan / no plan × N seeds (default 40),
// one combined hash and one per run. With --compare, lists the runs whose stream changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importBundled, root } from './bundle.mjs';

const { values } = parseArgs({ options: { seeds: { type: 'string' }, from: { type: 'string' }, out: { type: 'string' }, compare: { type: 'string' } } });
const n = Number(values.seeds ?? 40);
const from = Number(values.from ?? 1);
// The typhoon seeds that crashed a run (issue #9) are always in.
const seeds = [...new Set([...Array.from({ length: n }, (_, i) => from + i), 490, 536, 604, 1006])];
const mod = await importBundled('bench/streams.ts');
const t0 = performance.now();
const { combined, runs, threw } = mod.hashes(root, ['chemical-leak', 'typhoon', 'earthquake'], seeds);
const count = Object.keys(runs).length;
console.log(`${count} streams, combined ${combined} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
if (threw.length) console.log(`${threw.length} runs threw:\n  ${threw.join('\n  ')}`);
if (values.out) writeFileSync(values.out, JSON.stringify({ combined, runs }, null, 2) + '\n');
if (values.compare) {
  const base = JSON.parse(readFileSync(values.compare, 'utf8'));
  const changed = Object.keys(runs).filter((k) => base.runs[k] !== runs[k]);
  console.log(changed.length ? `${changed.length} of ${count} streams changed:\n  ${changed.join('\n  ')}` : `all ${count} streams identical to ${values.compare}`);
}
