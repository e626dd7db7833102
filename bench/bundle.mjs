// Bundle a TypeScript benchmark entry with esbuild (npm packages stay external) and import it.
// Benchmarks run the engine as plain bundled JavaScript, the way a production build runs it,
// not through a development loader whose module interop adds a cost to every imported call.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function importBundled(entry) {
  const outDir = join(root, 'node_modules', '.cache', 'yanlian-bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({ entryPoints: [resolve(root, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning', sourcemap: false, absWorkingDir: root });
  // npm packages are external: resolve them from the project, not from the cache folder.
  return import(pathToFileURL(outfile).href + `?t=${process.hrtime.bigint()}`);
}
