// End-to-end, in headless Chromium: parallel cells under one clock compared side by side, and a
// branch forked from a past moment that opens beside the original. In English, to cover the
// other language of the console.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startBrowserSession, type BrowserSession, type RunningApp } from '../helpers/chromium';

const shots = path.join(repoRoot, 'test-results', 'screenshots');
const WAIT = { timeout: 30_000 };

describe('parallel cells and forks in the browser', () => {
  let app: RunningApp | undefined;
  let session: BrowserSession | undefined;
  let ctx: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await startBrowserSession('en', { width: 1280, height: 800 });
    ({ app, ctx } = session);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('uploads a scenario file: a mistake is named by its field, a good file creates the exercise', async () => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app!.url}/?lang=en`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor(WAIT);
    const good = readFileSync(path.join(repoRoot, 'scenarios', 'chemical-leak.yaml'), 'utf8');
    const bad = good.replace('hazard: chemical-leak', 'hazard: volcano');
    await page.locator('[data-testid="scenario-upload"]').setInputFiles({ name: 'my-drill.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
    await page.locator('.chosen-upload').waitFor(WAIT);
    await page.locator('[data-testid="create"]').click();
    const err = page.locator('[data-testid="create-error"]');
    await err.waitFor(WAIT);
    expect(await err.locator('li').first().textContent()).toMatch(/^hazard\s.*expected one of/);
    await page.screenshot({ path: path.join(shots, 'start-upload-error.png'), fullPage: true });

    await page.locator('[data-testid="scenario-upload"]').setInputFiles({ name: 'my-drill.yaml', mimeType: 'application/yaml', buffer: Buffer.from(good) });
    await page.locator('[data-testid="create"]').click();
    await page.locator('[data-testid="join-links"] tr[data-seat="district-tiexi"]').waitFor(WAIT);
    expect(await err.count()).toBe(0);
    await page.close();
  });

  it('runs two cells on one clock and compares their decisions', async () => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app!.url}/?lang=en`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor(WAIT);
    await page.locator('[data-scenario="chemical-leak"] input[type="radio"]').check();
    await page.locator('input[name="name"]').fill('Two-cell drill');
    await page.locator('input[name="cells"]').fill('2');
    await page.locator('[data-testid="create"]').click();
    const links = page.locator('[data-testid="join-links"]');
    await links.waitFor(WAIT);
    expect(await links.locator('table.seat-links').count()).toBe(2);
    const cellsHref = await links.locator('a', { hasText: 'Open the cells comparison' }).getAttribute('href');
    const seatHrefs = await links.locator('tr[data-seat="district-tiexi"] a[data-testid="seat-link"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(seatHrefs).toHaveLength(2);
    await page.screenshot({ path: path.join(shots, 'start-cells-links.png'), fullPage: true });

    await page.goto(cellsHref!);
    await page.locator('[data-testid="cells-page"] section[data-cell]').nth(1).waitFor(WAIT);
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-action="next-inject"]').click();
    await page.locator('[data-testid="sim-clock"][data-status="running"]').waitFor(WAIT);

    // Only the first cell's district seat acts: dispatches its fire station.
    const seat = await ctx.newPage();
    await seat.goto(seatHrefs[0]);
    const form = seat.locator('[data-testid="order-form"]');
    await seat.locator('[data-testid="inbox"] li[data-type="incident.reported"]').waitFor(WAIT);
    await form.locator('select[name="type"]').selectOption('dispatch');
    await form.locator('select[name="team"]').selectOption('fire-zhangshi');
    await form.locator('select[name="target"]').selectOption('incident:leak');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="order-result"][data-ok="true"]').waitFor(WAIT);
    await seat.screenshot({ path: path.join(shots, 'seat-en-1280.png') });
    await seat.close();

    const first = page.locator('section[data-cell]').nth(0);
    const second = page.locator('section[data-cell]').nth(1);
    await expect.poll(async () => (await first.locator('ol.dec li').count()), WAIT).toBe(1);
    expect(await first.locator('ol.dec li').textContent()).toContain('Dispatch a team');
    expect(await second.locator('ol.dec li').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'cells-compare.png') });
    await page.close();
  });

  it('forks an exercise at a past moment and opens the branch', async () => {
    const created = await (
      await fetch(`${app!.url}/api/exercises`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app!.adminKey}` },
        body: JSON.stringify({ scenario: 'chemical-leak', seed: 5, speed: 60, name: 'Fork source' })
      })
    ).json();
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const u = new URL(created.facilitator.url);
    await page.goto(`${app!.url}${u.pathname}${u.search}&lang=en`);
    await page.locator('[data-testid="facilitator-console"]').waitFor(WAIT);
    await page.locator('[data-action="start"]').click();
    await page.locator('[data-action="next-inject"]').click();
    await page.locator('[data-testid="events"] li[data-type="inject.delivered"]').first().waitFor(WAIT);
    await page.locator('[data-action="pause"]').click();

    await page.locator('[data-tab="fork"]').click();
    await page.locator('input[name="fork-at"]').fill('40');
    const [branch] = await Promise.all([ctx.waitForEvent('page'), page.locator('[data-testid="fork"] button[type="submit"]').click()]);
    await branch.locator('[data-testid="facilitator-console"]').waitFor(WAIT);
    expect(await branch.locator('[data-testid="exercise-name"]').textContent()).toContain('Fork source');
    expect(Number(await branch.locator('[data-testid="sim-clock"]').getAttribute('data-t'))).toBe(40);
    // The branch holds the original's history up to the fork: the incident report at 34, not the inject at 45.
    await branch.locator('[data-testid="events"] li[data-type="incident.reported"]').waitFor(WAIT);
    expect(await branch.locator('[data-testid="events"] li[data-type="inject.delivered"]').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'facilitator-fork-en.png') });
    await branch.screenshot({ path: path.join(shots, 'fork-branch-en.png') });
    expect(errors).toEqual([]);
  });
});
