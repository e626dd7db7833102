// The live API against the real server (built and started as `npm start` does) on a real SQLite file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay, visibleTo, type DomainEvent, type RunLog } from '../../engine/index.ts';
import { repoRoot } from '../helpers/chromium.ts';
import { SseReader, type Created } from './client.ts';
import { startLive, storedScenario, tempDb, type LiveServer } from './server.ts';

let server: LiveServer;
let db: ReturnType<typeof tempDb>;

beforeAll(async () => {
  db = tempDb();
  server = await startLive(db.db);
});

afterAll(async () => {
  await server?.app.stop();
  db?.remove();
});

const seatOf = (x: Created, id: string) => x.seats.find((s) => s.id === id)!;

describe('live exercise over the API', () => {
  let x: Created;
  let fac: string;
  let tiexi: string;
  let zhangshi: string;
  const streams: Record<string, SseReader> = {};

  it('lists the bundled scenarios with their seats', async () => {
    const r = await server.api.call('GET', '/api/scenarios');
    expect(r.status).toBe(200);
    const chem = r.body.find((s: { id: string }) => s.id === 'chemical-leak');
    expect(chem.title.zh).toMatch(/液氨/);
    expect(chem.seats.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['city-committee', 'district-tiexi', 'township-zhangshi']));
  });

  it('creates an exercise with one unguessable token per seat', async () => {
    x = await server.api.create({ scenario: 'chemical-leak', seed: 7, speed: 60, name: 'API drill' });
    fac = x.facilitator.token;
    tiexi = seatOf(x, 'district-tiexi').token;
    zhangshi = seatOf(x, 'township-zhangshi').token;
    const tokens = [fac, ...x.seats.map((s) => s.token)];
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens) expect(Buffer.from(t, 'base64url').length).toBe(32);
    expect(seatOf(x, 'district-tiexi').url).toBe(`${server.app.url}/x/${x.id}/seat/district-tiexi?token=${tiexi}`);
    const list = await server.api.call('GET', '/api/exercises');
    expect(list.body.some((e: { id: string }) => e.id === x.id)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(fac);
  });

  it('rejects a scenario upload with mistakes, naming the field', async () => {
    const r = await server.api.call('POST', '/api/exercises', { body: { scenario: { yaml: 'format: yanlian/scenario@1\nid: broken\n' }, seed: 1, name: 'bad' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-scenario');
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['title', 'seats']));
    // A cross-reference mistake is named by its field path too.
    const text = readFileSync(path.join(repoRoot, 'scenarios', 'chemical-leak.yaml'), 'utf8');
    const wrongOwner = await server.api.call('POST', '/api/exercises', { body: { scenario: { yaml: text.replace('owner: district-tiexi', 'owner: nobody') }, seed: 1, name: 'bad owner' } });
    expect(wrongOwner.status).toBe(400);
    expect(wrongOwner.body.error.issues.some((i: { path: string; message: string }) => /^teams\[\d+\]\.owner$/.test(i.path) && i.message.includes('nobody'))).toBe(true);
    // The same file, unchanged, is accepted; the map files it names come from the bundled ones.
    const ok = await server.api.call('POST', '/api/exercises', { body: { scenario: { yaml: text }, seed: 1, name: 'uploaded' } });
    expect(ok.status).toBe(201);
    expect(ok.body.seats.length).toBeGreaterThan(3);
    // An upload cannot read the server's other files.
    const escape = await server.api.call('POST', '/api/exercises', { body: { scenario: { yaml: text.replace(/districts: .*geojson/, 'districts: ../../../etc/passwd') }, seed: 1, name: 'escape' } });
    expect(escape.status).toBe(400);
    expect(escape.body.error.issues[0]).toMatchObject({ path: 'map.districts', message: expect.stringMatching(/outside the scenarios directory/) });
    const missing = await server.api.call('POST', '/api/exercises', { body: { scenario: 'chemical-leak', seed: 1, name: '', speed: 500 } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['name', 'speed']);
  });

  it('gives each role its own view; a seat sees its forms and no facilitator data', async () => {
    const seatView = await server.api.view(x.id, tiexi);
    expect(seatView.role).toBe('district-tiexi');
    expect(seatView.exercise.status).toBe('setup');
    expect(seatView.seat.mayOrder).toContain('issue-warning');
    expect(seatView.seat.mayDeclare).toEqual(['IV', 'III', 'II']);
    expect(seatView.orderOptions.districts.map((d: { id: string }) => d.id)).toEqual(['210106']);
    expect(seatView.teams.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['fire-zhangshi', 'zhangshi-volunteers']));
    expect(seatView.teams.map((t: { id: string }) => t.id)).not.toContain('hazmat-city');
    expect(seatView.resources.map((r: { id: string }) => r.id)).toEqual(['tiexi-depot']);
    expect(seatView.observations).toBeUndefined();
    expect(seatView.participants).toBeUndefined();
    expect(seatView.map.districts.features.length).toBeGreaterThan(3);
    const facView = await server.api.view(x.id, fac);
    expect(facView.role).toBe('facilitator');
    expect(facView.teams.length).toBeGreaterThan(seatView.teams.length);
    expect(facView.participants.map((p: { id: string }) => p.id)).toContain('district-tiexi');
  });

  it('refuses wrong tokens and seat tokens on facilitator endpoints with 403', async () => {
    const other = await server.api.create({ scenario: 'chemical-leak', seed: 8, name: 'other' });
    const cases: [string, string, string | undefined, unknown?][] = [
      ['GET', `/api/exercises/${x.id}/view`, undefined],
      ['GET', `/api/exercises/${x.id}/view`, 'not-a-token'],
      ['GET', `/api/exercises/${x.id}/view`, other.seats[0].token],
      ['GET', `/api/exercises/${x.id}/stream`, other.facilitator.token],
      ['POST', `/api/exercises/${x.id}/commands`, other.seats[0].token, { type: 'report-up' }],
      ['POST', `/api/exercises/${x.id}/clock`, tiexi, { action: 'start' }],
      ['POST', `/api/exercises/${x.id}/observations`, tiexi, { text: 'x' }],
      ['POST', `/api/exercises/${x.id}/fork`, tiexi, { at: 0 }],
      ['GET', `/api/exercises/${x.id}/msel`, tiexi],
      ['GET', `/api/exercises/${x.id}/log`, tiexi],
      ['GET', `/api/exercises/${x.id}/report`, tiexi],
      ['GET', `/api/exercises/${x.id}/compare`, tiexi]
    ];
    for (const [method, path, token, body] of cases) {
      const r = await server.api.call(method, path, { token, body });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
      expect(r.body.error.message.zh).toBeTruthy();
    }
  });

  it('does not take orders before the start, and logs nothing for them', async () => {
    const r = await server.api.command(x.id, tiexi, { type: 'report-up' });
    expect(r.status).toBe(422);
    expect(r.body.reason.en).toBe('the exercise has not started');
    const log = await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac });
    expect(log.body.commands).toEqual([]);
  });

  it('runs the clock, accepts and refuses orders with reasons, and the exercise goes on', async () => {
    for (const [name, token] of [['fac', fac], ['tiexi', tiexi], ['zhangshi', zhangshi]] as const) {
      streams[name] = new SseReader(`${server.app.url}/api/exercises/${x.id}/stream`, { authorization: `Bearer ${token}` });
    }
    const started = await server.api.clock(x.id, fac, 'start');
    expect(started).toMatchObject({ status: 'running', clock: 'running', speed: 60 });
    // Jump to the first scripted inject (45 min): the leak (30 min) has been detected and reported to Tiexi by then.
    const jumped = await server.api.clock(x.id, fac, 'next-inject');
    expect(jumped.t).toBe(45);
    await streams.tiexi.waitFor((m) => m.some((x) => x.event === 'event' && x.data.type === 'inject.delivered'));

    const refused = await server.api.command(x.id, tiexi, { type: 'set-response-level', level: 'I' });
    expect(refused.status).toBe(422);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.reason.en).toMatch(/may not declare level I/);
    expect(refused.body.reason.zh).toMatch(/无权启动 I 级响应/);
    await streams.tiexi.waitFor((m) => m.some((x) => x.event === 'refused'));

    const malformed = await server.api.command(x.id, tiexi, { type: 'dispatch', team: 42 });
    expect(malformed.status).toBe(422);
    expect(malformed.body.reason.en).toMatch(/team/);

    const notMine = await server.api.command(x.id, tiexi, { type: 'free-inject', to: ['district-yuhong'], text: { zh: '假', en: 'fake' } });
    expect(notMine.status).toBe(422);
    expect(notMine.body.reason.en).toMatch(/only the facilitator/);

    const ok = await server.api.command(x.id, tiexi, { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' });
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.events[0]).toMatchObject({ type: 'command.accepted', data: { seat: 'district-tiexi', type: 'dispatch' } });
    const warn = await server.api.command(x.id, zhangshi, { type: 'request-resources', resource: 'gas-masks', quantity: 200 });
    expect(warn.status).toBe(200);
    expect(warn.body.events[0].data.seat).toBe('township-zhangshi');

    const free = await server.api.command(x.id, fac, { type: 'free-inject', to: ['township-zhangshi'], text: { zh: '居民聚集', en: 'Residents gather at the office' } });
    expect(free.status).toBe(200);

    const v = await server.api.view(x.id, fac);
    expect(v.exercise.status).toBe('running');
    const log = await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac });
    expect(log.body.commands.map((c: { seat: string; cmd: { type: string } }) => `${c.seat}:${c.cmd.type}`)).toEqual([
      'district-tiexi:set-response-level',
      'district-tiexi:dispatch',
      'district-tiexi:free-inject',
      'district-tiexi:dispatch',
      'township-zhangshi:request-resources',
      'facilitator:free-inject'
    ]);
  });

  it("a seat's stream carries exactly what its seat may see: no facilitator-only events, no other seat's", async () => {
    const paused = await server.api.clock(x.id, fac, 'pause');
    expect(paused).toMatchObject({ status: 'paused', clock: 'stopped' });
    const isPaused = (m: { event: string; data: DomainEvent }[]) => m.some((e) => e.event === 'event' && e.data.type === 'exercise.paused');
    for (const s of Object.values(streams)) await s.waitFor(isPaused);
    const all = (await server.api.view(x.id, fac)).events as DomainEvent[];
    expect(streams.fac.events()).toEqual(all);
    // The facilitator saw events no seat may see (so the check below can fail).
    expect(all.some((e) => e.audience === 'facilitator')).toBe(true);
    for (const seat of ['district-tiexi', 'township-zhangshi'] as const) {
      const got = streams[seat === 'district-tiexi' ? 'tiexi' : 'zhangshi'].events();
      // The events its seat may see (the plan's bookkeeping aside), without anybody's audience list.
      expect(got.map((e) => e.seq)).toEqual(all.filter((e) => visibleTo(e, seat) && !e.type.startsWith('plan.')).map((e) => e.seq));
      expect(got.every((e) => e.audience === undefined)).toBe(true);
      for (const e of got) if (!['exercise.started', 'inject.delivered', 'incident.reported', 'command.accepted', 'command.refused'].includes(e.type)) expect(e.data).toEqual(all[e.seq].data);
      expect((await server.api.view(x.id, seat === 'district-tiexi' ? tiexi : zhangshi)).events).toEqual(got);
    }
    // Tiexi's own refusals and orders never reach Zhangshi.
    expect(streams.zhangshi.events().some((e) => e.type === 'command.refused')).toBe(false);
    expect(streams.zhangshi.messages.some((m) => m.event === 'refused')).toBe(false);
    expect(streams.zhangshi.events().some((e) => e.type === 'inject.delivered' && (e.data.text as { en: string }).en.startsWith('Residents'))).toBe(true);
    // Live and replay agree: the log rebuilds the very stream the server sent.
    const log = (await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body as RunLog;
    expect(JSON.parse(JSON.stringify(replay(storedScenario(db.db, x.id), log).events))).toEqual(all);
    // Clock messages arrive on every stream.
    expect(streams.tiexi.messages.some((m) => m.event === 'clock' && m.data.status === 'paused')).toBe(true);
    for (const s of Object.values(streams)) await s.close();
  });

  it('resumes a stream after Last-Event-ID without gaps or repeats', async () => {
    const all = ((await server.api.view(x.id, tiexi)).events as DomainEvent[]).map((e) => e.seq);
    const mid = all[Math.floor(all.length / 2)];
    const again = new SseReader(`${server.app.url}/api/exercises/${x.id}/stream`, { authorization: `Bearer ${tiexi}`, 'last-event-id': String(mid) });
    await again.waitFor((m) => m.some((x) => x.event === 'clock'));
    expect(again.events().map((e) => e.seq)).toEqual(all.filter((s) => s > mid));
    await again.close();
  });

  it('records observations tied to the sim-time, for the facilitator only', async () => {
    const r = await server.api.call('POST', `/api/exercises/${x.id}/observations`, { token: fac, body: { text: 'Tiexi dispatched before verifying the wind' } });
    expect(r.status).toBe(201);
    expect(r.body.t).toBe((await server.api.view(x.id, fac)).exercise.t);
    const bad = await server.api.call('POST', `/api/exercises/${x.id}/observations`, { token: fac, body: { text: '' } });
    expect(bad.status).toBe(400);
    const v = await server.api.view(x.id, fac);
    expect(v.observations.map((o: { text: string }) => o.text)).toEqual(['Tiexi dispatched before verifying the wind']);
  });

  it('serves the after-action report in four formats and two languages, with the observations', async () => {
    const json = await server.api.call('GET', `/api/exercises/${x.id}/report?format=json&lang=en`, { token: fac });
    expect(json.status).toBe(200);
    expect(json.body.scorecard.format).toBe('yanlian/scorecard@1');
    expect(json.body.summary.commands.refused).toBeGreaterThanOrEqual(3);
    expect(json.body.observations.map((o: { text: string }) => o.text)).toEqual(['Tiexi dispatched before verifying the wind']);
    const html = await server.api.call('GET', `/api/exercises/${x.id}/report?format=html&lang=zh`, { token: fac });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.body).toContain('评估员观察记录');
    expect(html.body).toContain('Tiexi dispatched before verifying the wind');
    const md = await server.api.call('GET', `/api/exercises/${x.id}/report?format=md&lang=en&download`, { token: fac });
    expect(md.headers.get('content-disposition')).toMatch(/attachment; filename=".+-report-en\.md"/);
    expect(md.body).toContain('## Evaluator observations');
    const csv = await server.api.call('GET', `/api/exercises/${x.id}/report?format=csv&lang=en`, { token: fac });
    expect(csv.status).toBe(200);
    expect((csv.body as string).length).toBeGreaterThan(50);
    const bad = await server.api.call('GET', `/api/exercises/${x.id}/report?format=pdf`, { token: fac });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('format');
  });

  it('runs every bundled scenario live: created, started, jumped to an inject, viewed by each seat', async () => {
    const scenarios = (await server.api.call('GET', '/api/scenarios')).body as { id: string; seats: { id: string }[] }[];
    expect(scenarios.length).toBeGreaterThanOrEqual(1);
    for (const sc of scenarios) {
      const e = await server.api.create({ scenario: sc.id, seed: 1, speed: 60, name: sc.id });
      expect(e.seats.map((s) => s.id)).toEqual(sc.seats.map((s) => s.id));
      await server.api.clock(e.id, e.facilitator.token, 'start');
      const next = await server.api.call('POST', `/api/exercises/${e.id}/clock`, { token: e.facilitator.token, body: { action: 'next-inject' } });
      expect([200, 409], `${sc.id}: ${JSON.stringify(next.body)}`).toContain(next.status);
      await server.api.clock(e.id, e.facilitator.token, 'pause');
      const all = (await server.api.view(e.id, e.facilitator.token)).events as DomainEvent[];
      expect(all.length, sc.id).toBeGreaterThan(1);
      for (const seat of e.seats) {
        const v = await server.api.view(e.id, seat.token);
        expect(v.role).toBe(seat.id);
        const mine = all.filter((ev) => visibleTo(ev, seat.id) && !ev.type.startsWith('plan.'));
        expect(v.events.map((ev: DomainEvent) => ev.seq), `${sc.id}/${seat.id}`).toEqual(mine.map((ev) => ev.seq));
        // Sent without the audience list, and exercise.started without the scenario and seed.
        for (const ev of v.events as DomainEvent[]) expect(ev.audience).toBeUndefined();
        const started = all.find((ev) => ev.type === 'exercise.started')!;
        expect((v.events as DomainEvent[]).find((ev) => ev.type === 'exercise.started')).toEqual({ seq: started.seq, t: started.t, type: 'exercise.started', data: { duration: started.data.duration } });
        // A road shown blocked is one whose latest change the seat has seen was a blocking.
        for (const r of v.map.roads as { id: string; blocked: boolean }[]) {
          const last = (v.events as DomainEvent[]).filter((ev) => ev.type === 'road.changed' && ev.data.road === r.id).at(-1);
          expect(r.blocked, `${sc.id} road ${r.id}`).toBe(last ? last.data.blocked === true : false);
        }
      }
    }
  });
});
