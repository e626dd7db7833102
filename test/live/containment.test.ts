// Contained failures through the API: orders naming the ids that used to make the engine throw are
// refused (zh/en) and the exercise goes on, and resumes after a restart with the same refusals (the
// engine now refuses these ids itself; a command that really throws is tested in-process in
// containment-engine.test.ts, with the watchdog that halts a scenario that runs away); an upload
// that would run away is refused by the checker; an exercise that cannot be resumed is
// shown with the reason and its log can be exported. Retries with an Idempotency-Key survive a restart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/chromium.ts';
import { SseReader, type Created } from './client.ts';
import { killHard, startLive, tempDb, type LiveServer } from './server.ts';

const db = tempDb();
let server: LiveServer | null = null;

afterAll(async () => {
  await server?.app.stop();
  db.remove();
});

const seat = (c: Created, id: string) => c.seats.find((s) => s.id === id)!.token;
const bilingual = (r: { zh: string; en: string }) => {
  expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(r.en.length).toBeGreaterThan(5);
};

/** The same order with the same Idempotency-Key, as the seat page retries it. */
const sendKeyed = () =>
  server!.api.call('POST', `/api/exercises/${xId}/commands`, {
    token: tiexiToken,
    body: { type: 'issue-warning', districts: ['210106'], colour: 'orange' },
    headers: { 'idempotency-key': 'retry-across-restart' }
  });
let xId = '';
let tiexiToken = '';

describe('contained failures', () => {
  let x: Created;
  let fac: string;
  let eventsBefore: unknown[] = [];
  const refusedSeqs: number[] = [];
  const internal: boolean[] = [];
  let firstAnswer: { status: number; body: unknown };

  it('refuses orders naming constructor, toString, valueOf (ids that used to break the engine), and the exercise goes on', async () => {
    server = await startLive(db.db);
    const api = server.api;
    x = await api.create({ scenario: 'chemical-leak', seed: 21, speed: 60, name: 'containment drill' });
    fac = x.facilitator.token;
    xId = x.id;
    tiexiToken = seat(x, 'district-tiexi');
    await api.clock(x.id, fac, 'start');
    await api.clock(x.id, fac, 'next-inject'); // 45 min: Tiexi knows of the leak
    const stream = new SseReader(`${server.app.url}/api/exercises/${x.id}/stream`, { authorization: `Bearer ${seat(x, 'district-tiexi')}` });
    await stream.waitFor((m) => m.some((e) => e.event === 'clock'));
    for (const incident of ['constructor', 'toString', 'valueOf']) {
      const r = await api.command(x.id, seat(x, 'district-tiexi'), { type: 'report-up', incident });
      expect(r.status).toBe(422);
      expect(r.body.ok).toBe(false);
      bilingual(r.body.reason);
      // The seat sees its refusal as an event, as for any refusal.
      expect(r.body.events.map((e: { type: string }) => e.type)).toEqual(['command.refused']);
      refusedSeqs.push(r.body.events[0].seq);
      internal.push(r.body.reason.en.startsWith('internal error'));
    }
    // Where the engine throws on such an id, the refusal is the internal-error one, recorded as a
    // failed command; once the engine refuses unknown ids itself it is that ordinary refusal.
    const sql = new Database(db.db, { readonly: true });
    const failed = sql.prepare('SELECT idx FROM failed_commands WHERE exercise_id = ?').all(x.id);
    sql.close();
    expect(failed.length).toBe(internal.filter(Boolean).length);
    await stream.waitFor((m) => m.filter((e) => e.event === 'refused').length === 3);
    await stream.close();
    // The exercise goes on: later orders are applied, the clock runs.
    const ok = await api.command(x.id, seat(x, 'district-tiexi'), { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' });
    expect(ok.status).toBe(200);
    const v = await api.view(x.id, fac);
    expect(v.exercise.status).toBe('running');
    expect(v.exercise.clock).toBe('running');
    expect(v.exercise.failure).toBeNull();
    // All of them are in the log, as written before they were applied.
    const log = (await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body;
    expect(log.commands.map((c: { cmd: { type: string } }) => c.cmd.type).slice(-1)).toEqual(['dispatch']);
  });

  it('answers a retried order (same Idempotency-Key) with the first answer, once', async () => {
    firstAnswer = await sendKeyed();
    expect(firstAnswer.status).toBe(200);
  });

  it('resumes after a restart with the same refusals, the retry still answered once', async () => {
    const api = server!.api;
    await api.clock(x.id, fac, 'pause');
    const before = await api.view(x.id, fac);
    eventsBefore = before.events;
    const logBefore = (await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body;
    await killHard(server!);
    // As if the server had gone down between logging a failing command and recording it as failed:
    // the replay finds it by itself (it throws again) and gives the same refusal.
    const sql = new Database(db.db);
    sql.prepare('DELETE FROM failed_commands WHERE exercise_id = ? AND idx = (SELECT MAX(idx) FROM failed_commands WHERE exercise_id = ?)').run(x.id, x.id);
    sql.close();
    server = await startLive(db.db);
    const view = await server.api.view(x.id, fac);
    expect(view.exercise.status).toBe('paused');
    expect(view.events).toEqual(eventsBefore);
    for (const seq of refusedSeqs) expect(view.events.find((e: { seq: number }) => e.seq === seq).type).toBe('command.refused');
    console.log(`refusals of constructor/toString/valueOf: ${internal.map((i) => (i ? 'internal error' : 'ordinary')).join(', ')}`);
    // The retry after the restart: the first answer, nothing applied again.
    const again = await sendKeyed();
    expect(again.status).toBe(200);
    expect(again.body).toEqual(firstAnswer.body);
    const logAfter = (await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body;
    expect(logAfter.commands).toEqual(logBefore.commands);
    // And it goes on.
    await server.api.clock(x.id, fac, 'resume');
    expect((await server.api.command(x.id, seat(x, 'township-zhangshi'), { type: 'request-resources', resource: 'gas-masks', quantity: 10 })).status).toBe(200);
  });

  it('an uploaded scenario that would run away (physics tick 0) is refused by the checker validate uses, naming the field', async () => {
    const api = server!.api;
    const yaml = readFileSync(path.join(repoRoot, 'scenarios', 'chemical-leak.yaml'), 'utf8').replace(/^physics:\n  tick: 5$/m, 'physics:\n  tick: 0');
    expect(yaml).toContain('  tick: 0');
    const r = await api.call('POST', '/api/exercises', { body: { scenario: { yaml }, seed: 3, speed: 60, name: 'runaway' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-scenario');
    expect(JSON.stringify(r.body)).toContain('physics.tick');
    // The server answers meanwhile, and the other exercise is untouched.
    expect((await api.call('GET', '/api/health')).status).toBe(200);
    expect((await api.view(x.id, fac)).exercise.failure).toBeNull();
  });

  it('after a restart an exercise that cannot be resumed is listed with why (to the organiser too) and its log exported', async () => {
    await killHard(server!);
    // Damage one exercise's stored scenario: it can no longer be rebuilt.
    const sql = new Database(db.db);
    sql.prepare('UPDATE exercises SET bundle = ? WHERE id = ?').run(JSON.stringify({ file: 'upload.yaml', yaml: 'format: yanlian/scenario@1\nid: damaged\n', files: {} }), x.id);
    sql.close();
    server = await startLive(db.db);
    const api = server.api;
    const list = (await api.call('GET', '/api/exercises')).body;
    const entry = list.find((e: { id: string }) => e.id === x.id);
    expect(entry.status).toBe('unavailable');
    expect(entry.reason).toMatch(/mistakes|title|seats/);
    const organiser = (await api.call('GET', '/api/organiser/exercises')).body.exercises as { id: string; cells: { id: string; status: string; reason?: string }[] }[];
    const cell = organiser.flatMap((e) => e.cells).find((c) => c.id === x.id)!;
    expect(cell.status).toBe('unavailable');
    expect(cell.reason).toBe(entry.reason);
    const view = await api.call('GET', `/api/exercises/${x.id}/view`, { token: fac });
    expect(view.status).toBe(503);
    expect(view.body.error.message.en).toMatch(/could not be resumed/);
    const log = await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac });
    expect(log.status).toBe(200);
    // A yanlian/log@2 whose digests cover its parts and commands, and no events (the stream could not be rebuilt).
    expect(log.body.format).toBe('yanlian/log@2');
    expect(log.body.digests.commands.length).toBe(log.body.commands.length);
    expect(log.body.digests.events.count).toBe(0);
    expect(log.body.unavailable.reason).toBe(entry.reason);
    expect(log.body.commands.length).toBeGreaterThanOrEqual(6);
    // Only its facilitator may export it.
    expect((await api.call('GET', `/api/exercises/${x.id}/log`, { token: seat(x, 'district-tiexi') })).status).toBe(403);
    expect((await api.call('GET', '/api/health')).status).toBe(200);
  });
});
