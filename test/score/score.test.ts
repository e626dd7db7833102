import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHeadless, replay, makeLog, parsePlanText, scoreRun, InputFileError, type Scenario, type LoggedCommand } from '../../engine/index.ts';
import { rate } from '../../engine/score/index.ts';
import { matches } from '../../engine/plan/match.ts';
import { bundled, variant, SCENARIOS } from '../helpers/scenario.ts';

const sc = bundled();
const weak = parsePlanText(readFileSync(join(SCENARIOS, 'plans', 'chemical-leak-weak.yaml'), 'utf8'), 'chemical-leak-weak.yaml');

function scored(scenario: Scenario, opts: Parameters<typeof runHeadless>[1]) {
  const ex = runHeadless(scenario, opts);
  return { ex, card: scoreRun({ scenario, plan: ex.plan, events: ex.events, commands: ex.commands }) };
}

describe('conditions of plan triggers and expectations', () => {
  it('compares numbers, ranks colours and levels, picks from lists, and reads dotted paths', () => {
    expect(matches({ rateKgS: 23.3 }, { rateKgS: { gte: 20 } })).toBe(true);
    expect(matches({ rateKgS: 12 }, { rateKgS: { gte: 20 } })).toBe(false);
    expect(matches({ colour: 'red' }, { colour: { atLeast: 'orange' } })).toBe(true);
    expect(matches({ colour: 'yellow' }, { colour: { atLeast: 'orange' } })).toBe(false);
    expect(matches({ to: 'II' }, { to: { atLeast: 'III' } })).toBe(true);
    expect(matches({ to: 'IV' }, { to: { atLeast: 'III' } })).toBe(false);
    expect(matches({ grade: 'IV' }, { grade: { atMost: 'III' } })).toBe(true);
    expect(matches({ to: ['a', 'b'] }, { to: 'b' })).toBe(true);
    expect(matches({ mode: 'shelter' }, { mode: { in: ['evacuate', 'shelter'] } })).toBe(true);
    expect(matches({ totals: { deaths: 4 } }, { 'totals.deaths': { gt: 3, lt: 5 } })).toBe(true);
    expect(matches({ colour: 'purple' }, { colour: { atLeast: 'blue' } })).toBe(false);
  });

  it('a plan rule fires on a ranked condition, and a rank no scale knows is refused when the plan is loaded', () => {
    const plan = (cond: string) => parsePlanText(`format: yanlian/plan@1\nid: p\nname: { zh: 预案, en: Plan }\nrules:\n  - id: r\n    when: { event: incident.reported, match: { grade: ${cond} } }\n    by: district-tiexi\n    do: { type: report-up, incident: leak }\n`, 'p.yaml');
    const fired = runHeadless(sc, { seed: 3, plan: plan('{ atLeast: IV }'), until: 120 });
    expect(fired.events.some((e) => e.type === 'command.accepted' && e.data.rule === 'r')).toBe(true);
    const quiet = runHeadless(sc, { seed: 3, plan: plan('{ atLeast: III }'), until: 120 });
    expect(quiet.events.some((e) => e.type === 'plan.rule-triggered')).toBe(false);
    expect(() => variant('chemical-leak', (y) => y.replace(/^plan: .*$/m, 'plan:\n  id: p\n  name: { zh: 预案, en: Plan }\n  rules:\n    - { id: r, when: { event: warning.issued, match: { colour: { atLeast: purple } } }, by: district-tiexi, do: { type: report-up } }'))).toThrow(/plan\.rules\[0\]\.when\.match\.colour\.atLeast: "purple" is not on an ordered scale/);
  });

  it('rates against thresholds in either direction', () => {
    const lower = { better: 'lower' as const, P: 30, S: 60, M: 120 };
    expect([10, 30, 31, 60, 120, 121].map((v) => rate(v, lower))).toEqual(['P', 'P', 'S', 'S', 'M', 'U']);
    const higher = { better: 'higher' as const, P: 1, S: 0.9, M: 0.7 };
    expect([1, 0.95, 0.7, 0.69].map((v) => rate(v, higher))).toEqual(['P', 'S', 'M', 'U']);
  });
});

describe('scoring a known run (chemical leak, seed 3, the bundled plan)', () => {
  const { ex, card } = scored(sc, { seed: 3 });
  const first = (type: string, pred: (d: Record<string, unknown>) => boolean = () => true) => ex.events.find((e) => e.type === type && pred(e.data))!;
  const reported = first('incident.reported');

  it('reads process times straight off the events', () => {
    const up = first('report.received');
    expect(card.metrics.firstReportUpAt).toBe(up.t);
    expect(card.metrics.firstReportUpDelayMin).toBe(up.t - reported.t);
    expect(card.metrics.firstTeamOnSceneMin).toBe(first('team.arrived').t - reported.t);
    expect(card.metrics.warningDelayMin).toBe(first('warning.issued').t - reported.t);
    expect(card.metrics.timeToCorrectLevelMin).toBe(first('response.level').t - reported.t);
    expect(card.metrics.timeToFieldPostMin).toBe(first('field-post.established').t - reported.t);
    // Hand-checked against the stream: reported 00:34, first report arrives 00:52, brigade on scene 00:39.
    expect([reported.t, card.metrics.firstReportUpAt, card.metrics.firstTeamOnSceneMin]).toEqual([34, 52, 5]);
    const metric = card.metricDetails.find((m) => m.id === 'firstReportUpDelayMin')!;
    expect(metric.evidence.map((e) => e.seq)).toEqual([reported.seq, up.seq]);
    expect(metric.owner).toBe('district-tiexi');
  });

  it('reads outcome totals from the end of the run', () => {
    const totals = first('exercise.ended').data.totals as { deaths: number; aegl: number[]; evacuated: number };
    expect(card.metrics.deaths).toBe(totals.deaths);
    expect(card.metrics.exposedAegl1).toBe(Math.round(totals.aegl[0]));
    expect(card.metrics.evacuated).toBe(Math.round(totals.evacuated));
    expect(card.metrics.trapped).toBeNull(); // the chemical model gives no trapped count: null, not 0
  });

  it('checks every level reported within its limit and the plan was followed', () => {
    expect(card.reports.map((r) => [r.seat, r.to, r.status])).toEqual([['district-tiexi', 'hq-safety', 'on-time'], ['hq-safety', 'city-committee', 'on-time']]);
    expect(card.compliance.filter((c) => c.status === 'done')).toHaveLength(15);
    expect(card.compliance.filter((c) => c.status === 'not-triggered').map((c) => c.rule)).toEqual(['district-escalation-report', 'city-level-II']);
    expect(card.metrics.planCompliance).toBe(1);
  });

  it('gives every rating its evidence, and lists the injects that expect nothing as gaps', () => {
    for (const c of card.hseep) for (const t of c.tasks) if (t.rating !== null) expect(t.evidence.length, `${c.id}/${t.id}`).toBeGreaterThan(0);
    for (const f of card.findings) expect(f.evidence.length).toBeGreaterThan(0);
    // The bundled scenario's injects carry expectations, except the manual wind-shift one.
    expect(card.gaps.map((g) => g.inject)).toEqual(['wind-shift']);
    expect(card.improvementPlan.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.due) && i.due > '2026-07-15')).toBe(true);
  });
});

describe('the plan, its weak variant and no plan, on the same seeds', () => {
  for (const seed of [3, 5]) {
    it(`orders them as expected (seed ${seed})`, () => {
      const good = scored(sc, { seed }).card;
      const poor = scored(sc, { seed, plan: weak }).card;
      const none = scored(sc, { seed, plan: null }).card;
      expect(good.sheet.total!).toBeGreaterThan(poor.sheet.total!);
      expect(poor.sheet.total!).toBeGreaterThan(none.sheet.total!);
      expect(good.metrics.exposedAegl1!).toBeLessThanOrEqual(poor.metrics.exposedAegl1!);
      expect(poor.metrics.exposedAegl1!).toBeLessThanOrEqual(none.metrics.exposedAegl1!);
      expect(good.metrics.planCompliance).toBe(1);
      expect(poor.metrics.planCompliance!).toBeLessThan(1);
      expect(none.metrics.planCompliance).toBeNull();
      expect(poor.compliance.find((c) => c.rule === 'district-first-report')!.status).toBe('late');
      expect(none.findings.filter((f) => f.grade === 'deficiency').length).toBeGreaterThan(poor.findings.filter((f) => f.grade === 'deficiency').length);
      expect(poor.resources.unmet.map((u) => u.capability)).toContain('isolate-leak');
    });
  }
});

describe('the earthquake plan against its weak variant', () => {
  const quake = bundled('earthquake');
  const quakeWeak = parsePlanText(readFileSync(join(SCENARIOS, 'plans', 'earthquake-weak.yaml'), 'utf8'), 'earthquake-weak.yaml');

  it('passes where the weak plan fails, meets every inject expectation, and is not rated on the deaths of the main shock', () => {
    const good = scored(quake, { seed: 3 }).card;
    const poor = scored(quake, { seed: 3, plan: quakeWeak }).card;
    expect(good.sheet.total!).toBeGreaterThanOrEqual(60);
    expect(poor.sheet.total!).toBeLessThan(60);
    expect(good.expectations.filter((x) => x.status !== 'met')).toEqual([]);
    // Hundreds die when the buildings fall, before any order: total deaths are not a task here,
    // the rescue of the trapped is.
    const tasks = good.hseep.flatMap((c) => c.tasks);
    expect(tasks.find((t) => t.id === 'deaths')?.rating ?? null).toBeNull();
    expect(tasks.find((t) => t.id === 'rescue-trapped')!.rating).not.toBeNull();
    expect(good.metrics.deaths!).toBeGreaterThan(100);
  });
});

describe('the typhoon plan against its weak variant', () => {
  it('passes where the weak plan fails, meets every inject expectation, and the districts are never below the city HQ', () => {
    const typhoon = bundled('typhoon');
    const typhoonWeak = parsePlanText(readFileSync(join(SCENARIOS, 'plans', 'typhoon-weak.yaml'), 'utf8'), 'typhoon-weak.yaml');
    const good = scored(typhoon, { seed: 3 }).card;
    const poor = scored(typhoon, { seed: 3, plan: typhoonWeak }).card;
    expect(good.sheet.total!).toBeGreaterThanOrEqual(60);
    expect(poor.sheet.total!).toBeLessThan(60);
    expect(good.expectations.filter((x) => x.status !== 'met')).toEqual([]);
    expect(good.metrics.inversionMin).toBe(0);
    expect(poor.metrics.inversionMin!).toBeGreaterThan(0);
  });
});

const withExpectations = variant('chemical-leak', (y) => y.replace('\nprotective:', `
  - id: exp-test
    at: 40min
    to: [district-tiexi]
    text: { zh: 测试情景, en: Test inject }
    expect:
      - { id: warn-tiexi, seat: district-tiexi, command: { type: issue-warning, match: { colour: { atLeast: orange } } }, within: 30min }
      - { id: report-hq, seat: district-tiexi, event: { type: report.received, match: { to: hq-safety } }, within: 5min }
      - { id: evac-yuhong, seat: district-yuhong, command: { type: order-protection }, within: 1h }
  - id: exp-manual
    at: 3h
    manual: true
    to: [field-post]
    text: { zh: 未下达的情景, en: An inject never given }
    expect:
      - { seat: field-post, command: { type: report-up }, within: 30min }
protective:`));

describe('inject expectations', () => {
  const live: LoggedCommand = { t: 60, seat: 'facilitator', cmd: { type: 'free-inject', to: ['hq-safety'], text: { zh: '临时情景', en: 'Live inject' }, expect: [{ seat: 'hq-safety', event: { type: 'team.arrived', match: { team: 'medical-120' } }, within: '1h' }] } as unknown as LoggedCommand['cmd'] };
  const judge: LoggedCommand = { t: 200, seat: 'facilitator', cmd: { type: 'judge', expectation: 'evac-yuhong', verdict: 'met', reason: { zh: '于洪区已电话通知学校就地避险', en: 'Yuhong told the schools by phone to shelter' } } as LoggedCommand['cmd'] };
  const { ex, card } = scored(withExpectations, { seed: 3, commands: [live, judge] });
  const byId = Object.fromEntries(card.expectations.map((x) => [x.id, x]));

  it('marks met, late, missed and not delivered from the log alone', () => {
    expect(byId['warn-tiexi']).toMatchObject({ auto: 'met', status: 'met', deliveredAt: 40, doneAt: 46, dueBy: 70, category: 'public' });
    expect(byId['report-hq']).toMatchObject({ auto: 'late', status: 'late', doneAt: 52, dueBy: 45, category: 'reporting' });
    expect(byId['exp-manual.1']).toMatchObject({ auto: 'not-delivered', deliveredAt: null });
    const liveId = Object.keys(byId).find((k) => k.startsWith('live-'))!;
    expect(byId[liveId]).toMatchObject({ inject: null, auto: 'met', deliveredAt: 60 });
    expect(card.gaps.map((g) => g.inject)).not.toContain('exp-test');
    expect(card.findings.some((f) => f.source.kind === 'expectation' && f.source.id === 'report-hq' && f.grade === 'improve')).toBe(true);
  });

  it("lets the facilitator's judgement override, with its reason, as a logged command", () => {
    expect(byId['evac-yuhong']).toMatchObject({ auto: 'missed', status: 'met' });
    expect(byId['evac-yuhong'].judged!.reason.en).toMatch(/schools by phone/);
    expect(ex.commands.map((c) => c.cmd.type)).toEqual(['free-inject', 'judge']);
    const bad = runHeadless(withExpectations, { seed: 3, until: 60, commands: [{ t: 50, seat: 'facilitator', cmd: { type: 'judge', expectation: 'nope', verdict: 'met', reason: { zh: '无', en: 'none' } } }] });
    expect(bad.events.find((e) => e.type === 'command.refused')!.data.reason).toMatch(/no expectation "nope"/);
    const bySeat = runHeadless(withExpectations, { seed: 3, until: 60, commands: [{ t: 50, seat: 'hq-safety', cmd: judge.cmd }] });
    expect(bySeat.events.find((e) => e.type === 'command.refused')!.data.reason).toMatch(/only the facilitator/);
  });

  it('accepts a judgement after the end of the exercise (the debrief) and replays it', () => {
    const after = { ...judge, t: withExpectations.data.duration };
    const run = scored(withExpectations, { seed: 3, commands: [after] });
    expect(run.ex.events.at(-1)!.type).toBe('expectation.judged');
    expect(run.card.expectations.find((x) => x.id === 'evac-yuhong')!.status).toBe('met');
  });

  it('gives the same scorecard live and from the replay of its log', () => {
    const again = replay(withExpectations, JSON.parse(JSON.stringify(makeLog(ex, withExpectations.data.duration))));
    const fromLog = scoreRun({ scenario: withExpectations, plan: again.plan, events: again.events, commands: again.commands });
    expect(fromLog).toEqual(card);
  });

  it('refuses expectations that name unknown seats or command types when the scenario is loaded', () => {
    let err: unknown;
    try {
      variant('chemical-leak', (y) => y.replace('\nprotective:', `
  - id: exp-bad
    at: 40min
    to: [district-tiexi]
    text: { zh: 测试, en: Test }
    expect:
      - { seat: district-nowhere, command: { type: launch-rockets }, within: 30min }
      - { seat: district-tiexi, within: 30min }
protective:`));
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputFileError);
    const msgs = (err as InputFileError).issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    expect(msgs).toMatch(/injects\[4\]\.expect\[1\]: expected exactly one of "command" or "event"/);
  });
});
