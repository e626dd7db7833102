// Who may do what (docs/security.md): the organiser key, join links exchanged for cookies,
// reissued tokens, seats that are never told the seed, links built from the configured origin.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLive, tempDb, type LiveServer } from './server.ts';
import { SseReader, type Created } from './client.ts';
import { startApp } from '../helpers/chromium.ts';

let server: LiveServer;
const db = tempDb();
// A seed nobody could guess, so that finding it anywhere in a seat's traffic means it leaked.
const SEED = 'seed-Q7ZX-90210';

beforeAll(async () => {
  server = await startLive(db.db);
}, 180_000);

afterAll(async () => {
  await server?.app.stop();
  db.remove();
});

const cookieOf = (setCookie: string) => setCookie.split(';')[0];

/** Open a join link as a browser does on its first visit (no redirects followed). */
async function openLink(url: string): Promise<{ status: number; location: string | null; cookies: string[] }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location'), cookies: res.headers.getSetCookie() };
}

describe('the organiser key', () => {
  it('is needed to create, list and delete exercises: 401 with a zh/en error otherwise', async () => {
    const api = server.api;
    const cases: [string, string, unknown?][] = [
      ['POST', '/api/exercises', { scenario: 'chemical-leak', seed: 1, name: 'x' }],
      ['GET', '/api/exercises'],
      ['GET', '/api/organiser/exercises'],
      ['DELETE', '/api/exercises/x000000000000'],
      ['POST', '/api/organiser/exercises/x000000000000/tokens', { role: 'district-tiexi' }]
    ];
    for (const [method, path, body] of cases) {
      for (const token of [undefined, 'not-the-key']) {
        const r = await api.call(method, path, { anonymous: true, token, body });
        expect(r.status, `${method} ${path} with ${token ?? 'nothing'}`).toBe(401);
        expect(r.body.error.code).toBe('unauthorized');
        expect(r.body.error.message.zh).toMatch(/组织者/);
        expect(r.body.error.message.en).toMatch(/organiser key/);
      }
    }
    expect((await api.call('GET', '/api/exercises')).status).toBe(200);
  });

  it('/api/health says only ok without the key, and the load with it', async () => {
    const anon = await server.api.call('GET', '/api/health', { anonymous: true });
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ ok: true });
    const wrong = await server.api.call('GET', '/api/health', { token: 'not-the-key' });
    expect(wrong.body).toEqual({ ok: true });
    const full = await server.api.call('GET', '/api/health');
    expect(full.body).toMatchObject({ ok: true, pid: expect.any(Number), memory: expect.any(Number), exercises: expect.any(Number) });
  });

  it('logs a browser in with an HttpOnly, SameSite=Strict cookie; a wrong key is refused', async () => {
    const base = server.app.url;
    const bad = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'guess' }) });
    expect(bad.status).toBe(401);
    expect(bad.headers.getSetCookie()).toEqual([]);
    expect(((await bad.json()) as { error: { message: { zh: string } } }).error.message.zh).toBe('组织者密钥不正确');
    const ok = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: server.app.adminKey }) });
    expect(ok.status).toBe(200);
    const [set] = ok.headers.getSetCookie();
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\/(;|$)/);
    expect(set).not.toContain(server.app.adminKey!);
    const list = await server.api.call('GET', '/api/exercises', { anonymous: true, headers: { cookie: cookieOf(set) } });
    expect(list.status).toBe(200);
    expect((await server.api.call('GET', '/api/exercises', { anonymous: true, headers: { cookie: 'yl_organiser=forged' } })).status).toBe(401);
  });
});

describe('join links', () => {
  let x: Created;
  beforeAll(async () => {
    x = await server.api.create({ scenario: 'chemical-leak', seed: SEED, speed: 60, name: 'auth' });
  });
  const seat = (id: string) => x.seats.find((s) => s.id === id)!;

  it('are built from the configured origin, whatever Host and X-Forwarded-* the request carries', async () => {
    const body = JSON.stringify({ scenario: 'chemical-leak', seed: 1, name: 'host header' });
    const created = await new Promise<Created>((resolve, reject) => {
      const req = http.request(
        `${server.app.url}/api/exercises`,
        { method: 'POST', headers: { host: 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example', 'content-type': 'application/json', authorization: `Bearer ${server.app.adminKey}`, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
        }
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(created.facilitator.url.startsWith(`${server.app.url}/x/`)).toBe(true);
    for (const s of created.seats) expect(s.url.startsWith(`${server.app.url}/x/`)).toBe(true);
  });

  it('exchange the token for a cookie scoped to the exercise and the seat, and drop it from the address bar', async () => {
    const link = await openLink(`${seat('district-tiexi').url}&lang=en`);
    expect(link.status).toBe(303);
    expect(link.location).toBe(`/x/${x.id}/seat/district-tiexi?lang=en`);
    expect(link.cookies).toHaveLength(1);
    const [set] = link.cookies;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toContain(`Path=/api/exercises/${x.id}`);
    // The page's calls: the cookie and the role it acts as; no token anywhere in the URL.
    const view = await server.api.call('GET', `/api/exercises/${x.id}/view`, { headers: { cookie: cookieOf(set), 'x-yanlian-role': 'district-tiexi' } });
    expect(view.status).toBe(200);
    expect(view.body.role).toBe('district-tiexi');
    // The seat's cookie does not open the facilitator's endpoints.
    expect((await server.api.call('GET', `/api/exercises/${x.id}/log`, { headers: { cookie: cookieOf(set) } })).status).toBe(403);
  });

  it('set nothing for a wrong token, a seat token on the facilitator page, or another seat', async () => {
    for (const url of [
      `${server.app.url}/x/${x.id}/facilitator?token=not-a-token`,
      `${server.app.url}/x/${x.id}/facilitator?token=${seat('district-tiexi').token}`,
      `${server.app.url}/x/${x.id}/seat/hq-safety?token=${seat('district-tiexi').token}`
    ]) {
      const link = await openLink(url);
      expect(link.status, url).toBe(303);
      expect(link.location).not.toContain('token');
      expect(link.cookies, url).toEqual([]);
    }
  });

  it("authenticate the report frame and downloads by the facilitator's cookie; ?token= no longer does", async () => {
    const link = await openLink(x.facilitator.url);
    const cookie = cookieOf(link.cookies[0]);
    const report = await fetch(`${server.app.url}/api/exercises/${x.id}/report?format=html&lang=zh`, { headers: { cookie } });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/html/);
    const csv = await fetch(`${server.app.url}/api/exercises/${x.id}/msel?format=csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const inUrl = await server.api.call('GET', `/api/exercises/${x.id}/report?format=json&token=${x.facilitator.token}`);
    expect(inUrl.status).toBe(403);
  });

  it("of a group's facilitator open the group and every cell", async () => {
    const g = await server.api.create({ scenario: 'chemical-leak', seed: 2, name: 'cells', cells: 2 });
    const link = await openLink(g.facilitator.url);
    const paths = link.cookies.map((c) => /Path=([^;]+)/.exec(c)![1]).sort();
    expect(paths).toEqual([g.id, ...g.cells.map((c) => c.id)].map((id) => `/api/exercises/${id}`).sort());
    const cell = await server.api.call('GET', `/api/exercises/${g.cells[1].id}/view`, { headers: { cookie: cookieOf(link.cookies.find((c) => c.includes(g.cells[1].id))!) } });
    expect(cell.body.role).toBe('facilitator');
  });
});

describe('the organiser page API', () => {
  it('lists every exercise (cells and forks too) with the facilitator and seat links', async () => {
    const a = await server.api.create({ scenario: 'chemical-leak', seed: 3, name: 'listed', speed: 60 });
    await server.api.clock(a.id, a.facilitator.token, 'start');
    const fork = await server.api.call('POST', `/api/exercises/${a.id}/fork`, { token: a.facilitator.token, body: { at: 0, name: 'listed fork' } });
    expect(fork.status).toBe(201);
    const g = await server.api.create({ scenario: 'chemical-leak', seed: 4, name: 'listed cells', cells: 3 });
    const r = await server.api.call('GET', '/api/organiser/exercises');
    expect(r.status).toBe(200);
    const byId = new Map<string, any>(r.body.exercises.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(a.id)).toMatchObject({ kind: 'single', name: 'listed', facilitator: { token: a.facilitator.token, url: a.facilitator.url } });
    expect(byId.get(a.id).cells[0].seats.map((s: { url: string }) => s.url)).toEqual(a.seats.map((s) => s.url));
    expect(byId.get(fork.body.id)).toMatchObject({ kind: 'fork', forkedFrom: a.id, facilitator: { token: fork.body.facilitator.token } });
    expect(byId.get(fork.body.id).cells[0].seats.map((s: { token: string }) => s.token)).toEqual(fork.body.seats.map((s: { token: string }) => s.token));
    const group = byId.get(g.id);
    expect(group).toMatchObject({ kind: 'group', name: 'listed cells', facilitator: { token: g.facilitator.token } });
    expect(group.cells.map((c: { id: string }) => c.id)).toEqual(g.cells.map((c) => c.id));
    expect(group.cells[2].seats.map((s: { token: string }) => s.token)).toEqual(g.cells[2].seats!.map((s) => s.token));
    // A cell is listed once, inside its group.
    for (const c of g.cells) expect(byId.has(c.id)).toBe(false);
  });

  it("reissues one seat's token: the old one gets 403 at once and its open stream ends", async () => {
    const x = await server.api.create({ scenario: 'chemical-leak', seed: 5, name: 'reissue' });
    const old = x.seats.find((s) => s.id === 'district-tiexi')!.token;
    const other = x.seats.find((s) => s.id === 'hq-safety')!.token;
    const stream = new SseReader(`${server.app.url}/api/exercises/${x.id}/stream`, { authorization: `Bearer ${old}` });
    await stream.waitFor((m) => m.some((e) => e.event === 'clock'));
    const r = await server.api.call('POST', `/api/organiser/exercises/${x.id}/tokens`, { body: { role: 'district-tiexi' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: x.id, role: 'district-tiexi', url: `${server.app.url}/x/${x.id}/seat/district-tiexi?token=${r.body.token}` });
    expect(r.body.token).not.toBe(old);
    expect((await server.api.call('GET', `/api/exercises/${x.id}/view`, { token: old })).status).toBe(403);
    expect((await server.api.call('POST', `/api/exercises/${x.id}/commands`, { token: old, body: { type: 'report-up' } })).status).toBe(403);
    expect((await server.api.call('GET', `/api/exercises/${x.id}/view`, { token: r.body.token })).body.role).toBe('district-tiexi');
    expect((await server.api.call('GET', `/api/exercises/${x.id}/view`, { token: other })).status).toBe(200);
    expect((await openLink(`${server.app.url}/x/${x.id}/seat/district-tiexi?token=${old}`)).cookies).toEqual([]);
    // The stream the old token opened was ended by the server.
    await expect.poll(() => stream.ended, { timeout: 10_000 }).toBe(true);
    await stream.close();
    // Unknown roles are named; ids from outside are data (no prototype keys).
    for (const role of ['nobody', '__proto__', 'constructor', 42]) {
      const bad = await server.api.call('POST', `/api/organiser/exercises/${x.id}/tokens`, { body: { role } });
      expect(bad.status, String(role)).toBe(400);
      expect(bad.body.error.message.zh).toBeTruthy();
    }
  });

  it('deletes an exercise: its tokens stop working and it leaves the list', async () => {
    const x = await server.api.create({ scenario: 'chemical-leak', seed: 6, name: 'to delete' });
    const del = await server.api.call('DELETE', `/api/exercises/${x.id}`);
    expect(del.status).toBe(200);
    expect((await server.api.call('GET', `/api/exercises/${x.id}/view`, { token: x.facilitator.token })).status).toBe(403);
    expect((await server.api.call('GET', '/api/exercises')).body.some((e: { id: string }) => e.id === x.id)).toBe(false);
    expect((await server.api.call('DELETE', `/api/exercises/${x.id}`)).status).toBe(404);
  });
});

describe('a seat sees only its world', () => {
  it('no seed, scenario id, audience list or plan in any view, stream, backlog or answer sent to a seat', async () => {
    const x = await server.api.create({ scenario: 'chemical-leak', seed: SEED, speed: 60, name: 'no future', autopilot: true });
    const fac = x.facilitator.token;
    const seats = x.seats.map((s) => s.token);
    const streams = seats.map((t) => new SseReader(`${server.app.url}/api/exercises/${x.id}/stream`, { authorization: `Bearer ${t}` }));
    const facStream = new SseReader(`${server.app.url}/api/exercises/${x.id}/stream`, { authorization: `Bearer ${fac}` });
    await server.api.clock(x.id, fac, 'start');
    await server.api.clock(x.id, fac, 'next-inject');
    await server.api.clock(x.id, fac, 'next-inject');
    const answer = await server.api.command(x.id, x.seats.find((s) => s.id === 'district-tiexi')!.token, { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' });
    await server.api.clock(x.id, fac, 'pause');
    for (const s of [...streams, facStream]) await s.waitFor((m) => m.some((e) => e.event === 'event' && e.data.type === 'exercise.paused'));
    // The facilitator is told the seed (so the check below can fail) and every audience.
    const facView = await server.api.view(x.id, fac);
    expect(facView.exercise.seed).toBe(SEED);
    expect(JSON.stringify(facStream.messages)).toContain(SEED);
    expect(facView.events.some((e: { type: string }) => e.type.startsWith('plan.'))).toBe(true);
    expect(facView.planRules.length).toBeGreaterThan(0);

    const sent: string[] = [JSON.stringify(answer.body)];
    for (const [i, t] of seats.entries()) {
      const view = await server.api.view(x.id, t);
      expect(view.exercise.seed).toBeUndefined();
      expect(view.exercise.scenario).toBeUndefined();
      // The plan's rule names are the facilitator's (they name the plan's clauses).
      expect(view.planRules).toEqual([]);
      expect(view.events.length).toBeGreaterThan(0);
      // Orders the plan gave for the seat do not name the plan's rule.
      for (const e of view.events) if (e.type === 'command.accepted') expect(e.data.rule).toBeUndefined();
      sent.push(JSON.stringify(view), JSON.stringify(streams[i].messages));
      // The backlog a reconnecting stream is sent.
      const again = new SseReader(`${server.app.url}/api/exercises/${x.id}/stream?after=-1`, { authorization: `Bearer ${t}` });
      await again.waitFor((m) => m.some((e) => e.event === 'clock'));
      await again.close();
      expect(again.events().map((e) => e.seq)).toEqual(view.events.map((e: { seq: number }) => e.seq));
      sent.push(JSON.stringify(again.messages));
    }
    for (const text of sent) {
      expect(text).not.toContain(SEED);
      expect(text).not.toContain('"audience"');
      expect(text).not.toContain('"plan.');
      expect(text).not.toContain('"expect"');
    }
    for (const s of [...streams, facStream]) await s.close();
  });
});

describe('on the network', () => {
  it('ORIGIN, when set, is where every link points', async () => {
    const d = tempDb();
    const app = await startApp({ env: { YANLIAN_DB: d.db, ORIGIN: 'http://drill.example:8080' } });
    try {
      const r = await fetch(`${app.url}/api/exercises`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminKey}` },
        body: JSON.stringify({ scenario: 'chemical-leak', seed: 1, name: 'origin' })
      });
      const x = (await r.json()) as Created;
      expect(x.facilitator.url).toBe(`http://drill.example:8080/x/${x.id}/facilitator?token=${x.facilitator.token}`);
      expect(app.output()).toContain('organiser login 组织者登录: http://drill.example:8080/login');
    } finally {
      await app.stop();
      d.remove();
    }
  });

  it('HOST=0.0.0.0 prints the LAN addresses and the login, and builds links from a LAN address', async () => {
    const d = tempDb();
    const app = await startApp({ host: '0.0.0.0', env: { YANLIAN_DB: d.db, YANLIAN_ADMIN_KEY: undefined } });
    try {
      await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('organiser key 组织者密钥');
      const out = app.output();
      expect(out).toContain('on this network 局域网地址:');
      expect(out).toContain('/login');
      // The key was made on this first start, printed once, and kept beside the database (mode 0600).
      const key = /shown once[^\n]*\n\s+(\S+)/.exec(out)![1];
      const { statSync, readFileSync } = await import('node:fs');
      const file = `${d.dir}/admin.key`;
      expect(readFileSync(file, 'utf8').trim()).toBe(key);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const r = await fetch(`${app.url}/api/exercises`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ scenario: 'chemical-leak', seed: 1, name: 'lan' })
      });
      expect(r.status).toBe(201);
      const x = (await r.json()) as Created;
      const origin = new URL(x.facilitator.url).origin;
      expect(out).toContain(`join links use 加入链接使用 ${origin}`);
      expect(new URL(origin).port).toBe(String(app.port));
    } finally {
      await app.stop();
      d.remove();
    }
  });
});
