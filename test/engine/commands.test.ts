import { describe, expect, it } from 'vitest';
import { Exercise, FACILITATOR } from '../../engine/index.ts';
import { bundled } from '../helpers/scenario.ts';

/** An exercise with no autopilot, run to just after the leak has been reported to the district. */
function started(t = 40): Exercise {
  const ex = new Exercise(bundled(), { seed: 1, plan: null });
  ex.start();
  ex.advanceTo(t);
  return ex;
}

function refusal(ex: Exercise, seat: string, cmd: unknown): string {
  const r = ex.submit(seat, cmd);
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  const e = ex.events[ex.events.length - 1];
  expect(e.type).toBe('command.refused');
  expect(e.data.reason).toBe(r.reason);
  return r.reason;
}

describe('commands: authority and feasibility', () => {
  it('accepts a valid dispatch and moves the team', () => {
    const ex = started();
    const r = ex.submit('district-tiexi', { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' });
    expect(r.ok).toBe(true);
    expect(ex.state.teams['fire-zhangshi'].lc.value).toBe('mobilizing');
    ex.advanceTo(60);
    expect(ex.state.teams['fire-zhangshi'].lc.value).toBe('onScene');
    expect(ex.events.some((e) => e.type === 'team.arrived' && e.data.team === 'fire-zhangshi')).toBe(true);
  });

  it('refuses a team the seat does not command', () => {
    expect(refusal(started(), 'district-tiexi', { type: 'dispatch', team: 'hazmat-city', incident: 'leak' })).toMatch(/does not command team "hazmat-city"/);
  });

  it('lets a higher seat command the teams of the seats below it', () => {
    const ex = started();
    ex.state.incidents.leak.knownBy.push('hq-safety');
    expect(ex.submit('hq-safety', { type: 'dispatch', team: 'zhangshi-volunteers', place: 'shelter-tiexi' }).ok).toBe(true);
  });

  it('refuses orders about an incident the seat has not heard of', () => {
    expect(refusal(started(), 'hq-safety', { type: 'dispatch', team: 'hazmat-city', incident: 'leak' })).toMatch(/has no report of incident "leak"/);
  });

  it('refuses a response level the seat may not declare', () => {
    expect(refusal(started(), 'hq-safety', { type: 'set-response-level', level: 'I' })).toMatch(/may not declare level I; it may declare IV, III/);
  });

  it('refuses a district warning another district', () => {
    expect(refusal(started(), 'district-yuhong', { type: 'issue-warning', districts: ['210106'], colour: 'red' })).toMatch(/may warn only its own district 210114/);
  });

  it('refuses orders from a field post that has not been set up, then accepts them once it is', () => {
    const ex = started();
    expect(refusal(ex, 'field-post', { type: 'report-up', incident: 'leak' })).toMatch(/has not been set up/);
    ex.state.incidents.leak.knownBy.push('hq-safety');
    expect(ex.submit('hq-safety', { type: 'setup-field-post', incident: 'leak' }).ok).toBe(true);
    expect(ex.submit('field-post', { type: 'report-up', incident: 'leak' }).ok).toBe(true);
    expect(refusal(ex, 'hq-safety', { type: 'setup-field-post', incident: 'leak' })).toMatch(/already has a field command post/);
  });

  it('refuses isolating a leak with a team that is not on scene or cannot do it', () => {
    const ex = started();
    ex.state.incidents.leak.knownBy.push('hq-safety');
    expect(ex.submit('hq-safety', { type: 'setup-field-post', incident: 'leak' }).ok).toBe(true);
    expect(refusal(ex, 'field-post', { type: 'isolate-source', incident: 'leak', team: 'fire-zhangshi' })).toMatch(/does not command team "fire-zhangshi"/);
    // Once sent to the incident, the field post commands it (1+M+N: the post commands the forces at the scene).
    expect(ex.submit('district-tiexi', { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' }).ok).toBe(true);
    expect(refusal(ex, 'field-post', { type: 'isolate-source', incident: 'leak', team: 'fire-zhangshi' })).toMatch(/cannot isolate a leak/);
    expect(ex.submit('hq-safety', { type: 'dispatch', team: 'hazmat-city', incident: 'leak' }).ok).toBe(true);
    expect(refusal(ex, 'field-post', { type: 'isolate-source', incident: 'leak', team: 'hazmat-city' })).toMatch(/not on scene/);
    ex.advanceTo(90);
    expect(ex.submit('field-post', { type: 'isolate-source', incident: 'leak', team: 'hazmat-city' }).ok).toBe(true);
    ex.advanceTo(200);
    expect(ex.events.some((e) => e.type === 'source.isolated')).toBe(true);
  });

  it('keeps the facilitator and the seats apart', () => {
    const ex = started();
    expect(refusal(ex, 'district-tiexi', { type: 'pause' })).toMatch(/only the facilitator/);
    expect(refusal(ex, FACILITATOR, { type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' })).toMatch(/facilitator directs the exercise/);
    expect(ex.submit(FACILITATOR, { type: 'pause' }).ok).toBe(true);
    expect(refusal(ex, 'district-tiexi', { type: 'report-up', incident: 'leak' })).toMatch(/paused/);
    expect(ex.submit(FACILITATOR, { type: 'resume' }).ok).toBe(true);
    expect(ex.submit('district-tiexi', { type: 'report-up', incident: 'leak' }).ok).toBe(true);
  });

  it('refuses malformed commands and unknown seats with a reason, and the exercise goes on', () => {
    const ex = started();
    expect(refusal(ex, 'district-tiexi', { type: 'dispatch', team: 42 })).toMatch(/team: Invalid input: expected string/);
    expect(refusal(ex, 'district-tiexi', { type: 'fly-away' })).toMatch(/type/);
    expect(refusal(ex, 'district-tiexi', null)).toMatch(/expected object/);
    expect(refusal(ex, 'mayor', { type: 'report-up' })).toMatch(/unknown seat "mayor"/);
    ex.runToEnd();
    expect(ex.status).toBe('ended');
  });

  it('detects response inversion and its end', () => {
    const ex = started();
    ex.state.incidents.leak.knownBy.push('hq-safety');
    expect(ex.submit('hq-safety', { type: 'set-response-level', level: 'III', incident: 'leak' }).ok).toBe(true);
    const inv = ex.events.find((e) => e.type === 'response.inversion');
    expect(inv?.data.findings).toEqual([{ incident: 'leak', district: '210106', local: 'district-tiexi', higher: 'hq-safety', higherLevel: 'III', localLevel: 'none' }]);
    expect(ex.submit('district-tiexi', { type: 'set-response-level', level: 'III', incident: 'leak' }).ok).toBe(true);
    expect(ex.events[ex.events.length - 1].type).toBe('response.inversion-resolved');
  });

  it('reports travel up the chain with each seat\'s delay, and only then does the parent know', () => {
    const ex = started(34.5);
    expect(ex.submit('district-tiexi', { type: 'report-up', incident: 'leak' }).ok).toBe(true);
    ex.advanceTo(44);
    expect(ex.state.incidents.leak.knownBy).not.toContain('hq-safety');
    ex.advanceTo(45);
    expect(ex.state.incidents.leak.knownBy).toContain('hq-safety');
    const rec = ex.events.find((e) => e.type === 'report.received')!;
    expect(rec.t).toBe(44.5);
    expect(rec.audience).toEqual(['hq-safety', 'district-tiexi']);
  });
});
