// The MSEL panel in Chinese, in headless Chromium: a Chinese workbook (cover sheet, title row,
// Chinese headers, Excel time cells) imports; a bad one lists sheet/row/column errors in Chinese;
// an import that would replace live rows asks first. Screenshots go to test-results/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startBrowserSession, type BrowserSession, type RunningApp } from '../helpers/chromium';

const shots = path.join(repoRoot, 'test-results', 'screenshots');
const WAIT = { timeout: 30_000 };
const HEADER = ['序号', '时间', '接收席位', '发送方', '发送方（英文）', '内容', '内容（英文）', '手动'];

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('封面').getCell('A1').value = '铁西区危化品泄漏应急演练 主情景事件清单';
  const ws = wb.addWorksheet('MSEL清单');
  ws.addRow(['主情景事件清单（MSEL）']);
  ws.addRow(HEADER);
  for (const r of rows) {
    const row = ws.addRow(r);
    if (r[1] instanceof Date) row.getCell(2).numFmt = 'hh:mm';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const time = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));

describe('MSEL panel in Chinese', () => {
  let app: RunningApp | undefined;
  let session: BrowserSession | undefined;
  let ctx: BrowserContext;
  let fac: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await startBrowserSession('zh');
    ({ app, ctx } = session);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('imports a Chinese workbook, lists its mistakes in Chinese, and asks before replacing live rows', async () => {
    const res = await ctx.request.post(`${app!.url}/api/exercises`, { data: { scenario: 'chemical-leak', seed: 5, speed: 60, name: '中文 MSEL 演练' } });
    expect(res.status()).toBe(201);
    const created = (await res.json()) as { facilitator: { url: string } };
    fac = await ctx.newPage();
    fac.on('pageerror', (e) => errors.push(e.message));
    const link = new URL(created.facilitator.url, app!.url);
    await fac.goto(`${app!.url}${link.pathname}${link.search}${link.hash}`);
    await fac.locator('[data-testid="facilitator-console"]').waitFor(WAIT);
    await fac.locator('[data-tab="injects"]').click();
    await fac.locator('[data-testid="msel"] tr[data-inject="hotline-smell"]').waitFor(WAIT);
    expect(await fac.locator('[data-testid="msel-template"]').getAttribute('href')).toMatch(/\/msel\/template\?format=xlsx$/);

    const good = await workbook([
      ['zh-1', time(1, 30), 'district-tiexi', '12345热线', '12345 hotline', '铁西区多名居民来电反映异味，请核实。', 'Residents in Tiexi report a smell.', '否'],
      ['zh-2', 'T+01:40', 'district-tiexi', '', '', '记者来电询问疏散安排。', 'A reporter asks about the evacuation.', '是'],
      ['zh-3', '1小时50分', 'district-tiexi', '', '', '学校询问是否停课。', 'A school asks whether to close.', '否']
    ]);
    await fac.locator('[data-testid="msel-file"]').setInputFiles({ name: '演练MSEL.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
    await fac.locator('[data-testid="msel"] tr[data-inject="zh-3"]').waitFor(WAIT);
    expect(await fac.locator('[data-testid="msel"] .note').first().textContent()).toMatch(/MSEL 已保存/);
    expect(await fac.locator('[data-testid="msel"] tr[data-inject="zh-1"] td.mono').textContent()).toMatch(/1:30|01:30|90/);
    await fac.screenshot({ path: path.join(shots, 'facilitator-msel-zh-imported.png') });

    const bad = await workbook([
      ['zh-1', time(1, 30), 'district-tiexi', '12345热线', '12345 hotline', '铁西区多名居民来电反映异味，请核实。', 'Residents in Tiexi report a smell.', '否'],
      ['zh-4', '很快', 'nobody', '', '', '群众聚集。', 'A crowd gathers.', '否']
    ]);
    await fac.locator('[data-testid="msel-file"]').setInputFiles({ name: '有错.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
    const issues = fac.locator('[data-testid="msel-issues"]');
    await issues.waitFor(WAIT);
    const first = (await issues.locator('tbody tr').first().textContent()) ?? '';
    expect(first).toMatch(/MSEL清单\s*4\s*时间（at）\s*"很快" 不是时间/);
    expect(await issues.locator('thead').textContent()).toMatch(/工作表/);
    await fac.screenshot({ path: path.join(shots, 'facilitator-msel-zh-errors.png') });

    // A workbook whose first sheet holds an old list under the same headers: the user picks the other sheet.
    const two = new ExcelJS.Workbook();
    const old = two.addWorksheet('旧版');
    old.addRow(HEADER);
    old.addRow(['old-1', '很久以后', 'district-tiexi', '', '', '旧', 'Old', '否']);
    const cur = two.addWorksheet('新版');
    cur.addRow(HEADER);
    cur.addRow(['zh-1', time(1, 30), 'district-tiexi', '12345热线', '12345 hotline', '铁西区多名居民来电反映异味，请核实。', 'Residents in Tiexi report a smell.', '否']);
    cur.addRow(['zh-2', 'T+01:40', 'district-tiexi', '', '', '记者来电询问疏散安排。', 'A reporter asks about the evacuation.', '是']);
    cur.addRow(['zh-3', '1小时50分', 'district-tiexi', '', '', '学校询问是否停课。', 'A school asks whether to close.', '否']);
    cur.getCell('B2').numFmt = 'hh:mm';
    await fac.locator('[data-testid="msel-file"]').setInputFiles({ name: '两版.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await two.xlsx.writeBuffer()) });
    const pick = fac.locator('[data-testid="msel-sheet"]');
    await pick.waitFor(WAIT);
    expect(await pick.locator('select').inputValue()).toBe('新版');
    await pick.locator('button').click();
    await fac.locator('[data-testid="msel"] .note', { hasText: 'MSEL 已保存' }).waitFor(WAIT);
    expect(await fac.locator('[data-testid="msel-sheet"]').count()).toBe(0);

    // A file without zh-2 and zh-3: the panel asks, nothing changes until the user confirms.
    const fewer = await workbook([['zh-1', time(1, 30), 'district-tiexi', '12345热线', '12345 hotline', '铁西区多名居民来电反映异味，请核实。', 'Residents in Tiexi report a smell.', '否']]);
    await fac.locator('[data-testid="msel-file"]').setInputFiles({ name: '少.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fewer });
    const confirm = fac.locator('[data-testid="msel-confirm"]');
    await confirm.waitFor(WAIT);
    expect(await confirm.textContent()).toMatch(/将替换或删除演练中添加的 2 条注入：zh-2、zh-3。/);
    expect(await fac.locator('[data-testid="msel"] tr[data-inject="zh-3"]').count()).toBe(1);
    await fac.screenshot({ path: path.join(shots, 'facilitator-msel-zh-confirm.png') });
    await confirm.locator('button', { hasText: '替换并导入' }).click();
    await fac.locator('[data-testid="msel"] tr[data-inject="zh-3"]').waitFor({ state: 'detached', ...WAIT });
    expect(await fac.locator('[data-testid="msel"] tr[data-inject="zh-1"]').count()).toBe(1);
    expect(errors).toEqual([]);
  }, 240_000);
});
