// Limits of the live server (docs/live-api.md, "Limits"): each one answers a 4xx JSON error in
// both languages, never a 500, and the server stays responsive. Also: safe retries
// (Idempotency-Key), safe exports (CSV formula cells, HTML in Markdown) and the security headers.
import http from 'node:http';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseReader, type Created } from './client.ts';
import { startLive, tempDb, type LiveServer } from './server.ts';

let server: LiveServer;
const db = tempDb();
let x: Created;
let fac: string;
const seat = (c: Created, id: string) => c.seats.find((s) => s.id === id)!.token;

beforeAll(async () => {
  server = await startLive(db.db);
  x = await server.api.create({ scenario: 'chemical-leak', seed: 5, speed: 60, name: 'limits drill' });
  fac = x.facilitator.token;
  await server.api.clock(x.id, fac, 'start');
  await server.api.clock(x.id, fac, 'next-inject'); // 45 min: Tiexi knows of the leak
  await server.api.clock(x.id, fac, 'pause');
  await server.api.clock(x.id, fac, 'resume');
});

afterAll(async () => {
  await server?.app.stop();
  db.remove();
});

/** A JSON error of the live API: status, code, a message in both languages. */
function expectError(r: { status: number; body: any; headers: Headers }, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/application\/json/);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(r.body.error.message.en.length).toBeGreaterThan(5);
}

/** A request with a raw body and extra headers, through the test client (so it authenticates as the others do). */
function raw(method: string, path: string, init: { token?: string; type?: string; body?: BodyInit; headers?: Record<string, string> }) {
  return server.api.call(method, path, { token: init.token, raw: init.body, type: init.type, headers: init.headers });
}

/** A zip of one entry, its central directory declaring `declared` bytes uncompressed. */
function zipOf(name: string, data: Buffer, declared: number): Buffer {
  const comp = deflateRawSync(data, { level: 9 });
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const cen = Buffer.alloc(46);
  cen.writeUInt32LE(0x02014b50, 0);
  cen.writeUInt16LE(20, 4);
  cen.writeUInt16LE(20, 6);
  cen.writeUInt16LE(8, 10);
  cen.writeUInt32LE(comp.length, 20);
  cen.writeUInt32LE(declared, 24);
  cen.writeUInt16LE(n.length, 28);
  cen.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + comp.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(cen.length + n.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, comp, cen, n, eocd]);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'id,at,to,from_zh,from_en,text_zh,text_en,manual';

describe('limits', () => {
  it('refuses a command body over 64 KiB with 413 JSON, before reading it whole', async () => {
    const big = JSON.stringify({ type: 'report-up', text: { zh: 'x'.repeat(70_000), en: 'y' } });
    const r = await raw('POST', `/api/exercises/${x.id}/commands`, { token: seat(x, 'district-tiexi'), type: 'application/json', body: big });
    expectError(r, 413, 'too-large');
    expect(r.body.error.message.en).toMatch(/64 KiB/);
  });

  it('refuses a body over an endpoint\'s limit with 413 JSON, with or without Content-Length', async () => {
    // 26 MiB: over the 24 MiB of POST /api/exercises, under the server-wide cap of 32 MiB.
    const body = Buffer.alloc(26 * 1024 * 1024, 0x20);
    const declared = await raw('POST', '/api/exercises', { type: 'application/json', body });
    expectError(declared, 413, 'too-large');
    expect(declared.body.error.message.en).toMatch(/24 MiB/);
    // Streamed (chunked, no Content-Length): stopped as it arrives.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ >= 26) c.close();
        else c.enqueue(new Uint8Array(chunk));
      }
    });
    const chunked = await raw('POST', '/api/exercises', { type: 'application/json', body: stream });
    expectError(chunked, 413, 'too-large');
  });

  it('answers a body over the server-wide cap (BODY_SIZE_LIMIT, 32 MiB) with 413 JSON, not 500', async () => {
    // The server answers from the Content-Length alone: send the headers, read the answer.
    const u = new URL(`${server.app.url}/api/exercises/${x.id}/commands`);
    const headers = { 'content-type': 'application/json', 'content-length': String(40 * 1024 * 1024), authorization: `Bearer ${seat(x, 'district-tiexi')}` };
    const answer = await new Promise<{ status: number; body: any; headers: Headers }>((resolve, reject) => {
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), headers: new Headers(res.headers as Record<string, string>) }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expectError(answer, 413, 'too-large');
    expect(answer.body.error.message.en).toMatch(/larger than the limit \(64 KiB\)/);
  });

  it('measures uploaded scenario files in bytes, not characters', async () => {
    // 3 million Chinese characters: under 8 Mi characters, over 8 MiB in UTF-8.
    const yaml = '# ' + '演'.repeat(3_000_000) + '\n';
    const r = await server.api.call('POST', '/api/exercises', { body: { scenario: { yaml }, seed: 1, name: 'big upload' } });
    expectError(r, 413, 'too-large');
    expect(r.body.error.issues[0].path).toBe('scenario.yaml');
    expect(r.body.error.issues[0].message).toMatch(/^9000003 bytes/);
  });

  it('limits free text in a command to 2,000 characters (400 naming the field; nothing logged)', async () => {
    const before = (await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body.commands.length;
    const r = await server.api.command(x.id, seat(x, 'district-tiexi'), { type: 'report-up', incident: 'leak', text: { zh: '报告', en: 'e'.repeat(2_001) } });
    expectError(r, 400, 'bad-request');
    expect(r.body.error.issues).toEqual([{ path: 'text.en', message: 'expected at most 2000 characters, got 2001' }]);
    const ok = await server.api.command(x.id, seat(x, 'district-tiexi'), { type: 'report-up', incident: 'leak', text: { zh: '报告', en: 'e'.repeat(2_000) } });
    expect(ok.status).toBe(200);
    expect((await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body.commands.length).toBe(before + 1);
  });

  it('limits names and seeds to 200 characters, observations to 5,000', async () => {
    const create = await server.api.call('POST', '/api/exercises', { body: { scenario: 'chemical-leak', seed: 's'.repeat(201), name: 'n'.repeat(201) } });
    expectError(create, 400, 'bad-request');
    expect(create.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['name', 'seed']);
    const fork = await server.api.call('POST', `/api/exercises/${x.id}/fork`, { token: fac, body: { at: 0, name: 'n'.repeat(201) } });
    expectError(fork, 400, 'bad-request');
    expect(fork.body.error.issues[0].path).toBe('name');
    const obs = await server.api.call('POST', `/api/exercises/${x.id}/observations`, { token: fac, body: { text: 'o'.repeat(5_001) } });
    expectError(obs, 400, 'bad-request');
  });

  it('limits orders per seat: 429 with Retry-After past the burst, other seats unaffected', async () => {
    const y = await server.api.create({ scenario: 'chemical-leak', seed: 6, name: 'rate drill' });
    await server.api.clock(y.id, y.facilitator.token, 'start');
    const tok = seat(y, 'township-zhangshi');
    const t0 = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, () => server.api.command(y.id, tok, { type: 'request-resources', resource: 'gas-masks', quantity: 1 })));
    const elapsedS = (Date.now() - t0) / 1000;
    const limited = answers.filter((a) => a.status === 429);
    // A burst of 10, then 5 a second: however slow the machine, no more got through than that.
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(10 + Math.ceil(elapsedS * 5));
    expect(limited.length).toBeGreaterThan(0);
    expectError(limited[0], 429, 'too-many-requests');
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another seat of the same exercise is not held back.
    expect((await server.api.command(y.id, seat(y, 'district-tiexi'), { type: 'request-resources', resource: 'gas-masks', quantity: 1 })).status).toBe(200);
    // Limited commands were not logged.
    const log = (await server.api.call('GET', `/api/exercises/${y.id}/log`, { token: y.facilitator.token })).body;
    expect(log.commands.filter((c: { seat: string }) => c.seat === 'township-zhangshi').length).toBe(answers.length - limited.length);
  });

  it('limits open streams per token to 4 (429), and frees a slot when a stream closes', async () => {
    const tok = seat(x, 'district-yuhong');
    const url = `${server.app.url}/api/exercises/${x.id}/stream`;
    const open = Array.from({ length: 4 }, () => new SseReader(url, { authorization: `Bearer ${tok}` }));
    for (const s of open) await s.waitFor((m) => m.some((x) => x.event === 'clock')).catch((e) => {
      throw new Error(`${(e as Error).message}; statuses ${open.map((o) => o.status).join(',')}`);
    });
    const fifth = await raw('GET', `/api/exercises/${x.id}/stream`, { token: tok });
    expectError(fifth, 429, 'too-many-requests');
    // Another token is not affected.
    const other = new SseReader(url, { authorization: `Bearer ${fac}` });
    await other.waitFor((m) => m.some((x) => x.event === 'clock'));
    await open[0].close();
    const again = new SseReader(url, { authorization: `Bearer ${tok}` });
    await again.waitFor((m) => m.some((x) => x.event === 'clock'), 10_000).catch(async () => {
      // The server notices the closed connection shortly after.
      await new Promise((r) => setTimeout(r, 500));
    });
    for (const s of [...open.slice(1), other, again]) await s.close();
    const later = new SseReader(url, { authorization: `Bearer ${tok}` });
    await later.waitFor((m) => m.some((x) => x.event === 'clock'));
    expect(later.status).toBe(200);
    await later.close();
  });

  it('checks an .xlsx before inflating it: declared size over 16 MiB, or an entry inflating past its declared size', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const declaredBig = zipOf('xl/worksheets/sheet1.xml', zeros, zeros.length);
    expect(declaredBig.length).toBeLessThan(200_000);
    const r1 = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: new Uint8Array(declaredBig), type: XLSX });
    expectError(r1, 413, 'too-large');
    expect(r1.body.error.message.en).toMatch(/expands to more than 16 MiB/);
    const lying = zipOf('xl/worksheets/sheet1.xml', zeros, 1000);
    const r2 = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: new Uint8Array(lying), type: XLSX });
    expectError(r2, 413, 'too-large');
    expect(r2.body.error.issues[0].message.en).toMatch(/expands to more than it declares/);
    expect(r2.body.error.issues[0].message.zh).toMatch(/解压后大于其声明的大小/);
    // A worksheet of too many rows is refused before exceljs reads it.
    const rows = '<row r="1"><c r="A1"/></row>'.repeat(1_500);
    const manyRows = zipOf('xl/worksheets/sheet1.xml', Buffer.from(`<worksheet><sheetData>${rows}</sheetData></worksheet>`), Buffer.byteLength(`<worksheet><sheetData>${rows}</sheetData></worksheet>`));
    const r3 = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: new Uint8Array(manyRows), type: XLSX });
    expectError(r3, 413, 'too-large');
  });

  it('limits a MSEL to 1,000 rows and its file to 2 MiB', async () => {
    const rows = Array.from({ length: 1_001 }, (_, i) => `r${i},1h,district-tiexi,,,文本,text,false`);
    const r = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: [HEADER, ...rows].join('\n') + '\n' });
    expectError(r, 413, 'too-large');
    expect(r.body.error.issues[0].row).toBe(1_002);
    const big = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: HEADER + '\n' + 'a'.repeat(3 * 1024 * 1024) });
    expectError(big, 413, 'too-large');
    expect(big.body.error.message.en).toMatch(/2 MiB/);
  });

  it('answers a malformed MSEL CSV with 400 naming the row and column, never 500', async () => {
    const unclosed = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: `${HEADER}\nok-1,1h,district-tiexi,,,文本,text,false\nx,1h,district-tiexi,,,"not closed,b,false\n` });
    expectError(unclosed, 400, 'invalid-msel');
    expect(unclosed.body.error.issues[0]).toMatchObject({ row: 3, column: 'text_zh' });
    const stray = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: `${HEADER}\nx,1h,dis"trict,,,a,b,false\n` });
    expectError(stray, 400, 'invalid-msel');
    expect(stray.body.error.issues[0]).toMatchObject({ row: 2, column: 'to' });
    const after = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: `${HEADER}\nx,1h,"district-tiexi"x,,,a,b,false\n` });
    expectError(after, 400, 'invalid-msel');
    expect(after.body.error.issues[0]).toMatchObject({ row: 2, column: 'to' });
    const longCell = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: `${HEADER}\nx,1h,district-tiexi,,,${'长'.repeat(2_001)},b,false\n` });
    expectError(longCell, 400, 'invalid-msel');
    expect(longCell.body.error.issues[0]).toMatchObject({ row: 2, column: 'text_zh' });
  });

  it('stays responsive after all of the above', async () => {
    const h = await server.api.call('GET', '/api/health');
    expect(h.status).toBe(200);
    const v = await server.api.view(x.id, fac);
    expect(v.exercise.status).toBe('running');
  });
});

describe('retries (Idempotency-Key)', () => {
  it('applies a command once per key and seat, and answers the retry with the first answer', async () => {
    const tok = seat(x, 'district-tiexi');
    const send = (key: string, body: unknown, token = tok) =>
      raw('POST', `/api/exercises/${x.id}/commands`, { token, type: 'application/json', body: JSON.stringify(body), headers: { 'idempotency-key': key } });
    const logLength = async () => (await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body.commands.length;
    const before = await logLength();
    const cmd = { type: 'issue-warning', districts: ['210106'], colour: 'yellow' };
    const first = await send('k-1', cmd);
    expect(first.status).toBe(200);
    const second = await send('k-1', cmd);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await logLength()).toBe(before + 1);
    // A refusal is remembered too (it is logged): the retry gets the same 422.
    const refused1 = await send('k-2', { type: 'set-response-level', level: 'I' });
    const refused2 = await send('k-2', { type: 'set-response-level', level: 'I' });
    expect(refused1.status).toBe(422);
    expect(refused2.status).toBe(422);
    expect(refused2.body).toEqual(refused1.body);
    expect(await logLength()).toBe(before + 2);
    // The same key with another body: 409, nothing applied.
    expectError(await send('k-1', { type: 'issue-warning', districts: ['210106'], colour: 'orange' }), 409, 'idempotency-conflict');
    // Keys are per seat: another seat's k-1 is its own command.
    const otherSeat = await send('k-1', { type: 'request-resources', resource: 'gas-masks', quantity: 5 }, seat(x, 'township-zhangshi'));
    expect(otherSeat.status).toBe(200);
    expect(await logLength()).toBe(before + 3);
    expectError(await send('has space', cmd), 400, 'bad-request');
  });
});

describe('safe exports', () => {
  it('neutralises formula cells in the MSEL CSV and takes the mark off again on import', async () => {
    const csv = `${HEADER}\nf-1,2h,district-tiexi,=cmd,@sum,"=HYPERLINK(""http://evil"",""x"")",+1+1,false\nf-2,2h,district-tiexi,,,-2+3,-12,false\n`;
    const put = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: csv });
    expect(put.status).toBe(200);
    const out = (await server.api.call('GET', `/api/exercises/${x.id}/msel?format=csv`, { token: fac })).body as string;
    const f1 = out.split('\n').find((l) => l.startsWith('f-1,'))!;
    expect(f1).toBe(`f-1,2h,district-tiexi,'=cmd,'@sum,"'=HYPERLINK(""http://evil"",""x"")",'+1+1,false`);
    const f2 = out.split('\n').find((l) => l.startsWith('f-2,'))!;
    // A plain number is no formula: left as it is.
    expect(f2).toBe("f-2,2h,district-tiexi,,,'-2+3,-12,false");
    // Round trip: the same rows come back without the marks.
    const before = (await server.api.call('GET', `/api/exercises/${x.id}/msel?format=json`, { token: fac })).body.injects;
    expect(before.find((r: { id: string }) => r.id === 'f-1').text.zh).toBe('=HYPERLINK("http://evil","x")');
    expect((await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: out })).status).toBe(200);
    expect((await server.api.call('GET', `/api/exercises/${x.id}/msel?format=json`, { token: fac })).body.injects).toEqual(before);
  });

  it('neutralises formula cells in the report CSV, and escapes HTML of free text in the Markdown report', async () => {
    const tok = seat(x, 'district-tiexi');
    const evil = '<img src=x onerror=alert(1)> =HYPERLINK("http://evil")';
    expect((await server.api.command(x.id, tok, { type: 'report-up', incident: 'leak', text: { zh: evil, en: evil } })).status).toBe(200);
    expect((await server.api.call('POST', `/api/exercises/${x.id}/observations`, { token: fac, body: { text: '<script>alert(2)</script> @once' } })).status).toBe(201);
    const md = (await server.api.call('GET', `/api/exercises/${x.id}/report?format=md&lang=en`, { token: fac })).body as string;
    expect(md).not.toMatch(/<img|<script/i);
    expect(md).toContain('&lt;script&gt;alert(2)&lt;/script&gt; @once');
    const csv = (await server.api.call('GET', `/api/exercises/${x.id}/report?format=csv&lang=en`, { token: fac })).body as string;
    const cells = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .flatMap((l) => l.split(','))
      .map((c) => c.replace(/^"/, ''));
    expect(cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-(?!\d+(\.\d+)?$)/.test(c))).toEqual([]);
  });
});

describe('security headers', () => {
  it('sends nosniff, no-referrer, and a closed CSP framed by the app only, on API answers (errors too)', async () => {
    for (const r of [
      await server.api.call('GET', '/api/health'),
      await server.api.call('GET', `/api/exercises/${x.id}/view`, { token: fac }),
      await server.api.call('GET', `/api/exercises/${x.id}/view`, { token: 'wrong' }),
      await server.api.call('GET', `/api/exercises/${x.id}/msel?format=csv`, { token: fac })
    ]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    }
  });

  it('sends them on the answers given before a route runs: the 401 without the organiser key, the 303 of a join link', async () => {
    const unauthorised = await server.api.call('GET', '/api/exercises', { anonymous: true });
    expectError(unauthorised, 401, 'unauthorized');
    const exchange = await fetch(x.facilitator.url, { redirect: 'manual' });
    await exchange.arrayBuffer();
    expect(exchange.status).toBe(303);
    expect(exchange.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const refused = await fetch(x.facilitator.url.replace(/token=[^&]+/, 'token=not-a-token'), { redirect: 'manual' });
    await refused.arrayBuffer();
    expect(refused.status).toBe(303);
    for (const r of [unauthorised, exchange, refused]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('sends a CSP with a nonce, frame-ancestors and the same headers on pages', async () => {
    for (const url of [`${server.app.url}/`, x.facilitator.url, x.seats.find((s) => s.id === 'district-tiexi')!.url]) {
      const res = await fetch(url);
      await res.text();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('lets the HTML report run only its own inline scripts (by hash)', async () => {
    const r = await server.api.call('GET', `/api/exercises/${x.id}/report?format=html&lang=en`, { token: fac });
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(csp).not.toContain('unsafe-inline\'; script');
    expect(csp).toContain("frame-ancestors 'self'");
  });
});
