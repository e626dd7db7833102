// MSEL in and out (CSV and Excel through exceljs): row/column errors change nothing; export → import round trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startLive, tempDb, type LiveServer } from './server.ts';
import type { Created } from './client.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server: LiveServer;
const db = tempDb();
let x: Created;
let fac: string;

beforeAll(async () => {
  server = await startLive(db.db);
  x = await server.api.create({ scenario: 'chemical-leak', seed: 9, speed: 60, name: 'MSEL drill' });
  fac = x.facilitator.token;
});

afterAll(async () => {
  await server?.app.stop();
  db.remove();
});

const HEADER = 'id,at,to,from_zh,from_en,text_zh,text_en,manual';

async function mselJson() {
  return (await server.api.call('GET', `/api/exercises/${x.id}/msel?format=json`, { token: fac })).body.injects as { id: string; origin: string; fired: boolean }[];
}

describe('MSEL', () => {
  it('exports the scenario injects as CSV', async () => {
    const r = await server.api.call('GET', `/api/exercises/${x.id}/msel?format=csv`, { token: fac });
    expect(r.status).toBe(200);
    const lines = (r.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toMatch(/^hotline-smell,45min,township-zhangshi;district-tiexi,12345热线,12345 hotline,/);
    expect(lines.find((l) => l.startsWith('wind-shift'))).toMatch(/,3h,field-post,.*,true$/);
  });

  it('reports every bad row by row and column, and changes nothing', async () => {
    const before = await mselJson();
    const csv = [
      HEADER,
      'extra-1,50min,district-tiexi,,,"现场群众聚集","Crowd gathering at the gate",false',
      'bad one,soon,nobody,,,,x,maybe',
      'hotline-smell,45min,township-zhangshi;district-tiexi,12345热线,12345 hotline,张士街道多名居民来电反映刺激性氨味，有人咳嗽流泪。,Changed text,false',
      'extra-1,1h,district-tiexi,市委,,a,b,false'
    ].join('\n');
    const r = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: csv, type: 'text/csv' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-msel');
    const issues = r.body.error.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`);
    expect(issues).toEqual(['3:id', '3:at', '3:to', '3:text_zh', '3:manual', '4:text_en', '5:id', '5:from_en']);
    expect(r.body.error.issues[1].message).toMatch(/"soon" is not a time/);
    expect(await mselJson()).toEqual(before);
    const missingColumn = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: 'id,at\nx,1h\n', type: 'text/csv' });
    expect(missingColumn.status).toBe(400);
    expect(missingColumn.body.error.issues.map((i: { column: string }) => i.column)).toEqual(['to', 'text_zh', 'text_en']);
    const notXlsx = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: new Uint8Array(Buffer.from('PK not a zip')), type: XLSX });
    expect(notXlsx.status).toBe(400);
    // The exercise is untouched and still works.
    await server.api.clock(x.id, fac, 'start');
    expect((await server.api.view(x.id, fac)).exercise.status).toBe('running');
  });

  it('imports added injects, round-trips through CSV and Excel, and delivers them', async () => {
    const exported = (await server.api.call('GET', `/api/exercises/${x.id}/msel?format=csv`, { token: fac })).body as string;
    const csv = exported.trimEnd() + '\n' + ['extra-1,50min,district-tiexi,现场,Scene,"现场群众聚集, 情绪激动","Crowd gathering at the gate, agitated",false', 'extra-2,2h,township-zhangshi;district-yuhong,,,人工注入,Manual inject,true'].join('\n') + '\n';
    const r = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: csv, type: 'text/csv; charset=utf-8' });
    expect(r.status).toBe(200);
    const rows = await mselJson();
    expect(rows.map((i) => `${i.id}:${i.origin}`)).toEqual(['hotline-smell:scenario', 'media-call:scenario', 'school-question:scenario', 'wind-shift:scenario', 'extra-1:live', 'extra-2:live']);

    // CSV out → in: the same list.
    const csv2 = (await server.api.call('GET', `/api/exercises/${x.id}/msel?format=csv`, { token: fac })).body as string;
    expect((await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: csv2, type: 'text/csv' })).status).toBe(200);
    expect(await mselJson()).toEqual(rows);
    // Excel out → in: a real workbook with the same cells, and the same list back.
    const xlsx = (await server.api.call('GET', `/api/exercises/${x.id}/msel?format=xlsx`, { token: fac })).body as Buffer;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...HEADER.split(',')]);
    expect(wb.worksheets[0].getCell('G6').value).toBe('Crowd gathering at the gate, agitated');
    expect((await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: new Uint8Array(xlsx), type: XLSX })).status).toBe(200);
    expect(await mselJson()).toEqual(rows);
    // An edited workbook with a mistake names the cell's row and column.
    wb.worksheets[0].getCell('B7').value = 'later';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const br = await server.api.call('POST', `/api/exercises/${x.id}/msel`, { token: fac, raw: new Uint8Array(bad), type: XLSX });
    expect(br.status).toBe(400);
    expect(br.body.error.issues).toEqual([{ row: 7, column: 'at', message: expect.stringMatching(/"later" is not a time/) }]);
    // A multipart form upload, as a browser sends it.
    const form = new FormData();
    form.append('file', new Blob([csv2], { type: 'text/csv' }), 'msel.csv');
    const res = await fetch(`${server.app.url}/api/exercises/${x.id}/msel`, { method: 'POST', body: form, headers: { origin: server.app.url, authorization: `Bearer ${fac}` } });
    expect(res.status).toBe(200);

    // Delivery: the next inject after 45 min is the added one at 50 min.
    expect((await server.api.clock(x.id, fac, 'next-inject')).t).toBe(45);
    expect((await server.api.clock(x.id, fac, 'next-inject')).t).toBe(50);
    const tiexi = x.seats.find((s) => s.id === 'district-tiexi')!.token;
    const seen = await server.api.waitView(x.id, tiexi, (v) => v.events.some((e: { type: string; data: { text?: { en: string } } }) => e.type === 'inject.delivered' && e.data.text?.en.startsWith('Crowd')));
    expect(seen.role).toBe('district-tiexi');
    const fired = await server.api.command(x.id, fac, { type: 'fire-inject', inject: 'extra-2' });
    expect(fired.status).toBe(200);
    const yuhong = x.seats.find((s) => s.id === 'district-yuhong')!.token;
    expect((await server.api.view(x.id, yuhong)).events.some((e: { type: string; data: { text?: { en: string } } }) => e.type === 'inject.delivered' && e.data.text?.en === 'Manual inject')).toBe(true);
    expect((await mselJson()).filter((i) => i.fired).map((i) => i.id)).toEqual(['hotline-smell', 'extra-1', 'extra-2']);
    const log = (await server.api.call('GET', `/api/exercises/${x.id}/log`, { token: fac })).body;
    expect(log.commands.map((c: { cmd: { type: string } }) => c.cmd.type)).toEqual(['free-inject', 'free-inject']);
  });
});
