// End-to-end: build and start the app like `npm start`, open / in headless Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, repoRoot, requireChromium, startApp, type RunningApp } from '../helpers/chromium';

const SCENARIO = `format: yanlian/scenario@1
id: test-chlorine-leak
title:
  zh: 测试园区氯气泄漏
  en: Test park chlorine leak
summary:
  zh: 储罐阀门失效，氯气向下风向居民区扩散，需要组织疏散。
  en: A tank valve fails and chlorine drifts towards homes downwind; an evacuation is needed.
hazard: chemical-leak
region:
  zh: 测试市化工园区
  en: Test City chemical park
`;

const shots = path.join(repoRoot, 'test-results', 'screenshots');

describe('home page', () => {
  let dir: string;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    requireChromium(); // fail loudly, never skip
    dir = mkdtempSync(path.join(os.tmpdir(), 'yanlian-scenarios-'));
    writeFileSync(path.join(dir, 'chlorine-leak.yaml'), SCENARIO);
    writeFileSync(path.join(dir, 'broken.yaml'), 'format: [not closed\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a scenario\n');
    mkdirSync(shots, { recursive: true });
    app = await startApp({ env: { YANLIAN_SCENARIOS: dir } });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the scenario in Chinese for Accept-Language zh-CN', async () => {
    const ctx = await browser!.newContext({
      locale: 'zh-CN',
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' },
      viewport: { width: 1280, height: 800 }
    });
    try {
      const page = await ctx.newPage();
      const res = await page.goto(`${app!.url}/`);
      expect(res?.status()).toBe(200);
      const card = page.locator('[data-scenario="test-chlorine-leak"]');
      await card.waitFor();
      expect(await page.locator('.cards > li').count()).toBe(1); // broken.yaml and notes.txt skipped
      expect(await card.locator('.title-primary').textContent()).toBe('测试园区氯气泄漏');
      expect(await card.locator('.title-secondary').textContent()).toBe('Test park chlorine leak');
      expect(await card.textContent()).toContain('危化品泄漏');
      expect(await card.textContent()).toContain('chlorine-leak.yaml');
      expect(await page.locator('h1').textContent()).toBe('内置想定');
      expect(await page.locator('header').textContent()).toContain('应急演练推演引擎');
      expect(await page.locator('.cli').textContent()).toContain('npx yanlian run');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.screenshot({ path: path.join(shots, 'home-zh.png'), fullPage: true });
    } finally {
      await ctx.close();
    }
  });

  it('shows the scenario in English with ?lang=en, and the switch goes back to Chinese', async () => {
    const ctx = await browser!.newContext({
      locale: 'zh-CN',
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
      viewport: { width: 1280, height: 800 }
    });
    try {
      const page = await ctx.newPage();
      await page.goto(`${app!.url}/?lang=en`);
      const card = page.locator('[data-scenario="test-chlorine-leak"]');
      expect(await card.locator('.title-primary').textContent()).toBe('Test park chlorine leak');
      expect(await card.textContent()).toContain('Chemical leak');
      expect(await card.textContent()).toContain('Test City chemical park');
      expect(await page.locator('h1').textContent()).toBe('Bundled scenarios');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.screenshot({ path: path.join(shots, 'home-en.png'), fullPage: true });

      await page.locator('.lang-switch a[data-lang="zh"]').click();
      await page.waitForURL(/lang=zh/);
      await expect.poll(() => card.locator('.title-primary').textContent()).toBe('测试园区氯气泄漏');
    } finally {
      await ctx.close();
    }
  });

  it('defaults to English without a Chinese Accept-Language', async () => {
    const html = await (await fetch(`${app!.url}/`, { headers: { 'Accept-Language': 'de-DE,en;q=0.5' } })).text();
    expect(html).toContain('Bundled scenarios');
    const none = await (await fetch(`${app!.url}/`)).text();
    expect(none).toContain('Bundled scenarios');
  });
});
