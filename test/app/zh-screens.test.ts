// End-to-end, in headless Chromium: each bundled scenario walked in Chinese (?lang=zh) — the start
// page (an upload that is too large), the facilitator console (every tab) after the clock has run,
// and a seat after a refused order. The visible text must carry no English word and no internal id
// outside a short list of proper names, units and abbreviations. Texts and screenshots go to
// test-results/zh-screens/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startBrowserSession, type BrowserSession, type RunningApp } from '../helpers/chromium';

const out = path.join(repoRoot, 'test-results', 'zh-screens');
const WAIT = { timeout: 30_000 };

/**
 * Latin words a Chinese page may show: the product's name, units, physical and hazard
 * abbreviations (AEGL, ETA, M for magnitude), compass letters, grades and time marks.
 */
const ALLOWED = new Set(
  [
    'Yanlian', 'T', 'km', 'm', 's', 'kg', 'mm', 'min', 'h', 'hPa', 'kPa', 'kW', 'ppm', 'mg', 'L', 'mg/L', 'm/s', 'kg/s', 'kW/m',
    'AEGL', 'ETA', 'MSEL', 'QR', 'ID', 'CSV', 'XLSX', 'YAML', 'JSON', 'GeoJSON', 'PNG', 'PGA', 'MMI', 'GB', 'g', 'M', 'Mw',
    'N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW', 'A', 'B', 'C', 'D', 'F', 'I', 'II', 'III', 'IV', 'NH', 'EN', 'MB', 'KB',
    'en', 'zh', 'English', 'x'
  ].map((w) => w.toLowerCase())
);

/** The Latin words in a text that are not allowed (ids such as gas-masks come out whole). */
export function strayLatin(text: string): string[] {
  const bad = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-_:][A-Za-z0-9]+)*/g)) {
    const w = m[0];
    if (ALLOWED.has(w.toLowerCase())) continue;
    // Chemical formulae and sensor tags (NH3, Cl2, AEGL-1, M6): letters with digits only.
    if (/^(?:[A-Z][a-z]?\d*)+$/.test(w) && /\d/.test(w)) continue;
    if (/^(?:AEGL|M|T)-?\d/i.test(w)) continue;
    // A tank's tag, painted on it (NH3-1, LPG-1): shown after or in the tank's name.
    if (/^[A-Z][A-Z0-9]{1,4}-\d+$/.test(w)) continue;
    bad.add(w);
  }
  return [...bad];
}

/**
 * The text a user sees: visible text nodes (SVG labels included) and the choices of every select,
 * leaving out what is marked English on purpose (lang="en": the start page's second title),
 * code (file names, a command line), the MSEL panel, and addresses (links carry ids by design).
 */
async function visible(page: Page, root = 'body'): Promise<string> {
  const text = await page.evaluate((root) => {
    const skip = '[lang="en"], code, pre, script, style, [data-testid="msel"], .msel';
    const parts: string[] = [];
    const top = document.querySelector(root);
    if (!top) return '';
    const walk = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      if (el.closest('select')) continue;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) continue;
      const t = (n.textContent ?? '').trim();
      if (t) parts.push(t);
    }
    for (const o of top.querySelectorAll('select option')) if (!o.closest(skip)) parts.push((o.textContent ?? '').trim());
    return parts.join('\n');
  }, root);
  return text.replace(/https?:\/\/\S+/g, ' ');
}

const SCENARIOS = ['chemical-leak', 'typhoon', 'earthquake'] as const;

describe('Chinese throughout: no English or internal ids on the live screens', () => {
  let app: RunningApp | undefined;
  let session: BrowserSession | undefined;
  let ctx: BrowserContext;
  const found: Record<string, string[]> = {};
  const errors: string[] = [];

  const check = async (page: Page, key: string) => {
    const text = await visible(page);
    writeFileSync(path.join(out, `${key}.txt`), text);
    await page.screenshot({ path: path.join(out, `${key}.png`), fullPage: true });
    const bad = strayLatin(text);
    if (bad.length) found[key] = bad;
  };

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    session = await startBrowserSession('zh');
    ({ app, ctx } = session);
  }, 180_000);

  afterAll(async () => {
    writeFileSync(path.join(out, 'found.json'), JSON.stringify(found, null, 2));
    await session?.close();
  });

  it('the start page says in Chinese, in MB, why an upload is too large', async () => {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(`start: ${e.message}`));
    await page.goto(`${app!.url}/?lang=zh`);
    await page.locator('[data-testid="start-form"][data-ready="true"]').waitFor(WAIT);
    const big = 'yanlian/scenario@1\n# ' + 'x'.repeat(9 * 1024 * 1024) + '\n';
    await page.locator('[data-testid="scenario-upload"]').setInputFiles({ name: '超大想定.yaml', mimeType: 'text/yaml', buffer: Buffer.from(big) });
    await page.locator('input[name="name"]').fill('超大文件');
    await page.locator('[data-testid="create"]').click();
    const err = page.locator('[data-testid="create-error"]');
    await err.waitFor(WAIT);
    const text = (await err.textContent()) ?? '';
    await check(page, 'start-upload-error');
    expect(text).toMatch(/MB/);

    // A mistake in the file: the validator's sentence in Chinese, the value it quotes as written.
    const good = readFileSync(path.join(repoRoot, 'scenarios', 'chemical-leak.yaml'), 'utf8');
    await page.locator('[data-testid="scenario-upload"]').setInputFiles({ name: '化工演练.yaml', mimeType: 'text/yaml', buffer: Buffer.from(good.replace('hazard: chemical-leak', 'hazard: volcano')) });
    await page.locator('[data-testid="create"]').click();
    await expect.poll(async () => (await err.locator('li').first().textContent()) ?? '', WAIT).toContain('取值无效，应为以下之一');
    await page.close();
  }, 90_000);

  for (const id of SCENARIOS) {
    it(`${id}: the facilitator console and a seat show names, in Chinese`, async () => {
      const start = await ctx.newPage();
      start.on('pageerror', (e) => errors.push(`${id} start: ${e.message}`));
      await start.goto(`${app!.url}/?lang=zh`);
      await start.locator('[data-testid="start-form"][data-ready="true"]').waitFor(WAIT);
      await start.locator(`[data-scenario="${id}"] input[type="radio"]`).check();
      await start.locator('input[name="name"]').fill(`中文检查 ${id.length}`);
      await start.locator('input[name="seed"]').fill('7');
      await start.locator('input[name="speed"]').fill('60');
      // In the chemical drill the plan gives the orders of the seats nobody holds: teams move, warnings go out, plan rules fire.
      if (id === 'chemical-leak') await start.locator('input[name="autopilot"]').check();
      await start.locator('[data-testid="create"]').click();
      const links = start.locator('[data-testid="join-links"]');
      await links.waitFor(WAIT);
      await check(start, `${id}-start-links`);
      const facUrl = (await start.locator('[data-testid="facilitator-link"]').getAttribute('href'))!;
      const seatUrls = await links.locator('a[data-testid="seat-link"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      await start.close();

      const fac = await ctx.newPage();
      fac.on('pageerror', (e) => errors.push(`${id} facilitator: ${e.message}`));
      await fac.goto(facUrl);
      await fac.locator('[data-testid="facilitator-console"]').waitFor(WAIT);
      await fac.locator('.conn[data-state="open"]').waitFor(WAIT);
      await fac.locator('[data-action="start"]').click();
      await fac.locator('[data-testid="sim-clock"][data-status="running"]').waitFor(WAIT);
      // Jump from inject to inject (the clock runs at 60× in between) so events, incidents and cascades appear.
      for (let k = 0; k < 7; k++) {
        if (await fac.locator('[data-action="next-inject"]').isDisabled()) break;
        const t0 = Number(await fac.locator('[data-testid="sim-clock"]').getAttribute('data-t'));
        await fac.locator('[data-action="next-inject"]').click();
        await expect.poll(async () => Number(await fac.locator('[data-testid="sim-clock"]').getAttribute('data-t')), WAIT).toBeGreaterThan(t0);
        await fac.waitForTimeout(1000);
      }

      // A district seat with teams of its own recalls one that has not been sent out: refused, with a reason.
      const seat = await ctx.newPage();
      seat.on('pageerror', (e) => errors.push(`${id} seat: ${e.message}`));
      const form = seat.locator('[data-testid="order-form"]');
      let refused = false;
      for (const url of seatUrls.slice(3)) {
        await seat.goto(url);
        await seat.locator('[data-testid="seat-page"]').waitFor(WAIT);
        await seat.locator('.conn[data-state="open"]').waitFor(WAIT);
        if (!(await form.locator('select[name="type"] option[value="recall"]').count())) continue;
        await form.locator('select[name="type"]').selectOption('recall');
        const teams = await form.locator('select[name="team"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
        if (!teams.length) continue;
        // A team at its base (not sent out) cannot be recalled: try them in turn until one is refused.
        for (const team of teams) {
          await form.locator('select[name="type"]').selectOption('recall');
          await form.locator('select[name="team"]').selectOption(team);
          await form.locator('button[type="submit"]').click();
          await seat.waitForTimeout(300);
          await form.locator('[data-testid="order-result"]').waitFor(WAIT);
          refused = (await form.locator('[data-testid="order-result"]').getAttribute('data-ok')) === 'false';
          if (refused) break;
        }
        if (refused) break;
      }
      expect(refused).toBe(true);
      await seat.locator('[data-testid="inbox"] li[data-type="command.refused"]').first().waitFor(WAIT);
      await check(seat, `${id}-seat`);

      for (const tab of ['events', 'cascade', 'injects', 'participants', 'teams', 'observations', 'fork']) {
        await fac.locator(`[data-tab="${tab}"]`).click();
        await fac.waitForTimeout(300);
        await check(fac, `${id}-facilitator-${tab}`);
      }
      // The detail of each kind of event (first of each type).
      await fac.locator('[data-tab="events"]').click();
      const types = await fac.locator('[data-testid="events"] li[data-type]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-type')!))]);
      let detail = '';
      const bad = new Set<string>();
      for (const t of types) {
        await fac.locator(`[data-testid="events"] li[data-type="${t}"]`).first().click();
        await fac.locator('[data-testid="event-detail"]').waitFor(WAIT);
        const text = await visible(fac, '[data-testid="event-detail"]');
        detail += `\n# ${t}\n${text}`;
        for (const w of strayLatin(text)) bad.add(w);
      }
      writeFileSync(path.join(out, `${id}-details.txt`), detail);
      if (bad.size) found[`${id}-details`] = [...bad];
      // The same console in English stays English: no Chinese in the event lines.
      await fac.goto(facUrl.replace('lang=zh', 'lang=en'));
      await fac.locator('[data-testid="facilitator-console"]').waitFor(WAIT);
      await fac.locator('[data-testid="events"] li[data-type]').first().waitFor(WAIT);
      const en = await visible(fac, '[data-testid="events"]');
      writeFileSync(path.join(out, `${id}-facilitator-events-en.txt`), en);
      const cjk = en.split('\n').filter((l) => /[\u4e00-\u9fff]/.test(l));
      if (cjk.length) found[`${id}-events-en`] = cjk.slice(0, 10);
      await fac.close();
      await seat.close();
    }, 180_000);
  }

  it('found no stray English or ids, and no page error', () => {
    expect(found).toEqual({});
    expect(errors).toEqual([]);
  });
});
