import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Exercise, runHeadless, replay, makeLog, eventsToJsonl, createReducerLayer, summarize, parsePlanText, InputFileError, type DomainEvent } from '../../engine/index.ts';
import { DEFAULT_LIMITS, LIMIT_CAPS } from '../../engine/sim/limits.ts';
import { parse as parseYaml } from 'yaml';
import { compileCascades } from '../../engine/cascade/compile.ts';
import { ScenarioFile } from '../../engine/scenario/schema.ts';
import type { Scenario, FileIssue } from '../../engine/index.ts';
import { bundled, variant, SCENARIOS } from '../helpers/scenario.ts';
import { cli } from '../helpers/cli.ts';

/**
 * A bundled scenario with cascade rules added after loading: the loader refuses rules that can
 * start each other in a loop, and these tests check that the run-time guard still ends such a run
 * (a scenario given to the engine by other means than the loader, or a loop no check foresaw).
 */
function withUncheckedCascades(id: string, rulesYaml: string): Scenario {
  const sc = bundled(id);
  const added = ScenarioFile.shape.cascades.parse(parseYaml(rulesYaml));
  const data = { ...sc.data, cascades: [...added, ...sc.data.cascades] };
  const issues: FileIssue[] = [];
  const cascades = compileCascades(data, sc.world.districts.map((d) => d.id), issues);
  expect(issues).toEqual([]);
  return { ...sc, data, cascades };
}

/** A bundled scenario whose typhoon tick is set after loading (the loader refuses a tick under 1 min). */
function withTyphoonTick(tick: number, limits?: string): Scenario {
  const sc = limits ? withLimits('typhoon', limits) : bundled('typhoon');
  return { ...sc, data: { ...sc.data, typhoon: { ...sc.data.typhoon!, tick } } };
}

const withLimits = (id: string, limits: string) => variant(id, (y) => `${y}\nlimits: ${limits}\n`);
const last = (events: DomainEvent[]) => events[events.length - 1];

/** What every aborted run must look like: `run.aborted` last, once; nothing pending; ended; in the summary. */
function expectAborted(ex: Exercise, guard: string, limit: number) {
  const e = last(ex.events);
  expect(e.type).toBe('run.aborted');
  expect(e.audience).toBe('facilitator');
  expect(e.data.guard).toBe(guard);
  expect(e.data.limit).toBe(limit);
  const msg = e.data.message as { zh: string; en: string };
  expect(msg.zh).toMatch(/推演中止/);
  expect(msg.en).toMatch(/^Run aborted/);
  expect(ex.events.filter((x) => x.type === 'run.aborted')).toHaveLength(1);
  expect(ex.events.some((x) => x.type === 'exercise.ended')).toBe(false);
  expect(ex.aborted).toEqual(e.data);
  expect(summarize(ex).aborted).toEqual(e.data);
  expect(ex.status).toBe('ended');
  expect(ex.state.sched.heap).toHaveLength(0);
}

describe('run-time limits: a guard ends the run with run.aborted', () => {
  it('maxEvents: the stream holds exactly that many events, the last run.aborted, the rest as without the limit', () => {
    const full = runHeadless(bundled('chemical-leak'), { seed: 3 });
    const ex = runHeadless(withLimits('chemical-leak', '{ maxEvents: 40 }'), { seed: 3 });
    expect(ex.events).toHaveLength(40);
    expectAborted(ex, 'max-events', 40);
    expect(eventsToJsonl(ex.events.slice(0, 39))).toBe(eventsToJsonl(full.events.slice(0, 39)));
    expect(summarize(full).aborted).toBeNull();
  });

  it('nothing happens after the abort: more time, more commands, the end', () => {
    const ex = runHeadless(withLimits('chemical-leak', '{ maxEvents: 30 }'), { seed: 3 });
    const n = ex.events.length;
    ex.advanceTo(5000);
    ex.submit('district-tiexi', { type: 'issue-warning', districts: ['210106'], colour: 'red' });
    ex.submit('facilitator', { type: 'end' });
    ex.runToEnd();
    expect(ex.events).toHaveLength(n);
    expectAborted(ex, 'max-events', 30);
  });

  it('orders from outside never spend the event budget: a seat sending thousands of orders cannot end a drill', () => {
    const natural = runHeadless(bundled('chemical-leak'), { seed: 3 }).events.length;
    const sc = withLimits('chemical-leak', `{ maxEvents: ${natural + 5} }`);
    const ex = new Exercise(sc, { seed: 3 });
    ex.start();
    for (let t = 10; t <= 600; t += 10) {
      ex.advanceTo(t);
      // Refused (no such incident), and accepted ones that do something at once.
      for (let i = 0; i < 40; i++) ex.submit('district-tiexi', { type: 'report-up', incident: `nothing-${i}` });
      ex.submit('district-tiexi', { type: 'issue-warning', districts: ['210106'], colour: 'blue' });
    }
    ex.runToEnd();
    expect(ex.events.length).toBeGreaterThan(natural + 2000);
    expect(ex.aborted).toBeNull();
    expect(last(ex.events).type).toBe('exercise.ended');
    // The same on replay and from a snapshot taken midway.
    const log = JSON.parse(JSON.stringify(makeLog(ex, sc.data.duration)));
    expect(eventsToJsonl(replay(sc, log).events)).toBe(eventsToJsonl(ex.events));
    // What the run does by itself still counts: a budget below its own events still ends it.
    const tight = withLimits('chemical-leak', `{ maxEvents: ${natural - 50} }`);
    const busy = new Exercise(tight, { seed: 3 });
    busy.start();
    for (let i = 0; i < 500; i++) busy.submit('district-tiexi', { type: 'report-up', incident: `nothing-${i}` });
    busy.runToEnd();
    expectAborted(busy, 'max-events', natural - 50);
  });

  it('aborts the same way on both lifecycle layers, on replay and after a snapshot', () => {
    const sc = withLimits('typhoon', '{ maxEvents: 120 }');
    const ex = runHeadless(sc, { seed: 8 });
    expectAborted(ex, 'max-events', 120);
    expect(eventsToJsonl(runHeadless(sc, { seed: 8, layer: createReducerLayer() }).events)).toBe(eventsToJsonl(ex.events));
    expect(eventsToJsonl(replay(sc, JSON.parse(JSON.stringify(makeLog(ex, sc.data.duration)))).events)).toBe(eventsToJsonl(ex.events));
    const restored = Exercise.restore(sc, ex.snapshot(), { events: ex.events });
    restored.runToEnd();
    expect(restored.events).toHaveLength(ex.events.length);
    expect(restored.aborted).toEqual(ex.aborted);
  });

  it('a budget met at any point of a run ends it cleanly, alike on both layers', () => {
    for (const id of ['typhoon', 'earthquake']) {
      const sc = bundled(id);
      const full = runHeadless(sc, { seed: 2 });
      const n = full.events.length;
      for (let m = 1; m <= n; m += Math.floor(n / 25)) {
        const small = { ...sc, data: { ...sc.data, limits: { maxEvents: m } } };
        const ex = runHeadless(small, { seed: 2 });
        expect(ex.events, `${id} maxEvents ${m}`).toHaveLength(m);
        expectAborted(ex, 'max-events', m);
        expect(eventsToJsonl(runHeadless(small, { seed: 2, layer: createReducerLayer() }).events)).toBe(eventsToJsonl(ex.events));
      }
    }
  });

  it('maxEvents: 1 leaves only run.aborted', () => {
    const ex = runHeadless(withLimits('earthquake', '{ maxEvents: 1 }'), { seed: 1 });
    expect(ex.events.map((e) => e.type)).toEqual(['run.aborted']);
  });

  it('maxIncidents: the incident over the budget is not started, the run ends there', () => {
    const ex = runHeadless(withLimits('typhoon', '{ maxIncidents: 3 }'), { seed: 2 });
    expectAborted(ex, 'max-incidents', 3);
    expect(Object.keys(ex.state.incidents)).toHaveLength(3);
    const q = runHeadless(withLimits('earthquake', '{ maxIncidents: 2 }'), { seed: 2 });
    expectAborted(q, 'max-incidents', 2);
    const c = runHeadless(withLimits('chemical-leak', '{ maxIncidents: 1 }'), { seed: 2 });
    // Without ignition the leak stays the only incident: the budget is met, not exceeded.
    if (Object.keys(runHeadless(bundled('chemical-leak'), { seed: 2 }).state.incidents).length > 1) expectAborted(c, 'max-incidents', 1);
    else expect(c.aborted).toBeNull();
  });

  it('maxSteps: a tick far too small for the duration ends the run instead of stepping for ever', () => {
    const sc = withTyphoonTick(0.05, '{ maxSteps: 5000 }');
    const t0 = Date.now();
    const ex = runHeadless(sc, { seed: 1 });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expectAborted(ex, 'max-steps', 5000);
    expect(ex.state.steps).toBe(5001);
  });

  it('the default budget stops the same tick without a limits block', () => {
    const sc = withTyphoonTick(0.05);
    const ex = runHeadless(sc, { seed: 1, plan: null });
    expect(['max-steps', 'max-events']).toContain(ex.aborted?.guard);
    expect(ex.events.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxEvents);
    expect(ex.state.steps).toBeLessThanOrEqual(DEFAULT_LIMITS.maxSteps + 1);
  });

  it('values that slip past validation do not throw or hang: an endless duration, a team that never mobilizes', () => {
    const endless = variant('earthquake', (y) => y);
    (endless.data as { duration: number }).duration = Infinity;
    const ex = runHeadless(endless, { seed: 1, until: Infinity });
    expectAborted(ex, 'max-steps', DEFAULT_LIMITS.maxSteps);
    const slow = variant('chemical-leak', (y) => y);
    for (const t of slow.data.teams) (t as { mobilize: number }).mobilize = Infinity;
    const s = runHeadless(slow, { seed: 1 });
    expect(s.events[s.events.length - 1].type).toBe('exercise.ended');
    expect(s.events.some((e) => e.type === 'team.mobilizing')).toBe(true);
    expect(s.events.some((e) => e.type === 'team.en-route')).toBe(false);
    // A tick of 0 would step at one sim-minute for ever.
    for (const id of ['chemical-leak', 'earthquake']) {
      const zero = variant(id, (y) => y);
      const d = zero.data as { physics: { tick: number }; earthquake?: { tick: number } };
      d.physics.tick = 0;
      if (d.earthquake) d.earthquake.tick = 0;
      const z = runHeadless(zero, { seed: 1 });
      expect(['max-events', 'max-steps'], id).toContain(z.aborted?.guard);
    }
  });

  it('cascade-loop: a rule spawning on its own children, and two rules spawning each other, end the run', () => {
    const self = withUncheckedCascades('typhoon', `
- id: spread
  name: { zh: 蔓延, en: Spreads }
  target: { kind: incident, of: waterlogging }
  when: "t >= 0"
  effects:
    - spawn: { kind: waterlogging, name: { zh: 又一处, en: One more } }
`);
    const ex = runHeadless(self, { seed: 1, plan: null });
    expectAborted(ex, 'cascade-loop', 4);
    expect(ex.aborted!.rule).toBe('spread');
    const pair = withUncheckedCascades('typhoon', `
- id: ping
  name: { zh: 甲, en: Ping }
  target: { kind: incident, of: waterlogging }
  when: "t >= 0"
  effects:
    - spawn: { kind: echo, name: { zh: 回声, en: Echo } }
- id: pong
  name: { zh: 乙, en: Pong }
  target: { kind: incident, of: echo }
  when: "t >= 0"
  effects:
    - spawn: { kind: waterlogging, name: { zh: 又一处, en: One more } }
`);
    const p = runHeadless(pair, { seed: 1, plan: null });
    expectAborted(p, 'cascade-loop', 4);
    expect(Object.keys(p.state.incidents).length).toBeLessThan(100);
  });

  it('plan-loop: an each rule triggered by its own order ends the run at once, not at the event budget', () => {
    const plan = parsePlanText(`format: yanlian/plan@1
id: loop
name: { zh: 循环, en: Loop }
rules:
  - id: first
    when: { at: 60 }
    by: district-tiexi
    do: { type: request-resources, resource: foam, quantity: 1 }
  - id: again
    when: { event: command.accepted, match: { type: request-resources } }
    each: true
    by: district-tiexi
    do: { type: request-resources, resource: foam, quantity: 1 }
`, 'loop.yaml');
    const ex = runHeadless(bundled('chemical-leak'), { seed: 1, plan });
    expectAborted(ex, 'plan-loop', 3);
    expect(ex.aborted!.rule).toBe('again');
    expect(ex.events.filter((e) => e.data.rule === 'again' && e.type === 'command.accepted')).toHaveLength(3);
    expect(ex.events.length).toBeLessThan(100);
  });

  it('plan-loop: two rules that answer each other across sim-time (report delays) end the run at the third round', () => {
    const plan = parsePlanText(`format: yanlian/plan@1
id: echo
name: { zh: 回声, en: Echo }
rules:
  - id: first
    when: { at: 30 }
    by: district-tiexi
    do: { type: report-up, text: { zh: 报告, en: report } }
  - id: down
    when: { event: report.received, match: { to: hq-safety } }
    each: true
    by: hq-safety
    do: { type: request-resources, resource: foam, quantity: 1 }
  - id: up
    when: { event: resources.requested, match: { from: hq-safety } }
    each: true
    by: district-tiexi
    do: { type: report-up, text: { zh: 又报告, en: again } }
`, 'echo.yaml');
    const ex = runHeadless(bundled('chemical-leak'), { seed: 1, plan });
    expectAborted(ex, 'plan-loop', 3);
    expect(['down', 'up']).toContain(ex.aborted!.rule);
    expect(last(ex.events).t).toBeGreaterThan(60);
    expect(ex.events.filter((e) => e.type === 'report.received' && e.data.to === 'hq-safety').length).toBeLessThanOrEqual(4);
  });

  it('an each rule that answers other events many times is no loop (the bundled plans never trip a guard)', () => {
    for (const id of ['chemical-leak', 'typhoon', 'earthquake']) {
      for (const seed of [1, 2, 3]) expect(runHeadless(bundled(id), { seed }).aborted).toBeNull();
    }
  });

  it('limits are validated: positive integers, capped, known fields only', () => {
    for (const bad of ['{ maxEvents: 0 }', '{ maxEvents: 2.5 }', `{ maxEvents: ${LIMIT_CAPS.maxEvents + 1} }`, '{ maxIncidents: -1 }', '{ maxTimers: 5 }', '{ maxSteps: "many" }']) {
      expect(() => withLimits('chemical-leak', bad), bad).toThrow(InputFileError);
    }
    try {
      withLimits('chemical-leak', '{ maxEvents: 0 }');
    } catch (e) {
      expect((e as Error).message).toMatch(/limits\.maxEvents/);
    }
  });

  it('a scenario without limits keeps its hash (no default is written into the data)', () => {
    expect(bundled('chemical-leak').data.limits).toBeUndefined();
  });

  it('CLI run and replay print the bilingual message on stderr and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yanlian-limits-'));
    cpSync(SCENARIOS, join(dir, 'scenarios'), { recursive: true });
    const file = join(dir, 'scenarios', 'chemical-leak.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nlimits: { maxEvents: 25 }\n');
    const log = join(dir, 'run.log.json');
    const events = join(dir, 'events.jsonl');
    const r = await cli('run', file, '--seed', '4', '--log', log, '--events', events, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/推演中止.*25/);
    expect(r.err).toMatch(/Run aborted: it reached 25 events/);
    expect(JSON.parse(r.out).aborted.guard).toBe('max-events');
    const lines = readFileSync(events, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(25);
    expect(JSON.parse(lines[24]).type).toBe('run.aborted');
    const rp = await cli('replay', log);
    expect(rp.code).toBe(1);
    expect(rp.err).toMatch(/Run aborted/);
    expect(rp.err).not.toMatch(/at .*\.ts:\d+/);
  });
});
