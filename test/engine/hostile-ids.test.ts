import { describe, expect, it } from 'vitest';
import { Exercise, runHeadless, eventsToJsonl, scoreRun, commandsTeam, parsePlanText, FACILITATOR, type DomainEvent, type Scenario } from '../../engine/index.ts';
import { bundled } from '../helpers/scenario.ts';

// Names every plain object inherits: as ids from outside they must be unknown, never a key that
// finds Object.prototype's members.
const BAD = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];
const PROTOTYPE_NAME = /"(constructor|toString|valueOf|hasOwnProperty)" is a property name of every JavaScript object/;
const AT = 150; // sim-minutes: incidents are under way and known in every bundled scenario

/** Every command type with `bad` in each of its id fields, one field at a time, the others real. */
function commandsFor(sc: Scenario, ex: Exercise, seat: string, bad: string): Record<string, unknown>[] {
  const d = sc.data;
  const team = d.teams.find((t) => seat !== FACILITATOR && commandsTeam(ex, seat, t.id))?.id ?? d.teams[0].id;
  const incident = Object.keys(ex.state.incidents)[0];
  const place = d.places[0].id;
  const district = sc.world.districts[0].id;
  const text = { zh: '文', en: 'text' };
  return [
    { type: 'dispatch', team: bad, place },
    { type: 'dispatch', team: bad, incident },
    { type: 'dispatch', team, incident: bad },
    { type: 'dispatch', team, place: bad },
    { type: 'recall', team: bad },
    { type: 'issue-warning', districts: [bad], colour: 'blue' },
    { type: 'issue-warning', districts: [district, bad], colour: 'blue' },
    { type: 'set-response-level', level: 'IV', incident: bad },
    { type: 'order-protection', mode: 'shelter', area: { around: bad, radius: 1000 } },
    { type: 'order-protection', mode: 'shelter', area: { districts: [bad] } },
    { type: 'request-resources', resource: 'sandbags', quantity: 1, incident: bad },
    { type: 'setup-field-post', incident: bad },
    { type: 'isolate-source', incident: bad, team },
    { type: 'isolate-source', incident, team: bad },
    { type: 'report-up', incident: bad },
    { type: 'report-up', incident: bad, text },
    { type: 'fire-inject', inject: bad },
    { type: 'free-inject', to: [bad], text },
    { type: 'free-inject', to: [d.seats[0].id], text, expect: [{ seat: bad, command: { type: 'report-up' }, within: 30 }] },
    { type: 'judge', expectation: bad, verdict: 'met', reason: text }
  ];
}

/** The stream with each refusal's data and audience left out (they name different ids and seats), the rest as it was. */
function masked(events: DomainEvent[]): string {
  return eventsToJsonl(events.map((e) => (e.type === 'command.refused' ? { ...e, audience: 'facilitator' as const, data: {} } : e)));
}

/** Give every command of the test at AT, with `name(bad)` for each bad id; the refusals' reasons and the bad ids each named. */
function sendAll(sc: Scenario, ex: Exercise, name: (bad: string) => string): { reason: string; bad: string[] }[] {
  const reasons: { reason: string; bad: string[] }[] = [];
  for (const seatName of [FACILITATOR, ...sc.data.seats.map((s) => s.id), ...BAD.map((b) => `seat:${b}`)]) {
    for (const bad of BAD) {
      const seat = seatName.startsWith('seat:') ? name(seatName.slice(5)) : seatName;
      for (const cmd of commandsFor(sc, ex, seat, name(bad))) {
        const r = ex.submit(seat, cmd);
        expect(r.ok, `${seat} ${JSON.stringify(cmd)}`).toBe(false);
        expect(ex.events[r.seq!].type).toBe('command.refused');
        reasons.push({ reason: r.ok ? '' : r.reason, bad: seatName.startsWith('seat:') ? [seatName.slice(5), bad] : [bad] });
      }
    }
  }
  return reasons;
}

describe('ids from outside are data: prototype names are refused (by the shape check, or as unknown)', () => {
  for (const id of ['chemical-leak', 'typhoon', 'earthquake']) {
    it(`${id}: every command type, every id field, from every seat and the facilitator`, () => {
      const sc = bundled(id);
      const seed = 7;
      // The same orders naming ids that simply do not exist: what "refused as unknown" looks like.
      const unknown = new Exercise(sc, { seed });
      unknown.start();
      unknown.advanceTo(AT);
      const expected = sendAll(sc, unknown, (b) => `no-such-${BAD.indexOf(b)}`);
      unknown.runToEnd();
      const ex = new Exercise(sc, { seed });
      ex.start();
      ex.advanceTo(AT);
      const reasons = sendAll(sc, ex, (b) => b);
      expect(reasons).toHaveLength((1 + sc.data.seats.length + BAD.length) * BAD.length * 20);
      reasons.forEach((r, i) => {
        // The shape check refuses a prototype name in an id field before anything looks it up
        // (naming the field); where it does not reach, the order gets the unknown-id reason.
        if (r.bad.includes('__proto__') || PROTOTYPE_NAME.test(r.reason)) return;
        const said = r.bad.reduce((text, b) => text.split(b).join(`no-such-${BAD.indexOf(b)}`), r.reason);
        expect(said).toBe(expected[i].reason);
      });
      ex.runToEnd();
      expect(ex.events[ex.events.length - 1].type).toBe('exercise.ended');
      expect(masked(ex.events)).toBe(masked(unknown.events));
      // Nothing leaked into state: no own key of those names anywhere the ids are kept.
      for (const rec of [ex.state.incidents, ex.state.teams, ex.state.posts, ex.state.warnings, ex.state.activeFieldPosts, ex.state.planFired]) {
        for (const bad of BAD) expect(Object.hasOwn(rec, bad)).toBe(false);
      }
      // The scorer reads the refusals without stumbling on them.
      expect(() => scoreRun({ scenario: sc, plan: ex.plan, events: ex.events, commands: ex.commands })).not.toThrow();
    });
  }

  it('new ids a facilitator gives (a free inject and its expectation) may not be such names; a resource is a free name', () => {
    const sc = bundled('chemical-leak');
    const ex = new Exercise(sc, { seed: 3 });
    ex.start();
    ex.advanceTo(60);
    const seat = sc.data.seats.find((s) => s.parent && s.tier !== 'field')!.id;
    for (const bad of BAD.filter((b) => /^[A-Za-z]/.test(b))) {
      const inject = ex.submit(FACILITATOR, { type: 'free-inject', id: bad, to: [seat], text: { zh: '文', en: 'text' } });
      expect(inject.ok).toBe(false);
      expect(inject.ok ? '' : inject.reason).toMatch(PROTOTYPE_NAME);
      const expectation = ex.submit(FACILITATOR, { type: 'free-inject', to: [seat], text: { zh: '文', en: 'text' }, expect: [{ id: bad, seat, command: { type: 'report-up' }, within: 30 }] });
      expect(expectation.ok ? '' : expectation.reason).toMatch(PROTOTYPE_NAME);
      expect(ex.submit(FACILITATOR, { type: 'judge', expectation: bad, verdict: 'missed', reason: { zh: '未做', en: 'not done' } }).ok).toBe(false);
      // A resource is a free name, not a reference: accepted, passed up as data.
      expect(ex.submit(seat, { type: 'request-resources', resource: bad, quantity: 1 }).ok).toBe(true);
    }
    ex.runToEnd();
    expect(ex.events[ex.events.length - 1].type).toBe('exercise.ended');
    const card = scoreRun({ scenario: sc, plan: ex.plan, events: ex.events, commands: ex.commands });
    expect(JSON.stringify(card)).toContain('constructor');
  });
});

describe('ids in a plan are data too', () => {
  it('a rule may not be named "constructor"; a condition on a "toString" field matches nothing; "$event.constructor" names no field', () => {
    const sc = bundled('chemical-leak');
    const text = (firstId: string) => `format: yanlian/plan@1
id: names
name: { zh: 名称, en: Names }
rules:
  - id: ${firstId}
    when: { at: 60 }
    by: district-tiexi
    do: { type: request-resources, resource: foam, quantity: 1 }
  - id: on-to-string
    when: { event: command.accepted, match: { toString: { in: [x] } } }
    by: district-tiexi
    do: { type: request-resources, resource: water, quantity: 1 }
  - id: on-constructor
    when: { event: command.accepted }
    by: district-tiexi
    do: { type: report-up, incident: $event.constructor }
`;
    expect(() => parsePlanText(text('constructor'), 'names.yaml')).toThrow(/rules\[0\]\.id: .*"constructor" is a property name of every JavaScript object/);
    const ex = runHeadless(sc, { seed: 2, plan: parsePlanText(text('first'), 'names.yaml') });
    const byRule = (rule: string) => ex.events.filter((e) => e.type === 'command.accepted' && e.data.rule === rule);
    expect(byRule('first')).toHaveLength(1);
    expect(byRule('on-to-string')).toHaveLength(0);
    // "$event.constructor" names no field of the event: the rule is not triggered by it.
    expect(ex.events.filter((e) => e.data.rule === 'on-constructor')).toHaveLength(0);
    expect(ex.events[ex.events.length - 1].type).toBe('exercise.ended');
  });
});
