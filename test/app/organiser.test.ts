// The organiser's pages in Chromium: the login, every exercise with its links and QR codes, a
// seat's link reissued (the old one stops working), and a join link that leaves the address bar.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, repoRoot, requireChromium, startApp, type RunningApp } from '../helpers/chromium';
import type { Created } from '../live/client';

const shots = path.join(repoRoot, 'test-results', 'screenshots');
const WAIT = { timeout: 30_000 };

describe('organiser pages (Chromium)', () => {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let ctx: BrowserContext;
  let single: Created;
  let cells: Created;
  const errors: string[] = [];

  const create = async (body: Record<string, unknown>): Promise<Created> => {
    const r = await fetch(`${app!.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app!.adminKey}` }, body: JSON.stringify(body) });
    if (r.status !== 201) throw new Error(`create: ${r.status}`);
    return (await r.json()) as Created;
  };
  const newPage = async (c: BrowserContext): Promise<Page> => {
    const p = await c.newPage();
    p.on('pageerror', (e) => errors.push(e.message));
    return p;
  };

  beforeAll(async () => {
    requireChromium();
    mkdirSync(shots, { recursive: true });
    app = await startApp();
    browser = await launchBrowser();
    ctx = await browser.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' }, viewport: { width: 1280, height: 900 } });
    single = await create({ scenario: 'chemical-leak', seed: 11, name: '化工泄漏演练（一）' });
    cells = await create({ scenario: 'typhoon', seed: 12, name: '台风平行演练', cells: 2 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks for the organiser login before anything can be created or listed', async () => {
    const page = await newPage(ctx);
    await page.goto(`${app!.url}/`);
    const needed = page.locator('[data-testid="login-needed"]');
    await needed.waitFor(WAIT);
    expect(await needed.textContent()).toContain('需要组织者登录');
    expect(await page.locator('[data-testid="start-form"]').count()).toBe(0);
    await page.goto(`${app!.url}/organiser`);
    await page.waitForURL(/\/login\?next=/);
    await page.locator('[data-testid="login-form"][data-ready="true"]').waitFor(WAIT);
    await page.locator('input[name="key"]').fill('wrong key');
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    const err = page.locator('[data-testid="login-error"]');
    await err.waitFor(WAIT);
    expect(await err.textContent()).toBe('组织者密钥不正确');
    await page.screenshot({ path: path.join(shots, 'login-zh.png') });
    await page.locator('input[name="key"]').fill(app!.adminKey!);
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await page.waitForURL(/\/organiser$/);
    await page.close();
  });

  it('lists every exercise with the facilitator link, each seat link and a QR code', async () => {
    const page = await newPage(ctx);
    await page.goto(`${app!.url}/organiser`);
    const one = page.locator(`[data-testid="organiser-exercise"][data-exercise="${single.id}"]`);
    await one.waitFor(WAIT);
    expect(await one.locator('h2').textContent()).toBe('化工泄漏演练（一）');
    expect(await one.locator('[data-testid="facilitator-link"]').getAttribute('href')).toBe(`${single.facilitator.url}&lang=zh`);
    const seatIds = await one.locator('tr[data-seat]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seat')));
    expect(seatIds).toEqual(single.seats.map((s) => s.id));
    // The token is in the link, not on show.
    expect(await one.locator('tr[data-seat="district-tiexi"] a[data-testid="seat-link"]').textContent()).toContain('token=…');
    const group = page.locator(`[data-testid="organiser-exercise"][data-exercise="${cells.id}"]`);
    expect(await group.getAttribute('data-kind')).toBe('group');
    expect(await group.locator('h3').allTextContents()).toEqual(['台风平行演练 · 1 的席位', '台风平行演练 · 2 的席位']);
    expect(await group.locator('a[data-testid="seat-link"]').count()).toBe(cells.cells.reduce((n, c) => n + c.seats!.length, 0));
    await page.screenshot({ path: path.join(shots, 'organiser-zh.png'), fullPage: true });

    await one.locator('tr[data-seat="district-tiexi"] [data-testid="qr-button"]').click();
    const dialog = page.locator('[data-testid="qr-dialog"]');
    await dialog.waitFor(WAIT);
    expect(await dialog.locator('[data-testid="qr"] svg').count()).toBe(1);
    expect(await dialog.textContent()).toContain('用手机扫描以加入');
    await page.screenshot({ path: path.join(shots, 'organiser-qr-zh.png') });
    await page.close();
  });

  it("reissues a seat's link: the old link no longer opens the seat, the new one does and leaves the address bar clean", async () => {
    const page = await newPage(ctx);
    await page.goto(`${app!.url}/organiser?lang=en`);
    const row = page.locator(`[data-exercise="${single.id}"] tr[data-seat="district-tiexi"]`);
    await row.waitFor(WAIT);
    const before = await row.locator('a[data-testid="seat-link"]').getAttribute('href');
    page.once('dialog', (d) => void d.accept());
    await row.locator('[data-testid="reissue"]').click();
    await row.locator('[role="status"]').waitFor(WAIT);
    expect(await row.locator('[role="status"]').textContent()).toBe('Reissued: the old link no longer works');
    const after = (await row.locator('a[data-testid="seat-link"]').getAttribute('href'))!;
    expect(after).not.toBe(before);
    await page.screenshot({ path: path.join(shots, 'organiser-en.png'), fullPage: true });

    // A trainee's own browser: no organiser cookie.
    const trainee = await browser!.newContext({ locale: 'zh-CN', extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' }, viewport: { width: 1280, height: 800 } });
    try {
      const old = await newPage(trainee);
      await old.goto(single.seats.find((s) => s.id === 'district-tiexi')!.url);
      await old.locator('[data-testid="load-error"]').waitFor(WAIT);
      expect(await old.locator('[data-testid="load-error"]').textContent()).toContain('链接无效');
      const seat = await newPage(trainee);
      await seat.goto(after.replace('lang=en', 'lang=zh'));
      await seat.locator('[data-testid="seat-page"][data-seat="district-tiexi"]').waitFor(WAIT);
      expect(seat.url()).toBe(`${app!.url}/x/${single.id}/seat/district-tiexi?lang=zh`);
      // The trainee's browser cannot list or create exercises.
      const list = await seat.evaluate(async () => (await fetch('/api/exercises')).status);
      expect(list).toBe(401);
      await seat.screenshot({ path: path.join(shots, 'seat-after-reissue-zh.png') });
    } finally {
      await trainee.close();
    }
    expect(errors).toEqual([]);
  });
});
