/**
 * The worker-thread entry as one bundled JavaScript file (esbuild; npm packages stay external and
 * resolve from the project). Built once per sweep into node_modules/.cache/yanlian-sweep/ under
 * a name that is the hash of its content, so concurrent sweeps never overwrite each other's file.
 * Without esbuild (a production install without dev dependencies) the threads run the TypeScript
 * through tsx instead, which is correct but slower.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';

export type EngineMode = 'bundle' | 'tsx';

export interface ThreadEntry {
  url: URL;
  execArgv: string[];
  mode: EngineMode;
  /** Time spent bundling, for the timing report. */
  bundleMs: number;
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** The project root: src/sweep/../.. (overridable for code bundled elsewhere, e.g. benchmarks). */
export function projectRoot(): string {
  return process.env.YANLIAN_ROOT ?? resolve(HERE, '..', '..');
}

export async function threadEntry(mode: EngineMode = (process.env.YANLIAN_SWEEP_ENGINE as EngineMode) || 'bundle'): Promise<ThreadEntry> {
  const root = projectRoot();
  const source = join(root, 'src', 'sweep', 'thread.ts');
  const tsx = (): ThreadEntry => ({ url: pathToFileURL(join(root, 'src', 'sweep', 'threadTsx.mjs')), execArgv: [], mode: 'tsx', bundleMs: 0 });
  if (mode === 'tsx') return tsx();
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return tsx();
  }
  const t0 = performance.now();
  const r = await esbuild.build({
    entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external',
    write: false, logLevel: 'silent', sourcemap: false, absWorkingDir: root
  });
  const code = r.outputFiles[0].text;
  const dir = join(root, 'node_modules', '.cache', 'yanlian-sweep');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `thread-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
    removeStaleBundles(dir, file);
  } else {
    // Mark it used now, so that the clean-up below never takes a bundle a sweep has just started on.
    const now = new Date();
    utimesSync(file, now, now);
  }
  return { url: pathToFileURL(file), execArgv: [], mode: 'bundle', bundleMs: performance.now() - t0 };
}

/** Bundles of older sources that no sweep has started on for an hour. */
function removeStaleBundles(dir: string, keep: string): void {
  const cutoff = Date.now() - 3600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === keep || !/^thread-[0-9a-f]+\.mjs$/.test(name)) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) unlinkSync(path);
    } catch {
      /* another sweep removed it first */
    }
  }
}
