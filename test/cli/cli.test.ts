import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.ts';
import { jsonSchemas } from '../../src/cli/schemas.ts';
import { sha256Hex } from '../../engine/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCEN = join(ROOT, 'scenarios', 'chemical-leak.yaml');

const tmp = () => mkdtempSync(join(tmpdir(), 'yanlian-cli-'));

describe('yanlian CLI', () => {
  it('validate: 0 for a valid scenario, 1 naming the file and field for a bad one, 2 for usage', async () => {
    expect((await cli('validate', SCEN)).code).toBe(0);
    const dir = tmp();
    mkdirSync(join(dir, 'maps'));
    cpSync(join(ROOT, 'scenarios', 'maps'), join(dir, 'maps'), { recursive: true });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(SCEN, 'utf8').replace('beds: 300', 'beds: -3'));
    const r = await cli('validate', SCEN, bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: facilities\\[1\\]\\.beds: .*>=0`));
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('validate', join(dir, 'missing.yaml'))).err).toMatch(/missing.yaml: cannot read the file: no such file/);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('run', SCEN)).err).toMatch(/--seed/);
    expect((await cli('run', SCEN, '--seed', '1', '--until', 'soon')).code).toBe(2);
  });

  it('run writes the events and the log; replay rebuilds the stream byte for byte', async () => {
    const dir = tmp();
    const events = join(dir, 'e.jsonl');
    const log = join(dir, 'run.log.json');
    const r = await cli('run', 'chemical-leak', '--seed', '42', '--events', events, '--log', log);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/deaths 死亡/);
    const lines = readFileSync(events, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(50);
    expect(JSON.parse(lines[0]).type).toBe('exercise.started');
    const l = JSON.parse(readFileSync(log, 'utf8'));
    expect(l).toMatchObject({ format: 'yanlian/log@2', seed: '42', scenario: 'chemical-leak', scenarioId: 'chemical-leak' });
    expect(l.digests.events.sha256).toBe(sha256Hex(readFileSync(events, 'utf8')));
    expect(l.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    const again = join(dir, 'again.jsonl');
    expect((await cli('replay', log, '--events', again)).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(events, 'utf8'));
  });

  it('replay refuses a log whose scenario has changed', async () => {
    const dir = tmp();
    cpSync(join(ROOT, 'scenarios', 'maps'), join(dir, 'maps'), { recursive: true });
    cpSync(join(ROOT, 'scenarios', 'plans'), join(dir, 'plans'), { recursive: true });
    const scen = join(dir, 'leak.yaml');
    copyFileSync(SCEN, scen);
    const log = join(dir, 'run.log.json');
    expect((await cli('run', scen, '--seed', '3', '--until', '2h', '--log', log)).code).toBe(0);
    writeFileSync(scen, readFileSync(scen, 'utf8').replace('size: 24', 'size: 25'));
    const r = await cli('replay', log);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the scenario has changed since the run/);
  });

  it('run --json, --no-plan and --plan FILE', async () => {
    const dir = tmp();
    const noPlan = JSON.parse((await cli('run', 'chemical-leak', '--seed', '5', '--no-plan', '--json')).out);
    expect(noPlan.plan).toBeNull();
    expect(noPlan.commands.accepted).toBe(0);
    const plan = join(dir, 'plan.yaml');
    writeFileSync(plan, 'format: yanlian/plan@1\nid: tiny\nname: { zh: 最小预案, en: Minimal plan }\nrules:\n  - id: shelter\n    when: { event: incident.reported }\n    by: district-tiexi\n    do: { type: order-protection, mode: shelter, area: { around: leak, radius: 2km } }\n');
    const withPlan = JSON.parse((await cli('run', 'chemical-leak', '--seed', '5', '--plan', plan, '--json')).out);
    expect(withPlan.plan).toBe('tiny');
    expect(withPlan.commands.accepted).toBe(1);
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('by: district-tiexi', 'by: district-nowhere'));
    const bad = await cli('run', 'chemical-leak', '--seed', '5', '--plan', plan);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/plan.yaml: rules\[0\]\.by: unknown seat "district-nowhere"/);
  });

  it('list shows the bundled scenarios in both languages', async () => {
    const r = await cli('list');
    expect(r.out).toMatch(/chemical-leak .*铁西化工园区液氨储罐泄漏 \/ Liquid-ammonia tank release/);
    expect(JSON.parse((await cli('list', '--json')).out)[0].id).toBe('chemical-leak');
  });

  it('the JSON Schemas in docs/ are the ones the code generates', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(join(ROOT, 'docs', name), 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('works as the installed command `npx yanlian`', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'src', 'cli', 'bin.mjs'), 'run', 'chemical-leak', '--seed', '1', '--until', '3h', '--json'], { cwd: tmp(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toBe('chemical-leak');
    const bad = spawnSync(process.execPath, [join(ROOT, 'src', 'cli', 'bin.mjs'), 'validate', '/nonexistent.yaml'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^\/nonexistent.yaml: cannot read the file/);
  });
});
