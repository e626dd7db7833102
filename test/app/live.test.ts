// End-to-end, in headless Chromium against the real app: a chemical-leak drill with a
// facilitator and a district seat in two pages. Each step waits for what the user would see;
// screenshots of every main screen go to test-results/screenshots/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginOrganiser, repoRoot, requireChromium, startApp, type RunningApp } from '../helpers/chromium';

const shots = path.join(repoRoot, 'test-results', 'screenshots');
const SEAT = 'district-tiexi';
const WAIT = { timeout: 30_000 };

/** Types of the events a page lists (the facilitator's or the seat's event list / inbox). */
async function listedTypes(page: Page): Promise<string[]> {
  return page.locator('li[data-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type') ?? ''));
}

async function simTime(page: Page): Promise<number> {
  return Number(await page.locator('[data-testid="sim-clock"]').getAttribute('data-t'));
}

describe('live exercise in the browser', () => {
  let dbDir: string;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let ctx: BrowserContext;
  let fac: Page;
  let seat: Page;
  let facilitatorUrl = '';
  let seatUrl = '';
  let hqUrl = '';
  const errors: string[] = [];

  const start = (port?: number) => startApp({ port, env: { YANLIAN_DB: path.join(dbDir, 'live.db') } });

  beforeAll(async () => {
    requireChromium();
    mkdirSync(shots, { recursive: true });
    dbDir = mkdtempSync(path.join(os.tmpdir(), 'yanlian-live-e2e-'));
    app = await start();
    browser = await launchBrowser();
    ctx = await browser.newContext({
      locale: 'zh-CN',
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
      viewport: { width: 1440, height: 900 }
    });
    await loginOrganiser(ctx, app);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  });

  it('creates an exercise from the start page and shows a join link for every seat', async () => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`start: ${e.message}`));
    await page.goto(`${app!.url}/`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor(WAIT);
    await page.locator('[data-scenario="chemical-leak"] input[type="radio"]').check();
    await page.locator('input[name="name"]').fill('端到端化工演练');
    await page.locator('input[name="seed"]').fill('3');
    await page.locator('input[name="speed"]').fill('60');
    await page.locator('[data-testid="create"]').click();
    const links = page.locator('[data-testid="join-links"]');
    await links.waitFor(WAIT);
    expect(await links.textContent()).toContain('端到端化工演练');
    const seats = await links.locator('tr[data-seat]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-seat')));
    expect(seats).toEqual(['city-committee', 'hq-safety', 'field-post', 'district-tiexi', 'township-zhangshi', 'district-yuhong']);
    facilitatorUrl = (await page.locator('[data-testid="facilitator-link"]').getAttribute('href'))!;
    seatUrl = (await links.locator(`tr[data-seat="${SEAT}"] a[data-testid="seat-link"]`).getAttribute('href'))!;
    hqUrl = (await links.locator('tr[data-seat="hq-safety"] a[data-testid="seat-link"]').getAttribute('href'))!;
    expect(facilitatorUrl).toMatch(/\/x\/[^/]+\/facilitator\?token=/);
    expect(seatUrl).toMatch(new RegExp(`/x/[^/]+/seat/${SEAT}\\?token=`));
    await page.screenshot({ path: path.join(shots, 'start-links.png'), fullPage: true });
    await page.close();
  });

  it('refuses a wrong token with a clear message', async () => {
    const page = await ctx.newPage();
    await page.goto(facilitatorUrl.replace(/token=[^&]+/, 'token=not-a-token'));
    const err = page.locator('[data-testid="load-error"]');
    await err.waitFor(WAIT);
    expect(await err.textContent()).toContain('链接无效');
    await page.close();
  });

  it('opens the facilitator console and the seat, and runs the clock', async () => {
    fac = await ctx.newPage();
    seat = await ctx.newPage();
    fac.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
    seat.on('pageerror', (e) => errors.push(`seat: ${e.message}`));
    await fac.goto(facilitatorUrl);
    await seat.goto(seatUrl);
    await fac.locator('[data-testid="facilitator-console"]').waitFor(WAIT);
    await seat.locator('[data-testid="seat-page"]').waitFor(WAIT);
    expect(await seat.locator('[data-testid="seat-name"]').textContent()).toBe('铁西区应急指挥部');
    expect(await fac.locator('[data-testid="map"] path.district').count()).toBe(13);
    await fac.locator('.conn[data-state="open"]').waitFor(WAIT);
    await seat.locator('.conn[data-state="open"]').waitFor(WAIT);

    await fac.locator('[data-action="start"]').click();
    await fac.locator('[data-testid="sim-clock"][data-status="running"]').waitFor(WAIT);
    // Jump to the first scripted inject (45 min): the leak (30) and its report (34) come first.
    await fac.locator('[data-action="next-inject"]').click();
    await fac.locator('[data-testid="events"] li[data-type="inject.delivered"]').first().waitFor(WAIT);
    expect(await simTime(fac)).toBeGreaterThanOrEqual(45);
    const facTypes = await listedTypes(fac);
    expect(facTypes).toContain('incident.reported');
    expect(facTypes).toContain('hazard.release-started');
    // The map shows the incident and the plume.
    await fac.locator('[data-testid="map"] [data-incident="leak"]').waitFor(WAIT);
    await fac.locator('[data-testid="map"] path[data-plume-level="1"]').waitFor(WAIT);

    // The seat is told: the incident report and the hotline inject reach its inbox.
    await seat.locator('[data-testid="inbox"] li[data-type="incident.reported"]').waitFor(WAIT);
    await seat.locator('[data-testid="inbox"] li[data-type="inject.delivered"]').waitFor(WAIT);
    expect(await seat.locator('[data-testid="inbox"] li[data-type="inject.delivered"]').first().textContent()).toContain('12345热线');
  });

  it('never shows the seat an event meant for the facilitator only', async () => {
    await seat.locator('[data-testid="inbox"] .filters button', { hasText: '全部' }).click();
    await seat.locator('[data-testid="inbox"] li[data-type="incident.reported"]').waitFor(WAIT);
    const seatTypes = await listedTypes(seat);
    // Facilitator-only in the engine: the release itself, the source term, the plume, plan bookkeeping.
    for (const hidden of ['hazard.release-started', 'hazard.source', 'hazard.plume', 'casualties.estimate', 'plan.rule-triggered']) {
      expect(seatTypes).not.toContain(hidden);
    }
    // The join link's token left the address bar; the page's calls carry the seat's cookie.
    expect(seat.url()).not.toContain('token=');
    const seatView = await seat.evaluate(async () => {
      const id = location.pathname.split('/')[2];
      const r = await fetch(`/api/exercises/${id}/view`, { headers: { 'X-Yanlian-Role': 'district-tiexi' } });
      return (await r.json()) as { role: string; exercise: Record<string, unknown>; events: { type: string; audience?: unknown; data: Record<string, unknown> }[] };
    });
    expect(seatView.role).toBe('district-tiexi');
    // Nobody's audience list, no seed: the seat sees only its own world.
    expect(seatView.events.length).toBeGreaterThan(0);
    for (const e of seatView.events) expect(e.audience).toBeUndefined();
    expect(seatView.exercise.seed).toBeUndefined();
    expect(seatView.events.find((e) => e.type === 'exercise.started')?.data).toEqual({ duration: expect.any(Number) });
    await fac.locator('[data-testid="map"] [data-incident="leak"]').waitFor(WAIT);
    await fac.screenshot({ path: path.join(shots, 'facilitator-console.png') });
    await seat.screenshot({ path: path.join(shots, 'seat-inbox.png') });
    // Its own resources: the Tiexi depot the district holds, and nothing of the city's.
    const stock = await seat.locator('ul.stock').innerText();
    expect(stock).toContain('防毒面具 × 2,000');
    expect(stock).not.toContain('chemical-suits-a');
  });

  it('carries out an allowed order and shows a refused one with its reason', async () => {
    const form = seat.locator('[data-testid="order-form"]');
    await form.locator('select[name="type"]').selectOption('dispatch');
    await form.locator('select[name="team"]').selectOption('fire-zhangshi');
    await form.locator('select[name="target"]').selectOption('incident:leak');
    await form.locator('button[type="submit"]').click();
    const result = form.locator('[data-testid="order-result"]');
    await result.waitFor(WAIT);
    expect(await result.getAttribute('data-ok')).toBe('true');
    await seat.locator('[data-testid="map"] [data-team="fire-zhangshi"]').waitFor(WAIT);

    // Recalling a team that has not been sent anywhere is not allowed.
    await form.locator('select[name="type"]').selectOption('recall');
    await form.locator('select[name="team"]').selectOption('police-tiexi');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="order-result"][data-ok="false"]').waitFor(WAIT);
    const refusal = await form.locator('[data-testid="order-result"]').textContent();
    expect(refusal).toContain('指令被拒绝');
    expect(refusal).toContain('原因');
    expect(refusal).toContain('只能召回已出动的队伍');
    await seat.locator('[data-testid="inbox"] li[data-type="command.refused"]').first().waitFor(WAIT);
    await seat.screenshot({ path: path.join(shots, 'seat-refused.png') });

    // The facilitator sees what the seat ordered, refusal included.
    await fac.locator('[data-tab="participants"]').click();
    const row = fac.locator(`[data-testid="participants"] li[data-seat="${SEAT}"]`);
    await expect.poll(async () => (await row.textContent()) ?? '', WAIT).toContain('1 被拒绝');
    expect(await row.textContent()).toContain('召回队伍: 铁西公安分局交巡警');
    await fac.screenshot({ path: path.join(shots, 'facilitator-participants.png') });
  });

  it('passes a report up the chain: the special HQ knows of the incident only once the report arrives', async () => {
    const hq = await ctx.newPage();
    hq.on('pageerror', (e) => errors.push(`hq: ${e.message}`));
    await hq.goto(hqUrl);
    await hq.locator('[data-testid="seat-page"][data-seat="hq-safety"]').waitFor(WAIT);
    const hqForm = hq.locator('[data-testid="order-form"]');
    await hqForm.locator('select[name="type"]').selectOption('dispatch');
    expect(await hqForm.locator('select[name="target"] option[value^="incident:"]').count()).toBe(0);
    expect(await hq.locator('[data-testid="inbox"] li[data-type="report.received"]').count()).toBe(0);
    expect(await hq.locator('[data-testid="map"] [data-incident]').count()).toBe(0);

    const form = seat.locator('[data-testid="order-form"]');
    await form.locator('select[name="type"]').selectOption('report-up');
    await form.locator('select[name="incident"]').selectOption('leak');
    await form.locator('textarea[name="text-zh"]').fill('张士化工园区液氨泄漏，已派张士特勤消防站。');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-testid="order-result"][data-ok="true"]').waitFor(WAIT);

    // The report reaches the HQ after the district's report delay (10 sim-minutes).
    const report = hq.locator('[data-testid="inbox"] li[data-type="report.received"]').first();
    await report.waitFor({ timeout: 90_000 });
    expect(await report.textContent()).toContain('张士特勤消防站');
    await hq.locator('[data-testid="map"] [data-incident="leak"]').waitFor(WAIT);
    await hqForm.locator('select[name="target"] option[value="incident:leak"]').waitFor({ state: 'attached', ...WAIT });
    await hqForm.locator('select[name="team"]').selectOption('hazmat-city');
    await hqForm.locator('select[name="target"]').selectOption('incident:leak');
    await hqForm.locator('button[type="submit"]').click();
    await hqForm.locator('[data-testid="order-result"][data-ok="true"]').waitFor(WAIT);
    await hq.screenshot({ path: path.join(shots, 'seat-hq-report.png') });
    await hq.close();
  }, 180_000);

  it('shows the cascade graph, the MSEL with row/column errors, and takes observations', async () => {
    // An event picked on the timeline opens with its cause and consequences.
    await fac.locator('[data-testid="timeline"] circle[data-seq]').last().click();
    await fac.locator('[data-testid="event-detail"]').waitFor(WAIT);
    await fac.locator('[data-testid="event-detail"] button.x').click();

    await fac.locator('[data-tab="cascade"]').click();
    await fac.locator('[data-testid="cascade"] g.node').first().waitFor(WAIT);
    await fac.screenshot({ path: path.join(shots, 'facilitator-cascade.png') });

    await fac.locator('[data-tab="injects"]').click();
    await fac.locator('[data-testid="msel"] tr[data-inject="hotline-smell"]').waitFor(WAIT);
    const csv = 'id,at,to,from_zh,from_en,text_zh,text_en,manual\nlate-call,soon,district-tiexi,,,电话,A call,true\n';
    await fac.locator('[data-testid="msel-file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const issues = fac.locator('[data-testid="msel-issues"]');
    await issues.waitFor(WAIT);
    expect(await issues.locator('tbody tr').first().textContent()).toMatch(/^2\s*at/);
    await fac.screenshot({ path: path.join(shots, 'facilitator-msel.png') });

    // Write an inject into the list in the console's editor; it joins the MSEL.
    await fac.locator('[data-testid="msel"] button', { hasText: '编辑' }).click();
    await fac.locator('[data-testid="msel"] button', { hasText: '添加一行' }).click();
    const last = fac.locator('[data-testid="msel"] table.edit tbody tr').last();
    await last.locator('input[aria-label="id"]').fill('media-followup');
    await last.locator('input[aria-label="at"]').fill('2h');
    await last.locator('input[aria-label="to"]').fill('district-tiexi');
    await last.locator('input[aria-label="text_zh"]').fill('记者追问疏散安排。');
    await last.locator('input[aria-label="text_en"]').fill('A reporter asks about the evacuation.');
    await fac.locator('[data-testid="msel"] button', { hasText: '保存 MSEL' }).click();
    await fac.locator('[data-testid="msel"] tr[data-inject="media-followup"]').waitFor(WAIT);

    await fac.locator('[data-tab="observations"]').click();
    await fac.locator('textarea[name="observation"]').fill('铁西区在报告后 12 分钟内派出消防站');
    await fac.locator('[data-testid="observations"] button[type="submit"]').click();
    await fac.locator('[data-testid="observations"] li', { hasText: '12 分钟' }).waitFor(WAIT);
  });

  it('resumes the exercise after the server restarts', async () => {
    const before = await simTime(fac);
    const beforeEvents = (await listedTypes(seat)).length;
    const port = app!.port;
    await app!.stop();
    app = undefined;
    await fac.locator('.conn[data-state="reconnecting"]').waitFor(WAIT);
    app = await start(port);
    // Both pages reconnect by themselves (Last-Event-ID) and the clock goes on from where it was.
    await fac.locator('.conn[data-state="open"]').waitFor({ timeout: 60_000 });
    await seat.locator('.conn[data-state="open"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => simTime(fac), { timeout: 30_000 }).toBeGreaterThan(before);
    expect((await listedTypes(seat)).length).toBeGreaterThanOrEqual(beforeEvents);

    // A fresh load of the seat has everything it had: the report, its order and the refusal.
    await seat.reload();
    await seat.locator('[data-testid="inbox"] li[data-type="incident.reported"]').waitFor(WAIT);
    await seat.locator('[data-testid="inbox"] li[data-type="command.refused"]').first().waitFor(WAIT);
    await seat.locator('[data-testid="map"] [data-team="fire-zhangshi"]').waitFor(WAIT);
  }, 240_000);

  it('opens the debrief report', async () => {
    await fac.locator('[data-action="pause"]').click();
    await fac.locator('[data-testid="sim-clock"][data-status="paused"]').waitFor(WAIT);
    await fac.locator('[data-testid="report-link"]').click();
    await fac.locator('[data-testid="report-page"]').waitFor(WAIT);
    await fac.locator('[data-testid="scorecard"] dl.figs').waitFor(WAIT);
    await fac.locator('[data-testid="report-frame"]').waitFor(WAIT);
    const frame = fac.frameLocator('[data-testid="report-frame"]');
    await frame.locator('body').waitFor(WAIT);
    expect((await frame.locator('body').textContent())?.length ?? 0).toBeGreaterThan(100);
    await fac.screenshot({ path: path.join(shots, 'report.png') });
    expect(errors).toEqual([]);
  });
});
