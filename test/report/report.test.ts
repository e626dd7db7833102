import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { runHeadless, makeLog, scoreRun } from '../../engine/index.ts';
import { renderReport, REPORT_FORMATS } from '../../src/report/index.ts';
import { cli } from '../helpers/cli.ts';
import { bundled } from '../helpers/scenario.ts';
import { launchBrowser, repoRoot } from '../helpers/chromium.ts';

const sc = bundled();
// Seed 5: the leak ignites, so the report has a chain to draw (ignition → fire, runoff → intake; domino prevented).
const ex = runHeadless(sc, { seed: 5 });
const scorecard = scoreRun({ scenario: sc, plan: ex.plan, events: ex.events, commands: ex.commands });
const input = { scorecard, events: ex.events, scenario: sc };
const tmp = mkdtempSync(join(tmpdir(), 'yanlian-report-'));

describe('after-action report: every format in both languages', () => {
  it('renders html, md, json and csv in Chinese and English', () => {
    for (const lang of ['zh', 'en'] as const) {
      const html = renderReport(input, 'html', lang);
      expect(html).toMatch(lang === 'zh' ? /演练评估报告/ : /After-action report/);
      expect(html).toContain(lang === 'zh' ? '改进计划' : 'Improvement plan');
      expect(html).toContain('id="chart-map"');
      expect(html).toMatch(/d3js\.org|function\(t,n\)|"d3"/); // d3 inlined, no network needed
      expect(html).not.toMatch(/<script[^>]+src=/);
      const md = renderReport(input, 'md', lang);
      expect(md).toMatch(/^# /);
      expect(md).toContain(lang === 'zh' ? '## 11. 改进计划' : '## 11. Improvement plan');
      expect(md).toContain(lang === 'zh' ? '泄漏物起火' : 'Leak ignites');
      const json = JSON.parse(renderReport(input, 'json', lang));
      expect(json).toEqual(JSON.parse(JSON.stringify(scorecard)));
      const csv = renderReport(input, 'csv', lang);
      expect(csv.startsWith('\uFEFFsection,id,name,value,unit,rating,status,owner,due,evidence\r\n')).toBe(true);
      const rows = csv.trim().split('\r\n');
      expect(rows.filter((r) => r.startsWith('metric,')).length).toBe(scorecard.metricDetails.length);
      expect(rows.some((r) => r.startsWith('improvement,'))).toBe(true);
      expect(csv).toContain(`metric,firstReportUpAt,${lang === 'zh' ? '首报送达时刻（推演分钟）' : 'First report arrives (sim-min)'},${scorecard.metrics.firstReportUpAt}`);
    }
    expect(REPORT_FORMATS).toEqual(['html', 'md', 'json', 'csv']);
  });

  it('yanlian report LOG: 0 with the file written, 2 for usage, 1 for a bad log', async () => {
    const log = join(tmp, 'run.log.json');
    writeFileSync(log, JSON.stringify(makeLog(ex, sc.data.duration)));
    const out = join(tmp, 'report.md');
    const ok = await cli('report', log, '--format', 'md', '--lang', 'en', '--out', out);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/wrote .*report\.md \(md, en\)/);
    expect(readFileSync(out, 'utf8')).toContain('## 8. Drill evaluation score sheet');
    const stdout = await cli('report', log, '--format', 'json');
    expect(JSON.parse(stdout.out).sheet.total).toBe(scorecard.sheet.total);
    expect((await cli('report')).code).toBe(2);
    const badFormat = await cli('report', log, '--format', 'pdf');
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toMatch(/--format expects one of html, md, json, csv, not "pdf"/);
    expect((await cli('report', log, '--lang', 'fr')).code).toBe(2);
    const notLog = join(tmp, 'not-a-log.json');
    writeFileSync(notLog, '{"format": "something/else"}');
    const bad = await cli('report', notLog);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not-a-log\.json: format: .* \/ expected "yanlian\/log@2"/);
    expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
    const missing = await cli('report', join(tmp, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.json: cannot read the file: no such file/);
  });
});

describe('after-action report in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launchBrowser(); }, 60_000);
  afterAll(async () => { await browser?.close(); });

  for (const lang of ['zh', 'en'] as const) {
    it(`draws every chart with no console error, and prints to PDF (${lang})`, async () => {
      const file = join(tmp, `report-${lang}.html`);
      writeFileSync(file, renderReport(input, 'html', lang));
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${file}`);
      const charts = await page.evaluate(() => [...document.querySelectorAll('.chart')].map((c) => ({
        id: c.id,
        paths: [...c.querySelectorAll('svg path')].filter((p) => (p.getAttribute('d') ?? '').length > 8).length,
        marks: c.querySelectorAll('svg circle, svg text').length
      })));
      expect(charts.map((c) => c.id).sort()).toEqual(['chart-cascade', 'chart-map', 'chart-sheet', 'chart-timeline', 'chart-times']);
      for (const c of charts) expect(c.paths, c.id).toBeGreaterThan(0);
      const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
      expect(byId['chart-map'].paths).toBeGreaterThanOrEqual(sc.world.districts.length);
      expect(byId['chart-cascade'].paths).toBeGreaterThanOrEqual(3 + 3); // three links, and a box per node
      expect(byId['chart-timeline'].marks).toBeGreaterThan(20);
      expect(errors).toEqual([]);
      const shots = join(repoRoot, 'test-results', 'screenshots');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `report-${lang}.png`), fullPage: true });
      await (await page.$('#chart-map'))!.screenshot({ path: join(shots, `report-${lang}-map.png`) });
      await (await page.$('#chart-cascade'))!.screenshot({ path: join(shots, `report-${lang}-cascade.png`) });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(50_000);
      await page.close();
    }, 60_000);
  }
});
