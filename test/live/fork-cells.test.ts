// Forks (branch an exercise at a past moment) and parallel cells (one clock for several copies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, RunLog } from '../../engine/index.ts';
import { startLive, tempDb, type LiveServer } from './server.ts';

let server: LiveServer;
const db = tempDb();

beforeAll(async () => {
  server = await startLive(db.db);
});

afterAll(async () => {
  await server?.app.stop();
  db.remove();
});

describe('fork', () => {
  it('branches at a past sim-time: the branch’s stream up to `at` is the original’s, then it runs on its own', async () => {
    const { api } = server;
    const x = await api.create({ scenario: 'chemical-leak', seed: 3, speed: 60, name: 'fork drill' });
    const fac = x.facilitator.token;
    const tiexi = x.seats.find((s) => s.id === 'district-tiexi')!.token;
    await api.clock(x.id, fac, 'start');
    await api.clock(x.id, fac, 'next-inject');
    const first = await api.command(x.id, tiexi, { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' });
    expect(first.status).toBe(200);
    const firstT = first.body.events[0].t as number;
    await api.waitView(x.id, fac, (v) => v.exercise.t >= firstT + 2);
    const second = await api.command(x.id, tiexi, { type: 'issue-warning', districts: ['210106'], colour: 'red' });
    expect(second.status).toBe(200);
    await api.clock(x.id, fac, 'pause');
    const original = await api.view(x.id, fac);
    const at = Math.round((firstT + 1) * 10) / 10; // after the dispatch, before the warning

    expect((await api.call('POST', `/api/exercises/${x.id}/fork`, { token: fac, body: { at: original.exercise.t + 5 } })).status).toBe(400);
    const f = await api.call('POST', `/api/exercises/${x.id}/fork`, { token: fac, body: { at, name: 'what if red earlier' } });
    expect(f.status).toBe(201);
    expect(f.body).toMatchObject({ name: 'what if red earlier', forkedFrom: x.id, at });
    expect(f.body.seats.map((s: { id: string }) => s.id)).toEqual(x.seats.map((s) => s.id));
    // The branch has its own tokens: the original's do not open it.
    expect((await api.call('GET', `/api/exercises/${f.body.id}/view`, { token: fac })).status).toBe(403);

    const bf = f.body.facilitator.token as string;
    const branch = await api.view(f.body.id, bf);
    expect(branch.exercise).toMatchObject({ t: at, status: 'running', clock: 'stopped', forkedFrom: x.id, forkAt: at });
    const be = branch.events as DomainEvent[];
    const oe = original.events as DomainEvent[];
    expect(be.length).toBeGreaterThan(5);
    expect(be).toEqual(oe.slice(0, be.length));
    expect(be.every((e) => e.t <= at)).toBe(true);
    expect(oe.slice(be.length).every((e) => e.t > at - 0.001)).toBe(true);
    const blog = (await api.call('GET', `/api/exercises/${f.body.id}/log`, { token: bf })).body as RunLog;
    const olog = (await api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body as RunLog;
    expect(blog.commands).toEqual(olog.commands.filter((c) => c.t <= at));

    // Run the branch beside the original: it moves, the paused original does not.
    const bt = x.seats.find((s) => s.id === 'district-tiexi')!.id;
    expect(bt).toBe('district-tiexi');
    const branchTiexi = f.body.seats.find((s: { id: string }) => s.id === 'district-tiexi').token as string;
    await api.clock(f.body.id, bf, 'start');
    const warn = await api.command(f.body.id, branchTiexi, { type: 'issue-warning', districts: ['210106'], colour: 'red' });
    expect(warn.status).toBe(200);
    expect(warn.body.events[0].t).toBeLessThan(second.body.events[0].t);
    await api.waitView(f.body.id, bf, (v) => v.exercise.t > at + 1);
    const still = await api.view(x.id, fac);
    expect(still.exercise.t).toBe(original.exercise.t);
    expect(still.events).toEqual(original.events);
    await api.clock(f.body.id, bf, 'pause');
  });
});

describe('parallel cells', () => {
  it('runs several copies on one clock, each with its own seats, and compares them', async () => {
    const { api } = server;
    const g = await api.create({ scenario: 'chemical-leak', seed: 5, speed: 60, name: 'three cells', cells: 3 });
    expect(g.id.startsWith('g')).toBe(true);
    expect(g.seats).toEqual([]);
    expect(g.cells).toHaveLength(3);
    const fac = g.facilitator.token;
    const tiexi = (i: number) => g.cells[i].seats!.find((s) => s.id === 'district-tiexi')!.token;
    // A seat token opens its own cell only; the group's facilitator opens every cell.
    expect((await api.call('GET', `/api/exercises/${g.cells[1].id}/view`, { token: tiexi(0) })).status).toBe(403);
    expect((await api.call('POST', `/api/exercises/${g.id}/clock`, { token: tiexi(0), body: { action: 'start' } })).status).toBe(403);
    for (const c of g.cells) expect((await api.view(c.id, fac)).role).toBe('facilitator');
    const gv = await api.view(g.id, fac);
    expect(gv.cells.map((c: { id: string }) => c.id)).toEqual(g.cells.map((c) => c.id));

    await api.clock(g.id, fac, 'start');
    for (const c of g.cells) expect((await api.view(c.id, fac)).exercise.status).toBe('running');
    const jumped = await api.clock(g.id, fac, 'next-inject');
    expect(jumped.t).toBe(45);
    await api.clock(g.id, fac, 'speed', { speed: 30 });
    expect((await api.command(g.cells[0].id, tiexi(0), { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' })).status).toBe(200);
    expect((await api.command(g.cells[1].id, tiexi(1), { type: 'set-response-level', level: 'III' })).status).toBe(200);
    await api.waitView(g.cells[2].id, fac, (v) => v.exercise.t >= 46);
    // Pausing one cell's clock pauses the group: all cells stand at the same moment.
    await api.clock(g.cells[2].id, fac, 'pause');
    const views = await Promise.all(g.cells.map((c) => api.view(c.id, fac)));
    for (const v of views) expect(v.exercise).toMatchObject({ status: 'paused', clock: 'stopped', speed: 30 });
    expect(new Set(views.map((v) => v.exercise.t)).size).toBe(1);

    const cmp = await api.call('GET', `/api/exercises/${g.id}/compare`, { token: fac });
    expect(cmp.status).toBe(200);
    expect(cmp.body.cells.map((c: { id: string }) => c.id)).toEqual(g.cells.map((c) => c.id));
    const decisions = cmp.body.cells.map((c: { decisions: { type: string; seat: string }[] }) => c.decisions.map((d) => `${d.seat}:${d.type}`));
    expect(decisions).toEqual([['district-tiexi:dispatch'], ['district-tiexi:set-response-level'], []]);
    // Accepted: each cell's own decisions plus the facilitator's pause.
    expect(cmp.body.cells.map((c: { summary: { commands: { accepted: number } } }) => c.summary.commands.accepted)).toEqual([2, 2, 1]);
    // Same scenario and seed: before any decision the cells' streams are identical.
    const upTo45 = views.map((v) => JSON.stringify((v.events as DomainEvent[]).filter((e) => e.t <= 45)));
    expect(new Set(upTo45).size).toBe(1);
  });
});
