import { describe, expect, it } from 'vitest';
import { Exercise, runHeadless, summarize } from '../../engine/index.ts';
import { weatherAt, gradeFor } from '../../engine/sim/chemical.ts';
import { plumeConcentration, gPerM3ToPpm, liquidOrificeRate, SUBSTANCES } from '../../engine/hazards/index.ts';
import { bundled } from '../helpers/scenario.ts';

const sc = bundled();
const cells = sc.world.grid.cells;
const plant = sc.world.points.get('plant')!;

/** The first seed (deterministic scan) whose leak ignites when nobody responds. */
const igniting = (() => {
  for (let seed = 1; seed <= 200; seed++) {
    const ex = runHeadless(sc, { seed, plan: null });
    if (ex.events.some((e) => e.type === 'cascade.triggered' && e.data.rule === 'ignition')) return seed;
  }
  throw new Error('no igniting seed in 1..200');
})();

describe('chemical leak in the engine', () => {
  it('releases at the orifice rate of the tank (Crowl & Louvar liquid discharge)', () => {
    const ex = runHeadless(sc, { seed: 1, plan: null, until: 31 });
    const src = ex.events.find((e) => e.type === 'hazard.source')!;
    // 0.61 · π(0.04)²/4 · √(2 · 610 kg/m³ · 7.56e5 Pa) = 0.61 · 1.2566e-3 · 30370 = 23.28 kg/s
    expect(src.data.rateKgS).toBeCloseTo(23.28, 1);
    expect(liquidOrificeRate({ holeDiameter: 0.04, liquidDensity: SUBSTANCES.ammonia.liquidDensity, gaugePressure: 7.56e5 })).toBeCloseTo(23.28, 1);
  });

  it('puts the plume downwind: cells hit lie north-east of the plant on a south-westerly wind', () => {
    const ex = runHeadless(sc, { seed: 1, plan: null, until: 120 });
    let sx = 0, sy = 0, w = 0;
    ex.state.exposure.peakPpm.forEach((p, i) => { sx += p * (cells[i].x - plant.x); sy += p * (cells[i].y - plant.y); w += p; });
    expect(w).toBeGreaterThan(0);
    const bearing = ((Math.atan2(sx, sy) * 180) / Math.PI + 360) % 360;
    expect(bearing).toBeGreaterThan(15);
    expect(bearing).toBeLessThan(75);
  });

  it('computes each cell from the plume model itself (first tick: the front has travelled 5 min)', () => {
    const ex = new Exercise(sc, { seed: 4, plan: null });
    ex.start();
    ex.advanceTo(35); // release at 30, tick every 5
    const w = weatherAt(ex, 35);
    const u = Math.max(1, w.windSpeed);
    const to = ((w.windFrom + 180) * Math.PI) / 180;
    const rate = (ex.events.find((e) => e.type === 'hazard.source')!.data.rateKgS as number) * 0.366 * 1000;
    let checked = 0;
    cells.forEach((c, i) => {
      const rx = c.x - plant.x, ry = c.y - plant.y;
      const x = rx * Math.sin(to) + ry * Math.cos(to);
      const y = -rx * Math.cos(to) + ry * Math.sin(to);
      if (x <= 0 || x > u * 300) return expect(ex.state.exposure.peakPpm[i]).toBe(0);
      const want = gPerM3ToPpm(plumeConcentration({ q: rate, u, h: 0, x, y, z: 1.5, cls: w.stability, terrain: 'urban' }), 17.031);
      if (Math.abs(y) > 1000) return;
      expect(ex.state.exposure.peakPpm[i]).toBeCloseTo(want, 0);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('sheltering in place reduces what people breathe, and sooner is better', () => {
    /** Population-weighted toxic load Σ people · ∫Cⁿdt over the grid. */
    const load = (ex: Exercise) => ex.state.exposure.doseOut.reduce((s, d, i) => s + d * ex.state.exposure.peopleOut[i] + ex.state.exposure.doseIn[i] * ex.state.exposure.peopleIn[i], 0);
    const order = (t: number) => [{ t, seat: 'district-tiexi', cmd: { type: 'order-protection' as const, mode: 'shelter' as const, area: { around: 'leak', radius: 3000 } } }];
    const none = load(runHeadless(sc, { seed: 2, plan: null }));
    const early = load(runHeadless(sc, { seed: 2, plan: null, commands: order(35) }));
    const late = load(runHeadless(sc, { seed: 2, plan: null, commands: order(120) }));
    expect(none).toBeGreaterThan(0);
    expect(early).toBeLessThan(none * 0.8);
    expect(late).toBeGreaterThan(early);
  });

  it('sheltered too long, people keep breathing the gas trapped indoors: lifting the order after the plume helps', () => {
    const load = (ex: Exercise) => ex.state.exposure.doseIn.reduce((s, d, i) => s + d * ex.state.exposure.peopleIn[i], 0);
    const shelter = { t: 35, seat: 'district-tiexi', cmd: { type: 'order-protection' as const, mode: 'shelter' as const, area: { around: 'leak', radius: 3000 } } };
    const lift = { t: 200, seat: 'district-tiexi', cmd: { type: 'order-protection' as const, mode: 'lift' as const, area: { around: 'leak', radius: 3000 } } };
    const kept = load(runHeadless(sc, { seed: 2, plan: null, commands: [shelter] }));
    const lifted = load(runHeadless(sc, { seed: 2, plan: null, commands: [shelter, lift] }));
    expect(lifted).toBeLessThan(kept);
  });

  it('evacuation takes people out of the exposure', () => {
    const ex = runHeadless(sc, { seed: 2, plan: null, commands: [{ t: 31, seat: 'district-tiexi', cmd: { type: 'order-protection', mode: 'evacuate', area: { around: 'leak', radius: 1000 } } }] });
    const moved = ex.state.exposure.evacuated.reduce((a, b) => a + b, 0);
    const ordered = ex.events.find((e) => e.type === 'protection.ordered')!.data.people as number;
    expect(moved).toBeCloseTo(ordered, 0);
    expect(summarize(ex).evacuated).toBe(Math.round(moved));
  });

  it('isolating the source stops the release before the tank is empty', () => {
    const ex = runHeadless(sc, { seed: 1 });
    const isolated = ex.events.find((e) => e.type === 'source.isolated');
    const exhausted = ex.events.find((e) => e.type === 'hazard.source-exhausted');
    expect(isolated).toBeDefined();
    expect(exhausted).toBeUndefined();
    expect(ex.state.sources[0].massKg).toBeGreaterThan(0);
  });

  it('ignition → jet fire → LPG sphere fails → explosion → blast on the ammonia tanks, when nobody cools it', () => {
    const ex = runHeadless(sc, { seed: igniting, plan: null });
    const chain = ex.events.filter((e) => e.type === 'cascade.triggered').map((e) => e.data.rule);
    expect(chain.slice(0, 2)).toEqual(['ignition', 'domino-fire']);
    const threat = ex.events.find((e) => e.type === 'cascade.threat')!;
    expect(threat.data.tank).toBe('LPG-1');
    expect(ex.state.incidents['leak-explosion-LPG-1']).toBeDefined();
    const blasts = ex.events.filter((e) => e.type === 'cascade.blast');
    expect(blasts.map((b) => b.data.tank).sort()).toEqual(['NH3-1', 'NH3-2']);
    // each chain link names its parent event
    for (const e of ex.events.filter((x) => x.type === 'cascade.triggered')) expect(e.cause).toBeTypeOf('number');
  });

  it('a fire team cooling the sphere prevents the domino, and fire water then reaches the intake', () => {
    const ex = runHeadless(sc, { seed: igniting });
    expect(ex.events.some((e) => e.type === 'cascade.prevented' && e.data.rule === 'domino-fire')).toBe(true);
    expect(ex.state.tanks['plant/LPG-1'].status).toBe('intact');
    const runoff = ex.events.find((e) => e.type === 'hazard.runoff')!;
    // fully mixed, c = 1000·M / (Q·T): M kg of pollutant carried by fire water while teams fought the
    // fire (400 kg/h), over the burn time T, into Q = 60 m³/s of river.
    const fighting = runoff.data.pollutantKg as number;
    const burnS = (runoff.data.burnMin as number) * 60;
    expect(fighting).toBeGreaterThan(0);
    expect(runoff.data.concentrationMgL).toBeCloseTo((1000 * fighting) / (60 * burnS), 3);
    // while fighting for the whole burn it tends to 400/3600/60 kg/m³ = 1.85 mg/L: never above that
    expect(runoff.data.concentrationMgL as number).toBeLessThanOrEqual(1.852);
    // 38 km at 0.8 m/s = 47 500 s = 791.7 min
    expect(runoff.data.arrivalMin).toBeCloseTo(791.7, 0);
    const hit = ex.events.find((e) => e.type === 'cascade.triggered' && e.data.rule === 'fire-water-runoff')!;
    expect(hit.t).toBeCloseTo((runoff.t as number) + 791.7, 0);
  });

  it('grades an accident by its consequences (work-safety regulation, art. 3)', () => {
    expect(gradeFor(0, 0)).toBe('IV');
    expect(gradeFor(3, 0)).toBe('III');
    expect(gradeFor(0, 10)).toBe('III');
    expect(gradeFor(10, 0)).toBe('II');
    expect(gradeFor(0, 50)).toBe('II');
    expect(gradeFor(30, 0)).toBe('I');
    expect(gradeFor(0, 100)).toBe('I');
  });
});
