import { describe, expect, it } from 'vitest';
import { Exercise, runHeadless, replay, makeLog, eventsToJsonl, createReducerLayer, LogMismatchError, summarize } from '../../engine/index.ts';
import { bundled, variant } from '../helpers/scenario.ts';

const manualCommands = [
  { t: 40, seat: 'district-tiexi', cmd: { type: 'order-protection' as const, mode: 'shelter' as const, area: { around: 'leak', radius: 2000 } } },
  { t: 50, seat: 'township-zhangshi', cmd: { type: 'report-up' as const, incident: 'leak' } },
  { t: 70, seat: 'district-yuhong', cmd: { type: 'issue-warning' as const, districts: ['210106'], colour: 'red' as const } }
];

describe('determinism: same scenario + seed + commands ⇒ identical event stream', () => {
  const sc = bundled();

  it('gives the identical stream for the same seed, twice in one process', () => {
    const a = eventsToJsonl(runHeadless(sc, { seed: 11, commands: manualCommands }).events);
    const b = eventsToJsonl(runHeadless(sc, { seed: 11, commands: manualCommands }).events);
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
  });

  it('gives a different stream for another seed', () => {
    const seeds = [1, 2, 3, 4, 5].map((s) => eventsToJsonl(runHeadless(sc, { seed: s }).events));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('rebuilds the identical stream from the log alone (replay)', () => {
    const ex = runHeadless(sc, { seed: 5, commands: manualCommands });
    const log = JSON.parse(JSON.stringify(makeLog(ex, sc.data.duration)));
    expect(log.commands).toHaveLength(3); // refused orders are logged too: their refusal is part of the stream
    expect(ex.events.some((e) => e.type === "command.refused" && e.data.seat === "district-yuhong")).toBe(true);
    expect(eventsToJsonl(replay(sc, log).events)).toBe(eventsToJsonl(ex.events));
  });

  it('refuses to replay a log against a changed scenario', () => {
    const ex = runHeadless(sc, { seed: 5 });
    const changed = variant('chemical-leak', (y) => y.replace('holeDiameterM: 0.04', 'holeDiameterM: 0.05'));
    expect(changed.hash).not.toBe(sc.hash);
    expect(() => replay(changed, makeLog(ex, sc.data.duration))).toThrow(LogMismatchError);
  });

  it('gives the same stream with XState machines and with the plain reducers', () => {
    for (const seed of [1, 7, 23]) {
      const a = eventsToJsonl(runHeadless(sc, { seed, commands: manualCommands }).events);
      const b = eventsToJsonl(runHeadless(sc, { seed, commands: manualCommands, layer: createReducerLayer() }).events);
      expect(b).toBe(a);
    }
  });

  it('resumes from a snapshot (seek) and continues exactly as the uninterrupted run', () => {
    const full = runHeadless(sc, { seed: 9 });
    const ex = new Exercise(sc, { seed: 9 });
    ex.start();
    ex.advanceTo(75);
    const snap = JSON.parse(JSON.stringify(ex.snapshot()));
    const resumed = Exercise.restore(sc, snap, { events: [...ex.events], commands: [...ex.commands] });
    resumed.runToEnd();
    expect(eventsToJsonl(resumed.events)).toBe(eventsToJsonl(full.events));
  });

  it('adding a team does not change the hazard (named streams)', () => {
    const extra = variant('chemical-leak', (y) =>
      y.replace('teams:\n', 'teams:\n  - { id: extra-team, name: { zh: 增援队, en: Extra team }, type: rescue, owner: hq-safety, base: city-hq, size: 10, capabilities: [rescue] }\n')
    );
    const a = runHeadless(sc, { seed: 3 });
    const b = runHeadless(extra, { seed: 3 });
    expect(b.state.windJitter).toEqual(a.state.windJitter);
    const hazard = (ex: Exercise) => ex.events.filter((e) => e.type === 'hazard.plume' || e.type === 'hazard.source').map((e) => JSON.stringify([e.t, e.data]));
    expect(hazard(b)).toEqual(hazard(a));
    expect(summarize(b).exposedAbove).toEqual(summarize(a).exposedAbove);
  });
});
