/**
 * A rule whose order takes "$event.<field>" values is only triggered by events that carry those
 * fields: a free-text report (no incident) must not make the special HQ pass on "$event.incident".
 */
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../engine/index.ts';
import { bundled } from '../helpers/scenario.ts';

describe('plan rules with $event fields', () => {
  it('the earthquake HQ passes on every incident report, and a free-text report triggers nothing', () => {
    const ex = runHeadless(bundled('earthquake'), { seed: 3 });
    const refused = ex.events.filter((e) => e.type === 'command.refused');
    expect(refused.map((e) => e.data.reason)).toEqual([]);
    const freeText = ex.events.filter((e) => e.type === 'report.received' && e.data.to === 'hq-quake' && e.data.incident === null);
    expect(freeText.length).toBeGreaterThan(0); // the dormitory report, sent as text
    const passedOn = ex.events.filter((e) => e.type === 'command.accepted' && e.data.rule === 'hq-report-city');
    const withIncident = ex.events.filter((e) => e.type === 'report.received' && e.data.to === 'hq-quake' && e.data.incident !== null);
    const triggered = ex.events.filter((e) => e.type === 'plan.rule-triggered' && e.data.rule === 'hq-report-city');
    expect(triggered.length).toBe(withIncident.length);
    expect(passedOn.length).toBe(triggered.length);
    for (const c of passedOn) expect((c.data.command as { incident: string }).incident).not.toMatch(/^\$event/);
  });
});
