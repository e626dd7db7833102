import { describe, expect, it } from 'vitest';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { soakJob, soakJobs, judgeRun, SCENARIO_IDS, PLAN_NAMES, type SoakFailure } from '../../bench/soak.ts';
import { runHeadless } from '../../engine/index.ts';
import { bundled, variant } from '../helpers/scenario.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// A slice of `npm run soak`, through the same code: the typhoon seeds that used to throw are in it.
const SEEDS = [...Array.from({ length: 26 }, (_, i) => 1 + i), 490, 536, 604, 1006];

describe('soak slice: every bundled scenario × plan / weak plan / no plan ends as a run should', () => {
  for (const scenario of SCENARIO_IDS) {
    it(`${scenario}: ${PLAN_NAMES.length} plans × ${SEEDS.length} seeds, no exception, no abort, each ends with exercise.ended`, () => {
      const failures: SoakFailure[] = [];
      let runs = 0;
      for (const job of soakJobs([scenario], PLAN_NAMES, SEEDS)) {
        const r = soakJob(ROOT, job);
        runs += r.runs;
        failures.push(...r.failures);
      }
      expect(runs).toBe(PLAN_NAMES.length * SEEDS.length);
      expect(failures).toEqual([]);
    }, 60_000);
  }

  it('tells a run that throws, one a guard aborted and one that stopped short from one that ended', () => {
    const base = { scenario: 'chemical-leak', plan: 'none' as const, seed: 1 };
    const sc = bundled('chemical-leak');
    expect(judgeRun(base, () => runHeadless(sc, { seed: 1, plan: null })).failure).toBeNull();
    expect(judgeRun(base, () => { throw new TypeError('boom'); }).failure).toMatchObject({ ...base, kind: 'exception', message: expect.stringMatching(/^TypeError: boom/) });
    const small = variant('chemical-leak', (y) => `${y}\nlimits: { maxEvents: 10 }\n`);
    expect(judgeRun(base, () => runHeadless(small, { seed: 1, plan: null })).failure).toMatchObject({ kind: 'aborted', message: expect.stringMatching(/^max-events: Run aborted/) });
    expect(judgeRun(base, () => runHeadless(sc, { seed: 1, plan: null, until: 60 })).failure).toMatchObject({ kind: 'unfinished' });
  });
});
