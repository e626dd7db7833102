// The pages work under the Content-Security-Policy (no violation on the login page, the start
// page, the organiser page with a QR code, the facilitator console with its d3 map, a seat page,
// the report with its charts in a frame), and
// the seat's order form sends an Idempotency-Key with each order, a new one per submit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginOrganiser, repoRoot, requireChromium } from '../helpers/chromium';
import { startLive, tempDb, type LiveServer } from '../live/server';
import type { Created } from '../live/client';

const WAIT = { timeout: 30_000 };
const db = tempDb();
let server: LiveServer;
let browser: Browser;
let x: Created;

/** Every CSP violation a page reports (the event, and Chromium's console message). */
async function watch(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__cspViolation', (s: string) => seen.push(`violation: ${s}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation(s: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return seen;
}

beforeAll(async () => {
  requireChromium();
  server = await startLive(db.db);
  browser = await launchBrowser();
  x = await server.api.create({ scenario: 'chemical-leak', seed: 4, speed: 60, name: 'CSP drill' });
  await server.api.clock(x.id, x.facilitator.token, 'start');
  await server.api.clock(x.id, x.facilitator.token, 'next-inject');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.stop();
  db.remove();
});

describe('pages under the Content-Security-Policy', () => {
  it('the login, start and organiser pages, the facilitator console, a seat page and the report run without a violation', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    const seen = await watch(page);
    await page.goto(`${server.app.url}/login`);
    await page.locator('[data-testid="login-form"][data-ready="true"]').waitFor(WAIT);
    await loginOrganiser(ctx, server.app);
    await page.goto(`${server.app.url}/`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor(WAIT);
    await page.goto(`${server.app.url}/organiser`);
    await page.locator('[data-testid="organiser-exercise"]').first().waitFor(WAIT);
    await page.locator('[data-testid="qr-button"]').first().click();
    await page.locator('[data-testid="qr"] svg').first().waitFor(WAIT);
    await page.goto(x.facilitator.url);
    await page.locator('[data-testid="map"] svg').first().waitFor(WAIT);
    await page.locator('[data-testid="sim-clock"]').waitFor(WAIT);
    await page.goto(x.seats.find((s) => s.id === 'district-tiexi')!.url);
    await page.locator('[data-testid="order-form"]').waitFor(WAIT);
    await page.locator('[data-testid="map"] svg').first().waitFor(WAIT);
    await page.goto(x.facilitator.url);
    await page.locator('[data-testid="report-link"]').click();
    await page.locator('[data-testid="report-frame"]').waitFor(WAIT);
    const frame = page.frameLocator('[data-testid="report-frame"]');
    // The report's charts are drawn by its inline scripts (d3): allowed by their hashes.
    await frame.locator('svg[role="img"]').first().waitFor(WAIT);
    expect(seen).toEqual([]);
    // The watch does see a violation: an inline script added by hand is refused and reported.
    await page.evaluate(() => document.body.appendChild(Object.assign(document.createElement('script'), { textContent: 'window.injected = 1' })));
    await expect.poll(() => seen.length, WAIT).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    await ctx.close();
  });

  it('the order form sends a new Idempotency-Key with each order', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const seat = await ctx.newPage();
    const keys: string[] = [];
    seat.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/commands')) keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await seat.goto(x.seats.find((s) => s.id === 'district-tiexi')!.url);
    const form = seat.locator('[data-testid="order-form"]');
    await form.waitFor(WAIT);
    for (let i = 0; i < 2; i++) {
      await form.locator('select[name="type"]').selectOption('report-up');
      await form.locator('select[name="incident"]').selectOption('leak');
      await form.locator('button[type="submit"]').click();
      await expect.poll(() => keys.length, WAIT).toBe(i + 1);
    }
    expect(keys.every((k) => /^[0-9a-f-]{32,36}$/.test(k))).toBe(true);
    expect(new Set(keys).size).toBe(2);
    await ctx.close();
  });

  it('shows the facilitator why an exercise halted (a scenario that runs away), with its log to export', async () => {
    const yaml = readFileSync(path.join(repoRoot, 'scenarios', 'chemical-leak.yaml'), 'utf8').replace(/^physics:\n  tick: 5$/m, 'physics:\n  tick: 0');
    const r = await server.api.call('POST', '/api/exercises', { body: { scenario: { yaml }, seed: 3, speed: 60, name: 'runaway page' } });
    if (r.status === 400) return; // the engine's checker refuses it up front
    const y = r.body as Created;
    await server.api.clock(y.id, y.facilitator.token, 'start');
    await server.api.call('POST', `/api/exercises/${y.id}/clock`, { token: y.facilitator.token, body: { action: 'next-inject' } });
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(y.facilitator.url);
    const banner = page.locator('[data-testid="halted"]');
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toMatch(/内部错误.*runs away/);
    const href = await banner.locator('a[download]').getAttribute('href');
    expect(href).toMatch(new RegExp(`/api/exercises/${y.id}/log$`));
    // The link carries no token: the facilitator's cookie (from the join link) authenticates it.
    const log = await page.request.get(new URL(href!, page.url()).href);
    expect(log.status()).toBe(200);
    expect((await log.json()).format).toBe('yanlian/log@2');
    await ctx.close();
  });
});
