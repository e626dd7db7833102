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
    expect(r.body.error.issues[1].message.en).toMatch(/"soon" is not a time/);
    expect(r.body.error.issues[1].message.zh).toMatch(/"soon" 不是时间/);
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
    expect(br.body.error.issues).toEqual([{ sheet: 'MSEL', row: 7, column: 'at', message: { zh: expect.stringMatching(/"later" 不是时间/), en: expect.stringMatching(/"later" is not a time/) } }]);
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

const ZH_HEADER = ['序号', '时间', '接收席位', '发送方', '发送方（英文）', '内容', '内容（英文）', '手动'];
const excelTime = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));

/** A workbook as a Chinese bureau writes one: a cover sheet, then the MSEL under a title row, with Chinese headers. */
async function chineseWorkbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('封面');
  cover.getCell('A1').value = '铁西区危化品泄漏应急演练';
  cover.getCell('A3').value = '编制单位：应急管理局';
  const ws = wb.addWorksheet('MSEL清单');
  ws.addRow(['主情景事件清单（MSEL）']);
  ws.addRow(ZH_HEADER);
  for (const r of rows) {
    const row = ws.addRow(r);
    if (r[1] instanceof Date) row.getCell(2).numFmt = 'hh:mm';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Chinese MSEL workbooks', () => {
  let y: Created;
  let yfac: string;
  const post = (body: BodyInit, type: string, query = '') => server.api.call('POST', `/api/exercises/${y.id}/msel${query}`, { token: yfac, raw: body, type });
  const rowsOf = async () => (await server.api.call('GET', `/api/exercises/${y.id}/msel?format=json`, { token: yfac })).body.injects as { id: string; at: number; to: string[]; text: { zh: string; en: string }; from?: { zh: string; en: string }; manual: boolean; origin: string }[];

  beforeAll(async () => {
    y = await server.api.create({ scenario: 'chemical-leak', seed: 3, speed: 60, name: '中文 MSEL' });
    yfac = y.facilitator.token;
  });

  it('reads times as Excel time cells, T+01:30, 01:30, 90分钟, 1小时30分', async () => {
    const { parseAt } = await import('../../src/lib/server/live/msel.ts');
    expect(['T+01:30', '01:30', '1:30:00', '90分钟', '90分', '1小时30分', '1小时30分钟', '1.5小时', '１小时３０分', 'T＋01：30', '90min', '1.5h', '90'].map(parseAt)).toEqual(Array(13).fill(90));
    expect(['1天', '2小时', 'T+2:00'].map(parseAt)).toEqual([1440, 120, 120]);
    expect(['soon', '', '1:75', '小时', '2026-12-05T01:30:00.000Z'].map(parseAt)).toEqual([null, null, null, null, null]);
  });

  it('imports a workbook with a cover sheet, a title row, Chinese headers and Excel time cells', async () => {
    const xlsx = await chineseWorkbook([
      ['zh-1', excelTime(1, 30), 'district-tiexi', '12345热线', '12345 hotline', '居民反映异味', 'Residents report a smell', '否'],
      ['zh-2', 'T+01:40', 'township-zhangshi；district-yuhong', '', '', '媒体来电', 'A reporter calls', '是'],
      ['zh-3', '01:50', 'district-tiexi', '', '', '学校询问', 'A school asks', ''],
      ['zh-4', '2小时', 'district-tiexi', '', '', '风向变化', 'The wind turns', '否'],
      ['zh-5', '1小时30分', 'district-tiexi', '', '', '群众聚集', 'A crowd gathers', '否']
    ]);
    const r = await post(new Uint8Array(xlsx), XLSX);
    expect(r.status).toBe(200);
    const live = (await rowsOf()).filter((i) => i.origin === 'live');
    expect(live.map((i) => `${i.id}@${i.at}:${i.to.join('+')}:${i.manual}`)).toEqual(['zh-1@90:district-tiexi:false', 'zh-2@100:township-zhangshi+district-yuhong:true', 'zh-3@110:district-tiexi:false', 'zh-4@120:district-tiexi:false', 'zh-5@90:district-tiexi:false']);
    expect(live[0].from).toEqual({ zh: '12345热线', en: '12345 hotline' });
    expect(live[0].text).toEqual({ zh: '居民反映异味', en: 'Residents report a smell' });
  });

  it('names the sheet, row and column of every mistake, in Chinese and English', async () => {
    const before = await rowsOf();
    const xlsx = await chineseWorkbook([
      ['zh-1', excelTime(1, 30), 'district-tiexi', '', '', '甲', 'A', '否'],
      ['zh-2', '很快', 'nobody', '', '', '乙', 'B', '否'],
      ['zh-3', new Date(Date.UTC(2026, 11, 5, 9, 0)), 'district-tiexi', '', '', '丙', '', '否']
    ]);
    const r = await post(new Uint8Array(xlsx), XLSX, '?replace=1');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-msel');
    expect(r.body.error.message.zh).toMatch(/工作表"MSEL清单"中有 4 处错误/);
    expect(r.body.error.message.en).toMatch(/4 mistake\(s\) on sheet "MSEL清单"/);
    const issues = r.body.error.issues as { sheet: string; row: number; column: string; header: string; message: { zh: string; en: string } }[];
    expect(issues.map((i) => `${i.sheet}:${i.row}:${i.column}:${i.header}`)).toEqual(['MSEL清单:4:at:时间', 'MSEL清单:4:to:接收席位', 'MSEL清单:5:at:时间', 'MSEL清单:5:text_en:内容（英文）']);
    // The first issue lists the workbook's sheets, so that the panel can offer another one.
    expect(r.body.error.issues[0].sheets).toEqual(['封面', 'MSEL清单']);
    expect(r.body.error.issues[1].sheets).toBeUndefined();
    expect(issues[0].message).toEqual({ zh: expect.stringMatching(/"很快" 不是时间/), en: expect.stringMatching(/"很快" is not a time/) });
    expect(issues[1].message.zh).toMatch(/未知席位"nobody"/);
    expect(issues[2].message).toEqual({ zh: expect.stringMatching(/是日期，不是演练开始后的时间/), en: expect.stringMatching(/is a date, not a time from the start/) });
    expect(issues[3].message.zh).toBe('缺少英文内容');
    for (const i of issues) expect(i.message.zh).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
    // Picking a sheet that has no MSEL: the header's columns are missing, named in both languages.
    const cover = await post(new Uint8Array(xlsx), XLSX, '?replace=1&sheet=' + encodeURIComponent('封面'));
    expect(cover.status).toBe(400);
    expect(cover.body.error.issues[0]).toMatchObject({ sheet: '封面', row: 1, column: 'id', message: { zh: expect.stringMatching(/表头中没有"序号"（id）列/), en: expect.stringMatching(/the header has no column "id"/) } });
    const none = await post(new Uint8Array(xlsx), XLSX, '?sheet=nope');
    expect(none.body.error.issues[0].message.en).toMatch(/no sheet "nope" \(sheets: "封面", "MSEL清单"\)/);
    expect(await rowsOf()).toEqual(before);
  });

  it('reads a CSV with a title row and Chinese headers', async () => {
    const csv = '\uFEFF主情景事件清单,,,,,,,\n' + ZH_HEADER.join(',') + '\nzh-1,90分钟,district-tiexi,12345热线,12345 hotline,居民反映异味,Residents report a smell,否\nzh-9,T+2:30,district-tiexi,,,新增,Added,是\n';
    const r = await post(csv, 'text/csv', '?replace=1');
    expect(r.status).toBe(200);
    expect((await rowsOf()).filter((i) => i.origin === 'live').map((i) => `${i.id}@${i.at}`)).toEqual(['zh-1@90', 'zh-9@150']);
    const bad = await post(csv.replace('T+2:30', '两点半'), 'text/csv');
    expect(bad.body.error.issues).toEqual([{ row: 4, column: 'at', header: '时间', message: { zh: expect.stringMatching(/"两点半" 不是时间/), en: expect.stringMatching(/"两点半" is not a time/) } }]);
  });

  it('asks before an import replaces injects added live (409 msel-replace), and replaces them with replace=1', async () => {
    const before = await rowsOf();
    const csv = ZH_HEADER.join(',') + '\nzh-1,90分钟,district-tiexi,12345热线,12345 hotline,居民反映异味,Residents report a smell,否\nzh-10,3h,district-tiexi,,,另一条,Another,否\n';
    const r = await post(csv, 'text/csv');
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('msel-replace');
    expect(r.body.error.message.zh).toMatch(/替换或删除演练中添加的 1 条注入（zh-9）/);
    expect(r.body.error.message.en).toMatch(/replace or remove 1 inject\(s\) added to this exercise \(zh-9\)/);
    expect(r.body.error.issues).toEqual([{ column: 'id', inject: 'zh-9', message: { zh: expect.stringMatching(/zh-9/), en: expect.stringMatching(/zh-9/) } }]);
    expect(await rowsOf()).toEqual(before);
    // Adding rows and keeping the others as they are needs no confirmation.
    const keep = csv.trimEnd() + '\nzh-9,T+2:30,district-tiexi,,,新增,Added,是\n';
    expect((await post(keep, 'text/csv')).status).toBe(200);
    const ok = await post(csv, 'text/csv', '?replace=1');
    expect(ok.status).toBe(200);
    expect((await rowsOf()).filter((i) => i.origin === 'live').map((i) => i.id)).toEqual(['zh-1', 'zh-10']);
  });

  it('offers a Chinese template (xlsx and CSV) that imports as it is', async () => {
    const t = await server.api.call('GET', `/api/exercises/${y.id}/msel/template?format=xlsx`, { token: yfac });
    expect(t.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', 'MSEL']);
    expect(wb.worksheets[0].getColumn(1).values).toContain(y.seats[0].id);
    expect((wb.worksheets[1].getRow(2).values as unknown[]).slice(1)).toEqual(ZH_HEADER);
    expect(wb.worksheets[1].getCell('B3').value).toEqual(excelTime(1, 30));
    const r = await post(new Uint8Array(t.body as Buffer), XLSX, '?replace=1');
    expect(r.status).toBe(200);
    expect((await rowsOf()).filter((i) => i.origin === 'live').map((i) => `${i.id}@${i.at}:${i.to.join('+')}`)).toEqual([`demo-1@90:${y.seats[0].id}`]);
    const c = await server.api.call('GET', `/api/exercises/${y.id}/msel/template?format=csv`, { token: yfac });
    expect(c.status).toBe(200);
    expect((c.body as string).replace(/^\uFEFF/, '').split('\n')[0]).toBe('序号,时间,接收席位,发送方,发送方（英文）,内容,内容（英文）,手动');
    expect((await post(c.body as string, 'text/csv')).status).toBe(200);
    expect((await server.api.call('GET', `/api/exercises/${y.id}/msel/template?format=pdf`, { token: yfac })).status).toBe(400);
  });
});
