/**
 * The earthquake in the engine: shaking per district from the attenuation model, collapse sites
 * with trapped people, rescue speed changing deaths (the golden 72 hours), aftershock counts in
 * their Poisson band, and determinism.
 */
import { describe, expect, it } from 'vitest';
import { Exercise, eventsToJsonl, runHeadless } from '../../engine/index.ts';
import { intensityAt, expectedAftershockCount } from '../../engine/hazards/quake/index.ts';
import { districtCentroids } from '../../engine/world/centroids.ts';
import { bundled } from '../helpers/scenario.ts';

const sc = bundled('earthquake');
const spec = sc.data.earthquake!;

describe('earthquake scenario', () => {
  it('shakes each district at the intensity of the attenuation model at its population centre', () => {
    const ex = runHeadless(sc, { seed: 1, plan: null, until: 1 });
    const q = ex.events.find((e) => e.type === 'hazard.quake')!;
    const centroids = districtCentroids(sc.world);
    const src = { magnitude: spec.magnitude, epicentre: spec.epicentre as [number, number], longAxisAzimuthDeg: spec.longAxisAzimuthDeg };
    for (const d of sc.world.districts) {
      expect((q.data.intensity as Record<string, number>)[d.id]).toBeCloseTo(intensityAt(src, centroids.get(d.id)!), 2);
    }
    const I = q.data.intensity as Record<string, number>;
    // Sujiatun (the epicentral district) shakes hardest; far Kangping County barely.
    expect(Math.max(...Object.values(I))).toBe(I['210111']);
    expect(I['210123']).toBeLessThan(I['210102'] - 1);
  });

  it('opens a collapse site for each district with people trapped, named collapse:<district>', () => {
    const ex = runHeadless(sc, { seed: 1, plan: null, until: 1 });
    expect(ex.state.incidents['collapse:210111'].kind).toBe('building-collapse');
    expect(ex.state.quake!.sites['collapse:210111'].remaining).toBeGreaterThan(1);
    expect((ex.state.totals.trapped ?? 0)).toBeGreaterThan(0);
  });

  it('rescue speed changes deaths: with the plan fewer trapped people die than with the weak plan or with none', () => {
    for (const seed of [1, 2, 3]) {
      const withPlan = runHeadless(sc, { seed });
      const none = runHeadless(sc, { seed, plan: null });
      expect(withPlan.state.totals.diedTrapped!).toBeLessThan(none.state.totals.diedTrapped!);
      expect(withPlan.state.totals.rescued!).toBeGreaterThan(none.state.totals.rescued!);
      // Expected values are conserved: every trapped person is rescued, died, or still trapped.
      const sites = Object.values(withPlan.state.quake!.sites);
      const remaining = sites.reduce((s, x) => s + x.remaining, 0);
      expect(withPlan.state.totals.rescued! + withPlan.state.totals.diedTrapped! + remaining).toBeCloseTo(withPlan.state.totals.trapped!, 3);
    }
  });

  it('aftershock counts over 60 seeds fall in the Poisson band of the Reasenberg–Jones rate', () => {
    const a = spec.aftershocks;
    const seq = { mainMagnitude: spec.magnitude, minMagnitude: a.minMagnitude, maxMagnitude: spec.magnitude - 0.1, params: { a: a.a, b: a.b, p: a.p, cDays: a.cDays } };
    const expected = expectedAftershockCount(seq, 0, sc.data.duration / 1440);
    const counts: number[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const ex = new Exercise(sc, { seed, plan: null });
      ex.runToEnd();
      counts.push(ex.events.filter((e) => e.type === 'hazard.aftershock').length);
    }
    const mean = counts.reduce((s, c) => s + c, 0) / counts.length;
    // Mean within 4 standard errors of a Poisson mean.
    expect(Math.abs(mean - expected)).toBeLessThan(4 * Math.sqrt(expected / counts.length));
    for (const e of runHeadless(sc, { seed: 1, plan: null }).events.filter((x) => x.type === 'hazard.aftershock')) {
      expect(e.data.magnitude as number).toBeGreaterThanOrEqual(a.minMagnitude);
      expect(e.data.magnitude as number).toBeLessThan(spec.magnitude);
    }
  }, 120_000);

  it('hospitals overflow when the injured who need a bed exceed the beds (cascade rule on patients > beds)', () => {
    const ex = runHeadless(sc, { seed: 1, plan: null, until: 1 });
    for (const h of ['hospital-cmu', 'hospital-sj']) {
      const f = ex.state.infra.fields[`facility:${h}`];
      const fired = ex.events.some((e) => e.type === 'cascade.triggered' && e.data.rule === 'hospital-overflow' && e.data.entity === h);
      expect(fired).toBe(f.patients > f.beds);
    }
  });

  it('is deterministic per seed, and replays from its log', () => {
    const a = runHeadless(sc, { seed: 5 });
    const b = runHeadless(sc, { seed: 5 });
    expect(eventsToJsonl(a.events)).toBe(eventsToJsonl(b.events));
    expect(eventsToJsonl(runHeadless(sc, { seed: 6 }).events)).not.toBe(eventsToJsonl(a.events));
  });
});
