import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.ts';
import { freePort } from './redisServer.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLAN = join(ROOT, 'scenarios', 'plans', 'chemical-leak.yaml');
const WEAK = join(ROOT, 'scenarios', 'plans', 'chemical-leak-weak.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'yanlian-sweep-'));

const withoutTiming = (json: string) => {
  const r = JSON.parse(json);
  expect(r.timing).toBeTypeOf('object');
  delete r.timing;
  return JSON.stringify(r, null, 2);
};

// Sweeps are CPU-bound and the suite shares its cores: allow them time (they never wait on a clock).
describe('yanlian sweep on the local thread pool', { timeout: 300_000 }, () => {
  it('gives the same report whether the statecharts (XState) or their reducer twins run the lifecycles', async () => {
    const args = ['sweep', 'typhoon', '--seeds', '4', '--until', '24h', '--json', '--workers', '1'];
    const reducers = await cli(...args);
    const xstate = await cli(...args, '--machines', 'xstate');
    expect(reducers.code, reducers.err).toBe(0);
    expect(xstate.code, xstate.err).toBe(0);
    expect(withoutTiming(xstate.out)).toBe(withoutTiming(reducers.out));
    const bad = await cli(...args, '--machines', 'abacus');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--machines expects "reducers" or "xstate"/);
  });

  it('gives the same report on 1 and on 2 workers (apart from timing), with paired differences and shortages', async () => {
    const args = ['sweep', 'chemical-leak', '--plans', `${PLAN},${WEAK}`, '--seeds', '16', '--vary', 'teams.hazmat=1..2', '--until', '6h', '--json'];
    const one = await cli(...args, '--workers', '1');
    const two = await cli(...args, '--workers', '2', '--chunk', '5');
    expect(one.code, one.err).toBe(0);
    expect(two.code, two.err).toBe(0);
    expect(withoutTiming(two.out)).toBe(withoutTiming(one.out));
    const r = JSON.parse(one.out);
    expect(r.format).toBe('yanlian/sweep@1');
    expect(r.timing).toMatchObject({ workers: 1, mode: 'local threads' });
    expect(JSON.parse(two.out).timing).toMatchObject({ workers: 2 });
    expect(r.seeds).toEqual({ first: 1, last: 16, count: 16 });
    expect(r.variants.map((v: { id: string }) => v.id)).toEqual(['hazmat=1', 'hazmat=2']);
    expect(r.results).toHaveLength(4);
    // With one hazmat team the full plan's order to send the city unit (the team that isolates the
    // leak) is refused: hazmat runs short in every run and the leak is contained only later.
    const cell = (v: string, p: string) => r.results.find((c: { variant: string; plan: string }) => c.variant === v && c.plan === p);
    const contain = (v: string) => cell(v, 'tiexi-hazchem-plan').metrics.timeToContainMin;
    expect(contain('hazmat=2').missing).toBe(0);
    expect(contain('hazmat=1').median.value).toBeGreaterThan(contain('hazmat=2').median.ci[1]);
    expect(cell('hazmat=1', 'tiexi-hazchem-plan').shortages).toEqual([{ resource: 'team:hazmat', runs: 16, share: 1 }]);
    expect(cell('hazmat=2', 'tiexi-hazchem-plan').shortages).toEqual([]);
    // Paired on the same seeds: the weak plan evacuates nobody, the full plan always evacuates some.
    const paired = r.paired.find((p: { variant: string }) => p.variant === 'hazmat=2');
    expect(paired).toMatchObject({ baseline: 'tiexi-hazchem-plan', plan: 'tiexi-hazchem-plan-weak' });
    expect(paired.metrics.evacuated.n).toBe(16);
    expect(paired.metrics.evacuated.worse).toBe(1);
    expect(paired.metrics.evacuated.meanDiff.ci[1]).toBeLessThan(0);
    const m = cell('hazmat=2', 'tiexi-hazchem-plan').metrics.exposedAegl1;
    expect(m.median.ci[0]).toBeLessThanOrEqual(m.median.value);
    expect(m.median.ci[1]).toBeGreaterThanOrEqual(m.median.value);
    expect(m.p99.ci[1]).toBeNull(); // 16 runs cannot bound a p99 from above
  });

  it('prints a table by default and writes a self-contained HTML page with d3 charts', async () => {
    const html = join(tmp(), 'sweep.html');
    const r = await cli('sweep', 'chemical-leak', '--seeds', '6', '--until', '4h', '--vary', 'teams.fire=0..1', '--html', html, '--workers', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Monte Carlo sweep 蒙特卡洛批量推演: chemical-leak/);
    expect(r.out).toMatch(/Variant 变体 fire=0/);
    expect(r.out).toMatch(/Deaths \(expected\) 死亡人数（期望值） +tiexi-hazchem-plan +\d/);
    expect(r.err).toMatch(/6\/12 runs|12\/12 runs/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(readFileSync(join(ROOT, 'node_modules', 'd3', 'dist', 'd3.min.js'), 'utf8').slice(0, 200));
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).toMatch(/Sensitivity to team counts 对队伍数量的敏感性/);
    const data = JSON.parse(/const VALUES = (.*);\n/.exec(page)![1]);
    expect(Object.keys(data)).toEqual(['fire=0', 'fire=1']);
    expect(data['fire=1']['tiexi-hazchem-plan'].deaths).toHaveLength(6);
  });

  it('refuses bad arguments with exit 2 and a message naming the flag', async () => {
    const bad: [string[], RegExp][] = [
      [['sweep', 'chemical-leak'], /--seeds N/],
      [['sweep', 'chemical-leak', '--seeds', 'many'], /--seeds expects a count N or a range A\.\.B/],
      [['sweep', 'chemical-leak', '--seeds', '9..3'], /holds no seed/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--vary', 'teams.tanks=1..2'], /unknown team type "tanks"/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--vary', 'hazmat=1'], /--vary expects teams\.<type>=a\.\.b/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--workers', '0'], /--workers expects a whole number from 1 to 256/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--chunk', '0'], /--chunk expects a whole number from 1/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--until', 'soon'], /--until expects a duration/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--queue', 'http://localhost:6379'], /--queue expects a redis:\/\/ address/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--queue', 'redis://127.0.0.1:1', '--workers', '2'], /with --queue, give each `yanlian worker` its own --workers/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--plans', 'a.yaml,,b.yaml'], /--plans expects comma-separated plan files/],
      [['sweep', 'chemical-leak', '--seeds', '5', '--frobnicate'], /frobnicate/],
      [['sweep', '--seeds', '5'], /exactly one SCENARIO/],
      [['worker'], /worker needs --queue/],
      [['worker', '--queue', 'redis://'], /--queue/]
    ];
    for (const [argv, message] of bad) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('a bad plan file fails with exit 1 naming the file and the field; an unreachable queue with exit 1 naming the address', async () => {
    const dir = tmp();
    const plan = join(dir, 'bad-plan.yaml');
    writeFileSync(plan, readFileSync(PLAN, 'utf8').replace('by: district-tiexi', 'by: district-nowhere'));
    const r = await cli('sweep', 'chemical-leak', '--seeds', '3', '--plans', plan);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${plan.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: rules\\[0\\]\\.by: unknown seat "district-nowhere"`));
    const shape = join(dir, 'shape.yaml');
    writeFileSync(shape, readFileSync(PLAN, 'utf8').replace(/after: 2\n/, 'after: soon\n'));
    const s = await cli('sweep', 'chemical-leak', '--seeds', '3', '--plans', `${PLAN},${shape}`);
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/shape\.yaml: rules\[0\]\.after: expected a duration/);
    const missing = await cli('sweep', 'chemical-leak', '--seeds', '3', '--plans', join(dir, 'nope.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.yaml: cannot read the file: no such file/);
    const port = await freePort();
    const q = await cli('sweep', 'chemical-leak', '--seeds', '3', '--queue', `redis://127.0.0.1:${port}`);
    expect(q.code).toBe(1);
    expect(q.err).toMatch(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
  });
});
