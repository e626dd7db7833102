/**
 * Plan rules on autopilot beyond "fire once": `each` (every matching event), `$event.<field>`
 * (the order takes its incident from the event) and `pick` (the first available of several teams,
 * or a recorded "unstaffed" when none is). Also the plain-data copy events are made with.
 */
import { describe, expect, it } from 'vitest';
import { runHeadless, parsePlanText, checkPlanAgainst, InputFileError } from '../../engine/index.ts';
import { clonePlain } from '../../engine/util/clone.ts';
import { bundled } from '../helpers/scenario.ts';

describe('plan rules: each, $event, pick', () => {
  it('each + $event: the tree crew is sent to every fallen-tree report the city HQ receives, to that incident', () => {
    const ex = runHeadless(bundled('typhoon'), { seed: 2 });
    const reports = ex.events.filter((e) => e.type === 'report.received' && e.data.to === 'hq-flood' && e.data.kind === 'road-blocked');
    expect(reports.length).toBeGreaterThan(1);
    const orders = ex.events.filter((e) => e.type === 'command.accepted' && e.data.rule === 'clear-roads');
    expect(orders.map((o) => (o.data.command as { incident: string }).incident)).toEqual(reports.map((r) => r.data.incident));
  });

  it('pick: each gas leak gets the first crew that is free; with all three out, the rule says it is unstaffed', () => {
    const ex = runHeadless(bundled('earthquake'), { seed: 1 });
    const crews = ['gas-crew', 'gas-crew-2', 'gas-crew-3'];
    const sent = ex.events.filter((e) => e.type === 'command.accepted' && e.data.rule === 'gas-each').map((e) => (e.data.command as { team: string }).team);
    expect(sent.slice(0, 3)).toEqual(crews);
    const triggered = ex.events.filter((e) => e.type === 'plan.rule-triggered' && e.data.rule === 'gas-each').length;
    const unstaffed = ex.events.filter((e) => e.type === 'plan.rule-unstaffed' && e.data.rule === 'gas-each');
    expect(sent.length + unstaffed.length).toBe(triggered);
    expect(unstaffed.length).toBeGreaterThan(0);
    for (const u of unstaffed) expect(u.data.teams).toEqual(crews);
  });
});

describe('a plan naming a team that does not exist in pick', () => {
  it('is refused with the rule and field path', () => {
    const sc = bundled('earthquake');
    const plan = parsePlanText(
      'format: yanlian/plan@1\nid: p\nname: { zh: 测试, en: test }\nrules:\n  - { id: r, when: { at: 0 }, by: hq-quake, pick: [gas-crew, nope], do: { type: dispatch, team: gas-crew, place: city-hq } }\n',
      'p.yaml'
    );
    let err: unknown;
    try {
      checkPlanAgainst(plan, sc.data, new Set(sc.world.districts.map((d) => d.id)), 'p.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as InputFileError).issues).toEqual([expect.objectContaining({ path: 'rules[0].pick[1]', message: expect.stringMatching(/unknown team "nope"/) })]);
  });
});

describe('clonePlain', () => {
  it('copies plain data deeply, keeping key order, and refuses what is not plain data', () => {
    const v = { b: 1, a: [1, { c: 'x', d: null, e: undefined }], f: true };
    const c = clonePlain(v);
    expect(c).toEqual(v);
    expect(Object.keys(c)).toEqual(['b', 'a', 'f']);
    (c.a[1] as { c: string }).c = 'y';
    expect((v.a[1] as { c: string }).c).toBe('x');
    expect(() => clonePlain({ m: new Map() })).toThrow(/not plain data \(Map\)/);
  });
});
