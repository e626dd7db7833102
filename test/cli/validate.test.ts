/**
 * `yanlian validate` finds at load what `run` would find, and no user error ends in a stack
 * trace: capped reads (a device that never ends), output paths that cannot be written, a plan
 * checked against the scenario it names, warnings that do not fail, internal errors in one line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { cli } from '../helpers/cli.ts';
import { SCENARIOS } from '../helpers/scenario.ts';

// Parsed YAML, edited freely by the tests.
type Doc = Record<string, any>;

const dir = mkdtempSync(join(tmpdir(), 'yanlian-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bundled scenario written to the temporary folder, edited, its files referred to by absolute path. */
function scenarioFile(id: string, name: string, edit: (d: Doc) => void = () => {}): string {
  const d = parse(readFileSync(join(SCENARIOS, `${id}.yaml`), 'utf8')) as Doc;
  d.map.districts = join(SCENARIOS, d.map.districts);
  d.map.population = join(SCENARIOS, d.map.population);
  if (typeof d.plan === 'string') d.plan = join(SCENARIOS, d.plan);
  if (typeof d.typhoon?.track === 'string') d.typhoon.track = join(SCENARIOS, d.typhoon.track);
  edit(d);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(d));
  return file;
}

function planFile(id: string, name: string, edit: (p: Doc) => void): string {
  const p = parse(readFileSync(join(SCENARIOS, 'plans', `${id}.yaml`), 'utf8')) as Doc;
  edit(p);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(p));
  return file;
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('validate reads no more than it may', () => {
  it('/dev/zero stops at the cap with a clear error (it read until memory ran out)', async () => {
    const t0 = Date.now();
    const r = await cli('validate', '/dev/zero');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\/dev\/zero: the file is larger than 8388608 bytes \(8 MiB\) 文件过大/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
  it('a regular file over the cap is refused by its size, before reading', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 0x20));
    const r = await cli('validate', big);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/big\.yaml: the file is larger than 8388608 bytes/);
  });
  it('a folder is refused', async () => {
    const r = await cli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read the file: it is a directory 这是一个文件夹/);
  });
  it('a map file that is a device is read up to its cap and refused against the field that names it', async () => {
    const f = scenarioFile('chemical-leak', 'zero-map.yaml', (d) => { d.map.population = '/dev/zero'; });
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zero-map\.yaml: map\.population: cannot read "\/dev\/zero": the file is larger than 67108864 bytes/);
  });
});

describe('output paths are checked before the run, not after it', () => {
  it('--events pointing at a folder', async () => {
    const r = await cli('run', 'chemical-leak', '--seed', '1', '--events', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--events: cannot write 无法写入: it is a folder 这是一个文件夹/);
    expect(r.out).toBe(''); // refused before running
  });
  it('--log into a folder that does not exist', async () => {
    const r = await cli('run', 'chemical-leak', '--seed', '1', '--log', join(dir, 'no', 'such', 'run.log.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--log: cannot write 无法写入: the folder ".*no\/such" does not exist 文件夹不存在/);
    noStack(r.err);
  });
  it('schema --out into a folder that does not exist', async () => {
    const r = await cli('schema', '--out', join(dir, 'missing'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--out: cannot write 无法写入: the folder ".*missing" does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
  it('report --out into a folder that does not exist', async () => {
    const log = join(dir, 'run.log.json');
    expect((await cli('run', 'chemical-leak', '--seed', '1', '--until', '3h', '--log', log)).code).toBe(0);
    const r = await cli('report', log, '--out', join(dir, 'nope', 'r.html'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--out: cannot write 无法写入: the folder ".*nope" does not exist/);
  });
  it('schema --out into a folder that exists still writes both schemas', async () => {
    const out = join(dir, 'schemas');
    mkdirSync(out);
    const r = await cli('schema', '--out', out);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'scenario.schema.json')) && existsSync(join(out, 'plan.schema.json'))).toBe(true);
  });
});

describe('a plan is checked against its scenario', () => {
  it('a plan file alone is checked against the bundled scenario its "scenario:" names', async () => {
    const f = planFile('chemical-leak', 'bad-team.yaml', (p) => { p.rules[0].do.team = 'ghost-team'; });
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-team\.yaml: rules\[0\]\.do\.team: unknown team "ghost-team"; expected one of: plant-brigade/);
  });
  it('… or a scenario file by a path relative to the plan', async () => {
    scenarioFile('chemical-leak', 'mine.yaml');
    const f = planFile('chemical-leak', 'bad-seat.yaml', (p) => { p.scenario = './mine.yaml'; p.rules[2].by = 'ghost-seat'; });
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-seat\.yaml: rules\[2\]\.by: unknown seat "ghost-seat"/);
  });
  it('a scenario it names that does not exist is an error at "scenario"', async () => {
    const f = planFile('chemical-leak', 'nowhere.yaml', (p) => { p.scenario = 'atlantis'; });
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nowhere\.yaml: scenario: no scenario "atlantis" 找不到想定/);
  });
  it('validate SCENARIO --plan PLAN checks the plan against that scenario (unknown district, pick)', async () => {
    const f = planFile('chemical-leak', 'bad-pick.yaml', (p) => {
      delete p.scenario;
      p.rules[0].pick = ['plant-brigade', 'ghost-team'];
      p.rules[1].do = { type: 'issue-warning', districts: ['999999'], colour: 'red' };
    });
    const r = await cli('validate', join(SCENARIOS, 'chemical-leak.yaml'), '--plan', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad-pick\.yaml: rules\[0\]\.pick\[1\]: unknown team "ghost-team"/);
    expect(r.err).toMatch(/bad-pick\.yaml: rules\[1\]\.do\.districts\[0\]: unknown district "999999"/);
    // The same plan alone has no scenario to be checked against, and says so.
    const alone = await cli('validate', f);
    expect(alone.code).toBe(0);
    expect(alone.out).toMatch(/not checked against a scenario/);
  });
  it('--plan without a scenario is a usage error', async () => {
    const f = planFile('chemical-leak', 'ok.yaml', () => {});
    expect((await cli('validate', f, '--plan', f)).code).toBe(2);
  });
  it('a trigger the engine never emits is a warning: printed with its path, exit 0', async () => {
    const f = planFile('chemical-leak', 'warn.yaml', (p) => { p.rules[0].when.event = 'incident.report'; });
    const r = await cli('validate', f);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning 警告 .*warn\.yaml: rules\[0\]\.when\.event: the engine never emits an event "incident.report".*did you mean "incident.reported"/m);
    expect(r.out).toMatch(/valid plan .*1 warning\(s\) 警告/);
  });
});

describe('hostile scenarios on the command line: validate refuses what run would trip over', () => {
  it('a building class that does not exist and a mix that does not sum to 1, with the district', async () => {
    const f = scenarioFile('earthquake', 'quake.yaml', (d) => {
      d.earthquake.buildings['210102'] = { 'confined-masonry': 0.5, 'rc-fram': 0.5 };
      d.earthquake.buildings['210103']['rc-frame'] = 0.25;
    });
    const v = await cli('validate', f);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/quake\.yaml: earthquake\.buildings\.210102\.rc-fram: unknown building class "rc-fram" \(district "210102"\)/);
    expect(v.err).toMatch(/quake\.yaml: earthquake\.buildings\.210103: the shares of district "210103" sum to 1\.1; expected 1/);
    // run refuses it the same way (it threw a RangeError naming neither file nor district).
    const r = await cli('run', f, '--seed', '1');
    expect(r.code).toBe(1);
    expect(r.err).toBe(v.err.split('\n').filter((l) => !l.startsWith('warning')).join('\n'));
  });
  it('ticks of 0, a duration of 400 digits, a grid of 100 km at 20 m, cellSize 0', async () => {
    const cases: [string, (d: Doc) => void, RegExp][] = [
      ['typhoon', (d) => { d.typhoon.tick = 0; }, /typhoon\.tick: expected a tick of at least 1 min/],
      ['earthquake', (d) => { d.earthquake.tick = 0; }, /earthquake\.tick: expected a tick of at least 1 min/],
      ['chemical-leak', (d) => { d.physics.tick = 0; }, /physics\.tick: expected a tick of at least 1 min/],
      ['chemical-leak', (d) => { d.duration = '9'.repeat(400); }, /duration: duration of .* min; expected at most 43200 min \(30 days\)/],
      ['chemical-leak', (d) => { d.map.grid = { centre: d.map.grid.centre, halfWidth: '50km', cellSize: '20m' }; }, /map\.grid: asks for 5000 × 5000 = 25000000 cells .*expected at most 250000 cells/],
      ['chemical-leak', (d) => { d.map.grid.cellSize = 0; }, /map\.grid\.cellSize: expected a cell size above 0/]
    ];
    for (const [id, edit, msg] of cases) {
      const t0 = Date.now();
      const r = await cli('validate', scenarioFile(id, `case-${id}.yaml`, edit));
      expect(r.code, msg.source).toBe(1);
      expect(r.err).toMatch(msg);
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  });
  it('GeoJSON with geometry: null, a duplicate district, population -1: exit 1 naming the field, no stack trace', async () => {
    const fc = JSON.parse(readFileSync(join(SCENARIOS, 'maps', 'shenyang-districts.geojson'), 'utf8'));
    fc.features[4].geometry = null;
    fc.features.push(fc.features[0]);
    writeFileSync(join(dir, 'districts.geojson'), JSON.stringify(fc));
    const pop = JSON.parse(readFileSync(join(SCENARIOS, 'maps', 'shenyang-population-2020.json'), 'utf8'));
    pop[1].population = -1;
    writeFileSync(join(dir, 'population.json'), JSON.stringify(pop));
    const f = scenarioFile('chemical-leak', 'map.yaml', (d) => { d.map.districts = 'districts.geojson'; d.map.population = 'population.json'; });
    const r = await cli('validate', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/map\.yaml: map\.districts: "districts\.geojson" features\[4\]\.geometry: district "\d+" needs a Polygon or MultiPolygon geometry, got null/);
    expect(r.err).toMatch(/map\.districts: "districts\.geojson" features\[13\]\.properties\.adcode: duplicate district "210102"/);
    expect(r.err).toMatch(/map\.population: "population\.json" \[1\]\.population: expected a number of people from 0 to 1000000000, got -1/);
    noStack(r.err);
  });
});

describe('warnings do not fail validate', () => {
  it('the bundled scenarios validate (exit 0) and print their warnings with the path', async () => {
    const r = await cli('validate', join(SCENARIOS, 'typhoon.yaml'), join(SCENARIOS, 'chemical-leak.yaml'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning 警告 .*typhoon\.yaml: places\[\d+\]\.at: .* is outside its district/m);
    expect(r.err).toMatch(/^warning 警告 .*chemical-leak\.yaml: map\.grid: the grid misses district/m);
  });
});

describe('no stack trace for an unexpected error', () => {
  it('prints one bilingual line with a hint, exit 1; --debug shows the stack', async () => {
    const boom = () => { throw new TypeError('boom'); };
    let err = '';
    const code = await main(['list'], boom, (s) => (err += s));
    expect(code).toBe(1);
    expect(err).toBe('yanlian: internal error 内部错误: TypeError: boom\n  rerun with --debug to see where it happened 加 --debug 重新运行可查看出错位置\n');
    let dbg = '';
    expect(await main(['list', '--debug'], boom, (s) => (dbg += s))).toBe(1);
    expect(dbg).toMatch(/internal error 内部错误: TypeError: boom\nTypeError: boom\n\s+at /);
  });
  it('inside validate, an unexpected error fails that file and the others are still checked', async () => {
    let calls = 0;
    let err = '';
    const out = () => { if (calls++ === 0) throw new RangeError('first'); };
    const code = await main(['validate', join(SCENARIOS, 'plans', 'chemical-leak.yaml'), join(SCENARIOS, 'plans', 'typhoon.yaml')], out, (s) => (err += s));
    expect(code).toBe(1);
    expect(err).toMatch(/internal error 内部错误: RangeError: first/);
    expect(calls).toBe(2);
  });
});

describe('run --until is bounded like any duration', () => {
  it('a 400-digit --until is a usage error (the log would have recorded Infinity as null)', async () => {
    const r = await cli('run', 'chemical-leak', '--seed', '1', '--until', '9'.repeat(400));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--until expects at most 43200 min \(30 days\), not "9{40}…"/);
  });
});
