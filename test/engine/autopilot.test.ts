/**
 * Plan rules on autopilot beyond "fire once": `each` (every matching event), `$event.<field>`
 * (the order takes its incident from the event), `pick` (the first available of several teams,
 * or a recorded "unstaffed" when none is) and `wait` (an unstaffed order waits for one of them).
 * Also the plain-data copy events are made with.
 */
import { describe, expect, it } from 'vitest';
import { runHeadless, parsePlanText, checkPlanAgainst, InputFileError } from '../../engine/index.ts';
import { clonePlain } from '../../engine/util/clone.ts';
import { bundled } from '../helpers/scenario.ts';

describe('plan rules: each, $event, pick', () => {
  it('each + $event + pick/wait: every fallen-tree report gets the tree crew, in turn, never pulling it off a job', () => {
    const ex = runHeadless(bundled('typhoon'), { seed: 2 });
    const reports = ex.events.filter((e) => e.type === 'report.received' && e.data.to === 'hq-flood' && e.data.kind === 'road-blocked');
    expect(reports.length).toBeGreaterThan(1);
    const orders = ex.events.filter((e) => e.type === 'command.accepted' && e.data.rule === 'clear-roads');
    const ordered = orders.map((o) => (o.data.command as { incident: string }).incident);
    // In the order of the reports (first waiting, first served); a report is left out only if its
    // incident closed before the crew came free, or the engine refused the order (no road there).
    const reported = reports.map((r) => String(r.data.incident));
    expect(ordered).toEqual(reported.filter((id) => ordered.includes(id)));
    const refused = ex.events.filter((e) => e.type === 'command.refused' && e.data.rule === 'clear-roads').map((e) => (e.data.command as { incident: string }).incident);
    for (const id of reported.filter((x) => !ordered.includes(x))) expect(refused.includes(id) || ex.state.incidents[id].lc.value === 'closed', id).toBe(true);
    // Some reports came while the crew was out, waited, and were given to it later.
    const queued = ex.events.filter((e) => e.type === 'plan.rule-unstaffed' && e.data.rule === 'clear-roads');
    expect(queued.length).toBeGreaterThan(0);
    for (const q of queued) expect(q.data.waitUntil).toBe(q.t + 12 * 60);
    const later = orders.filter((o) => queued.some((q) => q.data.incident === (o.data.command as { incident: string }).incident));
    expect(later.length).toBeGreaterThan(0);
    // The crew is never given a new job while it is still on one.
    let busy = false;
    for (const e of ex.events) {
      if (e.data.team !== 'roads-2' && !(e.type === 'command.accepted' && e.data.rule === 'clear-roads')) continue;
      if (e.type === 'command.accepted') {
        expect(busy, `order at t=${e.t} while the crew is out`).toBe(false);
        busy = true;
      } else if (e.type === 'team.returning' || e.type === 'team.available') busy = false;
    }
  });

  it('pick: each gas leak gets the first crew that is free; with all three out, the order waits for one', () => {
    const ex = runHeadless(bundled('earthquake'), { seed: 1 });
    const crews = ['gas-crew', 'gas-crew-2', 'gas-crew-3'];
    const sent = ex.events.filter((e) => e.type === 'command.accepted' && e.data.rule === 'gas-each').map((e) => (e.data.command as { team: string }).team);
    expect(sent.slice(0, 3)).toEqual(crews);
    const triggered = ex.events.filter((e) => e.type === 'plan.rule-triggered' && e.data.rule === 'gas-each').length;
    const unstaffed = ex.events.filter((e) => e.type === 'plan.rule-unstaffed' && e.data.rule === 'gas-each');
    expect(unstaffed.length).toBeGreaterThan(0);
    for (const u of unstaffed) expect(u.data.teams).toEqual(crews);
    // Each trigger is an order at once or a wait; a wait becomes an order when a crew comes free in time.
    expect(sent.length).toBeGreaterThanOrEqual(triggered - unstaffed.length);
    expect(sent.length).toBeLessThanOrEqual(triggered);
  });
});

/** The issues an earthquake plan of one rule (given as YAML flow text) is refused with at load. */
function issuesOfOneRule(rule: string): unknown[] {
  const sc = bundled('earthquake');
  const plan = parsePlanText(`format: yanlian/plan@1\nid: p\nname: { zh: 测试, en: test }\nrules:\n  - ${rule}\n`, 'p.yaml');
  try {
    checkPlanAgainst(plan, sc.data, new Set(sc.world.districts.map((d) => d.id)), 'p.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return (e as InputFileError).issues;
  }
  return [];
}

describe('plan rules refused at load, with the rule and field path', () => {
  it('wait without pick', () => {
    expect(issuesOfOneRule('{ id: r, when: { at: 0 }, by: hq-quake, wait: 2h, do: { type: dispatch, team: gas-crew, place: city-hq } }')).toEqual([
      expect.objectContaining({ path: 'rules[0].wait', message: expect.stringMatching(/only on a dispatch rule with pick/) })
    ]);
  });

  it('a team that does not exist in pick', () => {
    expect(issuesOfOneRule('{ id: r, when: { at: 0 }, by: hq-quake, pick: [gas-crew, nope], do: { type: dispatch, team: gas-crew, place: city-hq } }')).toEqual([
      expect.objectContaining({ path: 'rules[0].pick[1]', message: expect.stringMatching(/unknown team "nope"/) })
    ]);
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
