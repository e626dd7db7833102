// The live server's watchdog: engine work per sim-minute, counted in steps (not wall time), so a
// scenario that runs away halts its exercise at the same point live and in replay. The checker
// refuses what would run away (a tick under 1 min), so the scenario here is changed after loading.
import { describe, expect, it } from 'vitest';
import { Exercise } from '../../engine/index.ts';
import { RunawayError, Watchdog } from '../../src/lib/server/live/containment.ts';
import { bundled } from '../helpers/scenario.ts';

function watched(id: string, edit?: (d: { physics: { tick: number } }) => void): Exercise {
  const sc = bundled(id);
  const data = structuredClone(sc.data);
  edit?.(data as unknown as { physics: { tick: number } });
  const ex = new Exercise({ ...sc, data }, { seed: 3 });
  new Watchdog().attach(ex);
  ex.start();
  return ex;
}

describe('watchdog', () => {
  it('lets every bundled scenario run its whole length with its plan', () => {
    for (const id of ['chemical-leak', 'typhoon', 'earthquake']) {
      const ex = watched(id);
      expect(() => ex.runToEnd(), id).not.toThrow();
      expect(ex.events[ex.events.length - 1].type).toBe('exercise.ended');
    }
  });

  it('halts a physics tick of 0 within one sim-minute, at the same point every time', () => {
    const at: number[] = [];
    for (let i = 0; i < 2; i++) {
      const ex = watched('chemical-leak', (d) => { d.physics.tick = 0; });
      let err: unknown;
      try {
        ex.runToEnd();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RunawayError);
      expect((err as Error).message).toMatch(/runs away/);
      at.push(ex.events.length);
    }
    expect(at[0]).toBe(at[1]);
  });
});
