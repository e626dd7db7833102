// Kill the server outright in the middle of a running exercise and start it again on the same
// SQLite file: every answered command is there and the state is that of an uninterrupted replay.
import { afterAll, describe, expect, it } from 'vitest';
import { replay, type RunLog } from '../../engine/index.ts';
import { killHard, startLive, storedScenario, tempDb, type LiveServer } from './server.ts';

const db = tempDb();
let server: LiveServer | null = null;

afterAll(async () => {
  await server?.app.stop();
  db.remove();
});

describe('restart', () => {
  it('resumes every exercise from its log after SIGKILL, identical to a replay', async () => {
    server = await startLive(db.db);
    let api = server.api;
    const x = await api.create({ scenario: 'chemical-leak', seed: 11, speed: 60, name: 'restart drill' });
    const fac = x.facilitator.token;
    const tok = (id: string) => x.seats.find((s) => s.id === id)!.token;
    await api.clock(x.id, fac, 'start');
    await api.clock(x.id, fac, 'next-inject'); // 45 min: the leak is known to Tiexi

    const answered: { seat: string; cmd: unknown; status: number }[] = [];
    const give = async (seat: string, cmd: unknown) => {
      const r = await api.command(x.id, tok(seat), cmd);
      answered.push({ seat, cmd, status: r.status });
    };
    await give('district-tiexi', { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' });
    await give('district-tiexi', { type: 'set-response-level', level: 'I' }); // refused, logged all the same
    await give('district-tiexi', { type: 'issue-warning', districts: ['210106'], colour: 'orange' });
    await api.waitView(x.id, fac, (v) => v.exercise.t >= 47);
    await give('township-zhangshi', { type: 'request-resources', resource: 'gas-masks', quantity: 300 });
    await give('district-tiexi', { type: 'set-response-level', level: 'III' });
    expect(answered.map((a) => a.status)).toEqual([200, 422, 200, 200, 200]);
    const before = (await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body as RunLog;
    const tBefore = (await api.view(x.id, fac)).exercise.t;
    expect((await api.view(x.id, fac)).exercise.clock).toBe('running');

    await killHard(server);
    server = await startLive(db.db);
    api = server.api;

    const after = (await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body as RunLog;
    // Every answered command is there, at the sim-time it was given.
    expect(after.commands).toEqual(before.commands);
    expect(after.commands.map((c) => ({ seat: c.seat, cmd: c.cmd }))).toEqual(answered.map((a) => ({ seat: a.seat, cmd: a.cmd })));
    // The clock was running: it goes on from where the exercise stood.
    const v1 = await api.view(x.id, fac);
    expect(v1.exercise.status).toBe('running');
    expect(v1.exercise.clock).toBe('running');
    expect(v1.exercise.t).toBeGreaterThanOrEqual(before.commands.at(-1)!.t - 1e-9);
    await api.waitView(x.id, fac, (v) => v.exercise.t > Math.max(tBefore, v1.exercise.t) + 1);

    await api.clock(x.id, fac, 'pause');
    const view = await api.view(x.id, fac);
    const log = (await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body as RunLog;
    const scenario = storedScenario(db.db, x.id);
    const replayed = replay(scenario, log);
    expect(view.events.length).toBeGreaterThan(10);
    expect(view.events).toEqual(JSON.parse(JSON.stringify(replayed.events)));
    expect(view.exercise.t).toBe(Math.round(replayed.state.t * 1000) / 1000);

    // A seat's token still works after the restart, and its view is the replay's, filtered.
    const seatView = await api.view(x.id, tok('township-zhangshi'));
    expect(seatView.events.length).toBeGreaterThan(0);
    expect(seatView.events.every((e: { audience?: unknown }) => e.audience === undefined)).toBe(true);
  }, 300_000); // the second start may rebuild the app when sources changed meanwhile
});
