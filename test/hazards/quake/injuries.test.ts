import { describe, expect, it } from 'vitest';
import { damageStateProbabilities } from '../../../engine/hazards/quake/fragility.ts';
import { HAZUS_INDOOR_CASUALTY_RATES, districtIndoorCasualties, indoorCasualties } from '../../../engine/hazards/quake/injuries.ts';
import { intensityToPgaG } from '../../../engine/hazards/quake/scale.ts';

describe('Hazus indoor casualty rates by damage state', () => {
  it('carries the Hazus table rows (percent, severity 1–4)', () => {
    expect(HAZUS_INDOOR_CASUALTY_RATES.URML).toEqual({
      slight: [0.05, 0, 0, 0], moderate: [0.35, 0.4, 0.001, 0.001], extensive: [2, 0.2, 0.002, 0.002],
      completeNoCollapse: [10, 2, 0.02, 0.02], collapse: [40, 20, 5, 10],
    });
    expect(HAZUS_INDOOR_CASUALTY_RATES.C1M.moderate).toEqual([0.25, 0.03, 0, 0]);
    expect(HAZUS_INDOOR_CASUALTY_RATES.RM2L.moderate).toEqual([0.2, 0.025, 0, 0]);
    expect(HAZUS_INDOOR_CASUALTY_RATES.C2H.completeNoCollapse).toEqual([5, 1, 0.01, 0.01]);
    expect(HAZUS_INDOOR_CASUALTY_RATES.W1.collapse).toEqual([40, 20, 3, 5]);
  });

  it('URML pre-code at 0.37 g (its complete-damage median), by hand', () => {
    // P(complete) = 0.5, collapse 0.5 · 0.15 = 0.075, complete without collapse 0.425
    const p = damageStateProbabilities('urm-pre', 0.37);
    expect(p.complete).toBeCloseTo(0.5, 6);
    // killed per occupant = 0.075 · 10 % + 0.425 · 0.02 % + P(ext) · 0.002 % + P(mod) · 0.001 %
    const col = p.complete * 0.15;
    const killed = col * 0.1 + (p.complete - col) * 0.0002 + p.extensive * 0.00002 + p.moderate * 0.00001;
    const c = indoorCasualties('urm-pre', 0.37, 1000);
    expect(c.severity4).toBeCloseTo(1000 * killed, 9); // ≈ 7.59
    expect(c.severity4).toBeCloseTo(7.59, 1);
    // severity 1: 0.075·40 % + 0.425·10 % + P(ext)·2 % + P(mod)·0.35 % + P(sl)·0.05 %
    const s1 = col * 0.4 + (p.complete - col) * 0.1 + p.extensive * 0.02 + p.moderate * 0.0035 + p.slight * 0.0005;
    expect(c.severity1).toBeCloseTo(1000 * s1, 9);
  });

  it('without collapse, only the non-collapse states remain (collapses go to the entrapment model)', () => {
    const all = indoorCasualties('rc-frame', 0.9, 1000);
    const noCollapse = indoorCasualties('rc-frame', 0.9, 1000, false);
    const p = damageStateProbabilities('rc-frame', 0.9);
    // the difference is the collapse row: P(complete) · 10 % · [40, 20, 5, 10] %
    expect(all.severity4 - noCollapse.severity4).toBeCloseTo(1000 * p.complete * 0.1 * 0.1, 9);
    expect(all.severity2 - noCollapse.severity2).toBeCloseTo(1000 * p.complete * 0.1 * 0.2, 9);
    expect(indoorCasualties('rc-frame', 0, 1000).severity1).toBe(0);
    expect(() => indoorCasualties('rc-frame', 0.3, -1)).toThrow(RangeError);
  });

  it('a district sums its classes, occupants = population · share · occupancy', () => {
    const mix = { 'urm-pre': 0.4, 'rc-frame': 0.6 };
    const d = districtIndoorCasualties({ population: 10_000, mix, intensity: 8.5, occupancy: 0.53, includeCollapse: false });
    const pga = intensityToPgaG(8.5);
    const a = indoorCasualties('urm-pre', pga, 10_000 * 0.4 * 0.53, false);
    const b = indoorCasualties('rc-frame', pga, 10_000 * 0.6 * 0.53, false);
    expect(d.severity2).toBeCloseTo(a.severity2 + b.severity2, 9);
    expect(d.severity4).toBeCloseTo(a.severity4 + b.severity4, 9);
    expect(() => districtIndoorCasualties({ population: 1, mix: { 'rc-frame': 0.5 }, intensity: 8, occupancy: 1 })).toThrow(/sum to 1/);
  });
});
