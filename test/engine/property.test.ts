import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Exercise, FACILITATOR, eventsToJsonl, replay, makeLog, COMMAND_TYPES } from '../../engine/index.ts';
import { bundled } from '../helpers/scenario.ts';

const sc = bundled();
const seats = [...sc.data.seats.map((s) => s.id), FACILITATOR, 'nobody'];
const teams = [...sc.data.teams.map((t) => t.id), 'ghost-team'];
const places = [...sc.data.places.map((p) => p.id), 'nowhere'];
const districts = ['210106', '210114', '210102', '000000'];

/** Commands a person might type: mostly well-formed with random values, some malformed. */
const command = fc.oneof(
  fc.record({ type: fc.constant('dispatch'), team: fc.constantFrom(...teams), incident: fc.constantFrom('leak', 'leak-fire', 'nope') }),
  fc.record({ type: fc.constant('dispatch'), team: fc.constantFrom(...teams), place: fc.constantFrom(...places) }),
  fc.record({ type: fc.constant('recall'), team: fc.constantFrom(...teams) }),
  fc.record({ type: fc.constant('issue-warning'), districts: fc.array(fc.constantFrom(...districts), { minLength: 1, maxLength: 2 }), colour: fc.constantFrom('blue', 'yellow', 'orange', 'red', 'purple') }),
  fc.record({ type: fc.constant('set-response-level'), level: fc.constantFrom('none', 'IV', 'III', 'II', 'I', 'V') }),
  fc.record({ type: fc.constant('order-protection'), mode: fc.constantFrom('evacuate', 'shelter', 'lift'), area: fc.oneof(fc.record({ districts: fc.array(fc.constantFrom(...districts), { minLength: 1, maxLength: 2 }) }), fc.record({ around: fc.constantFrom('leak', 'plant', 'city-hq', 'x'), radius: fc.integer({ min: 0, max: 5000 }) })) }),
  fc.record({ type: fc.constant('request-resources'), resource: fc.constantFrom('hazmat', 'foam'), quantity: fc.integer({ min: -1, max: 5 }) }),
  fc.record({ type: fc.constant('setup-field-post'), incident: fc.constantFrom('leak', 'nope') }),
  fc.record({ type: fc.constant('isolate-source'), incident: fc.constantFrom('leak', 'nope'), team: fc.constantFrom(...teams) }),
  fc.record({ type: fc.constant('report-up'), incident: fc.option(fc.constantFrom('leak', 'nope'), { nil: undefined }) }),
  fc.record({ type: fc.constantFrom('pause', 'resume', 'end') }),
  fc.record({ type: fc.constant('fire-inject'), inject: fc.constantFrom('wind-shift', 'hotline-smell', 'none') }),
  fc.constantFrom(...COMMAND_TYPES).map((type) => ({ type })),
  fc.anything()
);

const step = fc.record({ dt: fc.integer({ min: 0, max: 240 }), seat: fc.constantFrom(...seats), cmd: command });

describe('property: random command sequences', () => {
  it('never crash the engine, always answer, and replay to the same stream', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), fc.boolean(), (steps, seed, withPlan) => {
        const ex = new Exercise(sc, { seed, plan: withPlan ? undefined : null });
        ex.start();
        let t = 0;
        for (const s of steps) {
          t += s.dt;
          ex.advanceTo(t);
          const before = ex.events.length;
          const r = ex.submit(s.seat, s.cmd);
          if (ex.status !== 'ended' || before < ex.events.length) expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
        }
        ex.runToEnd();
        expect(ex.status).toBe('ended');
        for (let i = 1; i < ex.events.length; i++) expect(ex.events[i].t).toBeGreaterThanOrEqual(ex.events[i - 1].t);
        const again = replay(sc, JSON.parse(JSON.stringify(makeLog(ex, sc.data.duration))));
        expect(eventsToJsonl(again.events)).toBe(eventsToJsonl(ex.events));
      }),
      { numRuns: 40 }
    );
  });
});
