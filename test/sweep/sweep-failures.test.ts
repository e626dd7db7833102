import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../helpers/chromium.ts';
import { runSweep } from '../../src/sweep/run.ts';
import { ChunkRunner } from '../../src/sweep/runChunk.ts';
import { packScenarioFile, makeSweepPack } from '../../src/sweep/pack.ts';
import { renderTable } from '../../src/sweep/render/table.ts';
import { renderHtml, sweepValues } from '../../src/sweep/render/html.ts';
import type { SweepReport } from '../../src/sweep/aggregate.ts';
import { brokenPlanSpecs, limitedScenario, BROKEN_MESSAGE } from './failingRuns.ts';
import { cli } from '../helpers/cli.ts';

const withoutTiming = (r: SweepReport) => JSON.stringify({ ...r, timing: undefined }, null, 2);
const tmp = () => mkdtempSync(join(tmpdir(), 'yanlian-sweep-'));
const IGNITES = [5, 7, 8, 11]; // seeds 1..12 on which the leak ignites within 6 h (a second incident)

// Sweeps are CPU-bound and the suite shares its cores: allow them time (they never wait on a clock).
describe('a sweep survives runs that fail', { timeout: 300_000 }, () => {
  it('the chunk runner records a run that throws (name, first line of the message) and runs the next seeds as if alone', () => {
    const plans = brokenPlanSpecs();
    const pack = makeSweepPack(packScenarioFile('chemical-leak').pack, [{}], plans, 360);
    const rows = new ChunkRunner().run(pack, { plan: 1, variant: 0, seeds: [4, 5, 6, 7] });
    const failed = rows.filter((r) => r.failure).map((r) => r.seed);
    // The leak ignites on seeds 5 and 7 within 6 h; the broken rule then throws.
    expect(failed).toEqual([5, 7]);
    expect(rows[1]).toMatchObject({ plan: plans[1].id, variant: 'base', seed: 5, metrics: {}, short: [], failure: { kind: 'error', name: 'Error', message: BROKEN_MESSAGE } });
    expect(rows[1].failure!.message).not.toMatch(/\n|\.ts:\d+/);
    // A failure leaves nothing behind: seed 6 after the failed seed 5 gives what it gives alone.
    const alone = new ChunkRunner().run(pack, { plan: 1, variant: 0, seeds: [6] });
    expect(rows[2]).toEqual(alone[0]);
    expect(Object.keys(rows[2].metrics).length).toBeGreaterThan(5);
  });

  it('lists the failures and computes the figures over the runs that finished, the same on 1 and 2 threads and any chunking', async () => {
    const o = { scenario: 'chemical-leak', plans: [], planSpecs: brokenPlanSpecs(), seeds: Array.from({ length: 12 }, (_, i) => i + 1), vary: [], until: 360 };
    const one = (await runSweep({ ...o, workers: 1, chunkSize: 12 })).report;
    const { report: two, index } = await runSweep({ ...o, workers: 2, chunkSize: 1 });
    expect(withoutTiming(two)).toBe(withoutTiming(one));
    const broken = o.planSpecs[1].id;
    expect(two.failures.map((f) => [f.plan, f.variant, f.seed, f.kind, f.name, f.message])).toEqual(
      IGNITES.map((s) => [broken, 'base', s, 'error', 'Error', BROKEN_MESSAGE])
    );
    expect(two.runs).toEqual({ total: 24, finished: 20, failed: 4, errors: 4, aborted: 0 });
    const cell = two.results.find((c) => c.plan === broken)!;
    expect(cell).toMatchObject({ runs: 8, failed: 4 });
    expect(cell.metrics.deaths.n + cell.metrics.deaths.missing).toBe(8);
    expect(two.results.find((c) => c.plan !== broken)).toMatchObject({ runs: 12, failed: 0 });
    // Paired differences only over seeds where both runs finished.
    expect(two.paired[0].metrics.deaths.n).toBe(8);
    // The text and the page list them, with the command that runs one again.
    const text = renderTable(two, { scenario: 'chemical-leak', until: '6h' });
    expect(text).toMatch(/Failed runs 失败的推演: 24 次推演中 4 次失败 4 of 24 runs failed \(4 出错 errors\); 统计基于完成的 20 次推演/);
    expect(text).toMatch(new RegExp(`${broken} +base +11 +出错 error Error: scheduler: due time must be finite`));
    expect(text).toMatch(/Reproduce one 复现一次: yanlian run chemical-leak --seed 5 --plan broken\.yaml --until 6h/);
    expect(text).toMatch(/runs finished 完成的推演: tiexi-hazchem-plan-weak 12, tiexi-hazchem-plan-broken 8 \(失败 failed 4\)/);
    const page = renderHtml(two, sweepValues(two, index), { scenario: 'chemical-leak' });
    const table = /<h2 id="failures">Failed runs 失败的推演<\/h2>[\s\S]*?<\/table>/.exec(page)![0];
    expect(table).toContain('<th>seed 种子</th>');
    expect(table.match(/<tr><td>/g)).toHaveLength(4);
    expect(table).toContain(`<tr><td>${broken}</td><td>base</td><td>8</td><td>出错 error</td><td>Error</td><td class="msg">${BROKEN_MESSAGE}</td><td class="msg"><code>yanlian run chemical-leak --seed 8 --plan broken.yaml</code>`);
    // In a browser: the charts draw with no error, the CDF of the plan with failures reaches the
    // share of its finished runs where the metric has a value (over 8 runs, not 12).
    const file = join(tmp(), 'sweep.html');
    writeFileSync(file, page);
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      tab.on('pageerror', (e) => errors.push(String(e)));
      await tab.goto(`file://${file}`);
      await tab.selectOption('#metric', 'evacuated');
      const seen = await tab.evaluate(() => ({
        meta: document.querySelector('#meta')!.textContent,
        summary: document.querySelector('#summary p')?.textContent,
        cdfPaths: document.querySelectorAll('#cdf path[stroke-width="1.8"]').length,
        histBars: document.querySelectorAll('#hist rect').length
      }));
      expect(errors).toEqual([]);
      expect(seen.meta).toMatch(/失败 failed 4 \/ 24/);
      expect(seen.summary).toBe('runs finished 完成的推演: tiexi-hazchem-plan-weak 12, tiexi-hazchem-plan-broken 8 (失败 failed 4)');
      expect(seen.cdfPaths).toBe(2);
      expect(seen.histBars).toBeGreaterThan(0);
      // Each CDF ends at the share of finished runs with a value: 1 when every finished run has one.
      const ends = await tab.evaluate(() => [...document.querySelectorAll('#cdf path[stroke-width="1.8"]')].map((p) => p.getAttribute('d')!.split(/[ML,H V]/).filter(Boolean).map(Number).pop()));
      const top = await tab.evaluate(() => Number(document.querySelector('#cdf')!.getAttribute('height')) - 36);
      expect(new Set(ends).size).toBe(1);
      expect(ends[0]).toBeLessThan(top);
    } finally {
      await browser.close();
    }
  });

  it('a run that ends with run.aborted fails with kind "aborted": exit 3, listed in the JSON, table and page, the same on 1 and 2 threads', async () => {
    // At most one incident: where the leak ignites, the fire is a second incident and the run is aborted.
    const file = limitedScenario({ maxIncidents: 1 });
    const args = ['sweep', file, '--seeds', '12', '--until', '6h'];
    const one = await cli(...args, '--json', '--workers', '1');
    const two = await cli(...args, '--json', '--workers', '2', '--chunk', '1');
    expect(one.code, one.err).toBe(3);
    expect(two.code, two.err).toBe(3);
    const r = JSON.parse(two.out) as SweepReport;
    expect(withoutTiming(r)).toBe(withoutTiming(JSON.parse(one.out)));
    expect(r.runs).toEqual({ total: 12, finished: 8, failed: 4, errors: 0, aborted: 4 });
    expect(r.results[0]).toMatchObject({ runs: 8, failed: 4 });
    expect(r.failures).toEqual(IGNITES.map((seed) => ({
      plan: 'tiexi-hazchem-plan', variant: 'base', seed, kind: 'aborted', name: 'run.aborted',
      message: 'Run aborted: it reached 1 incidents (limits.maxIncidents)', messageZh: '推演中止：突发事件数达到上限 1（limits.maxIncidents）',
      guard: 'max-incidents', limit: 1
    })));
    // Progress shows the failures as they come; the end says how many and how to run one again.
    expect(two.err).toMatch(/12\/12 runs 推演  100%  失败 failed 4/);
    expect(two.err).toMatch(/yanlian sweep: 12 次推演中 4 次失败 4 of 12 runs failed \(4 中止 aborted\); 统计基于完成的 8 次推演/);
    expect(two.err).toContain(`reproduce 复现: yanlian run ${file} --seed 5 --until 6h\n`);
    expect(two.err).not.toMatch(/\.ts:\d+|^\s+at /m);
    // That command makes the run again on its own: it is aborted there too.
    const again = await cli('run', file, '--seed', '5', '--until', '6h');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/Run aborted: it reached 1 incidents/);
    // Table and page.
    const html = join(tmp(), 'sweep.html');
    const t = await cli(...args, '--workers', '2', '--html', html);
    expect(t.code, t.err).toBe(3);
    expect(t.out).toMatch(/tiexi-hazchem-plan +base +7 +中止 aborted \(max-incidents 1\): 推演中止：突发事件数达到上限 1（limits\.maxIncidents） \/ Run aborted: it reached 1 incidents/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<td>8</td><td>中止 aborted</td><td>max-incidents 1</td><td class="msg">推演中止：突发事件数达到上限 1（limits.maxIncidents） / Run aborted: it reached 1 incidents (limits.maxIncidents)</td>');
    // A sweep with no failure exits 0 with an empty list.
    const clean = await cli('sweep', 'chemical-leak', '--seeds', '3', '--until', '2h', '--json', '--workers', '1');
    expect(clean.code, clean.err).toBe(0);
    expect(JSON.parse(clean.out)).toMatchObject({ failures: [], runs: { total: 3, finished: 3, failed: 0 } });
    expect(clean.err).not.toMatch(/失败|failed/);
  });

  it('a cell where every run failed still gives a report, and its page draws without errors', async () => {
    const scenario = limitedScenario({ maxEvents: 20 });
    const { report, index } = await runSweep({ scenario, plans: [], seeds: [1, 2, 3], vary: [], until: 360, workers: 1 });
    expect(report.runs).toMatchObject({ total: 3, finished: 0, aborted: 3 });
    expect(report.results[0].metrics.deaths).toMatchObject({ n: 0, missing: 0, mean: null, median: { value: null } });
    expect(report.results[0].shortages).toEqual([]);
    // Without the name the user gave, the command names the file the sweep read.
    expect(renderTable(report)).toContain(`Reproduce one 复现一次: yanlian run ${scenario} --seed 1\n`);
    const file = join(tmp(), 'sweep.html');
    writeFileSync(file, renderHtml(report, sweepValues(report, index)));
    const browser = await launchBrowser();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      tab.on('pageerror', (e) => errors.push(String(e)));
      await tab.goto(`file://${file}`);
      expect(await tab.locator('table.failures tr').count()).toBe(4);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
