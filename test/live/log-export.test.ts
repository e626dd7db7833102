// A log exported from the live app replays with `yanlian replay` alone: it names its bundled scenario,
// or says that an uploaded one must be given with --scenario FILE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsToJsonl, type DomainEvent, type RunLog } from '../../engine/index.ts';
import { repoRoot } from '../helpers/chromium.ts';
import { cli } from '../helpers/cli.ts';
import { startLive, tempDb, type LiveServer } from './server.ts';

let server: LiveServer;
let db: ReturnType<typeof tempDb>;
const dir = mkdtempSync(path.join(tmpdir(), 'yanlian-export-'));
const SCEN = path.join(repoRoot, 'scenarios', 'chemical-leak.yaml');

beforeAll(async () => {
  db = tempDb();
  server = await startLive(db.db);
}, 300_000);

afterAll(async () => {
  await server?.app.stop();
  db?.remove();
});

/** Run an exercise a little (one order), pause it, and export its log and the facilitator's view of the stream. */
async function exported(scenario: unknown, name: string): Promise<{ file: string; log: RunLog; events: DomainEvent[] }> {
  const x = await server.api.create({ scenario, seed: 11, speed: 60, name });
  const fac = x.facilitator.token;
  await server.api.clock(x.id, fac, 'start');
  const tiexi = x.seats.find((s) => s.id === 'district-tiexi')!.token;
  expect((await server.api.command(x.id, tiexi, { type: 'issue-warning', districts: ['210106'], colour: 'orange' })).status).toBe(200);
  await server.api.clock(x.id, fac, 'pause');
  const events = (await server.api.view(x.id, fac)).events as DomainEvent[];
  const r = await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac });
  expect(r.status).toBe(200);
  const file = path.join(dir, `${name}.log.json`);
  writeFileSync(file, JSON.stringify(r.body));
  return { file, log: r.body as RunLog, events };
}

describe('a log exported from the live app', () => {
  it('of a bundled scenario names it, and replays without --scenario to the stream the server sent', async () => {
    const { file, log, events } = await exported('chemical-leak', 'bundled');
    expect(log).toMatchObject({ format: 'yanlian/log@2', scenario: 'chemical-leak', scenarioId: 'chemical-leak' });
    expect(log.scenarioUploaded).toBeUndefined();
    expect(log.digests!.events.count).toBe(events.length);
    const out = path.join(dir, 'bundled.jsonl');
    const r = await cli('replay', file, '--events', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith(eventsToJsonl(events))).toBe(true);
  });

  it('of an uploaded scenario says so: replay asks for the file with --scenario FILE, and takes it', async () => {
    const { file, log } = await exported({ yaml: readFileSync(SCEN, 'utf8') }, 'uploaded');
    expect(log).toMatchObject({ scenario: 'upload.yaml', scenarioUploaded: true });
    const r = await cli('replay', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/uploaded\.log\.json: scenario: .* \/ the log's scenario \(chemical-leak\) was uploaded to the live app and is not on this machine: give the uploaded YAML file with --scenario FILE/);
    const ok = await cli('replay', file, '--scenario', SCEN);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
  });
});
