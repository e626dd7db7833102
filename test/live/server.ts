// The app started as `npm start` starts it, on a SQLite file the test owns (so it outlives a restart).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadScenario, type Scenario } from '../../engine/index.ts';
import { startApp, type RunningApp } from '../helpers/chromium.ts';
import { Api } from './client.ts';

export interface LiveServer {
  app: RunningApp;
  api: Api;
  pid: number;
}

export function tempDb(): { dir: string; db: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yanlian-live-'));
  return { dir, db: path.join(dir, 'live.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startLive(db: string): Promise<LiveServer> {
  const app = await startApp({ env: { YANLIAN_DB: db } });
  const api = new Api(app.url, app.adminKey);
  const health = await api.call('GET', '/api/health');
  if (health.status !== 200) throw new Error(`health: ${health.status}`);
  return { app, api, pid: health.body.pid as number };
}

/** Kill the server process outright (no shutdown handlers run), then let the helper clean up. */
export async function killHard(s: LiveServer): Promise<void> {
  process.kill(s.pid, 'SIGKILL');
  await s.app.stop();
}

/** The scenario exactly as the server stored it with the exercise (its YAML and every file it read). */
export function storedScenario(dbFile: string, exerciseId: string): Scenario {
  const sql = new Database(dbFile, { readonly: true });
  try {
    const row = sql.prepare('SELECT bundle FROM exercises WHERE id = ?').get(exerciseId) as { bundle: string } | undefined;
    if (!row) throw new Error(`no exercise ${exerciseId} in ${dbFile}`);
    const bundle = JSON.parse(row.bundle) as { yaml: string; file: string; files: Record<string, string> };
    return loadScenario(bundle.yaml, bundle.file, (rel) => bundle.files[rel]);
  } finally {
    sql.close();
  }
}
