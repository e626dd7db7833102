import { describe, expect, it } from 'vitest';
import {
  BUILDING_CLASSES, BUILDING_CLASS_IDS, buildingClass, collapseProbability, damageStateProbabilities,
  damageStateProbabilitiesAtIntensity, exceedance, exceedanceProbabilities, lognormalFragility, mixDamageStateProbabilities,
} from '../../../engine/hazards/quake/fragility.ts';
import { intensityToPgaG } from '../../../engine/hazards/quake/scale.ts';

/** HAZUS-MH MR4 Tables 5.16a–d, equivalent-PGA medians in %g (slight, moderate, extensive, complete), β = 0.64. */
const HAZUS_TABLE_5_16: Record<string, [string, string, number[]]> = {
  'urm-pre': ['URML', 'pre', [13, 17, 26, 37]],
  'urm-low': ['URML', 'low', [14, 20, 32, 46]],
  'confined-masonry-low': ['RM2L', 'low', [14, 18, 28, 51]],
  'confined-masonry': ['RM2L', 'moderate', [20, 28, 47, 81]],
  'rc-frame-low': ['C1M', 'low', [12, 17, 32, 54]],
  'rc-frame': ['C1M', 'moderate', [13, 21, 49, 89]],
  'rc-shearwall-mid': ['C2M', 'moderate', [15, 26, 55, 102]],
  'rc-shearwall-high': ['C2H', 'moderate', [12, 23, 57, 107]],
  'rc-shearwall-high-code': ['C2H', 'high', [12, 29, 82, 187]],
  steel: ['S1M', 'moderate', [13, 21, 44, 82]],
  'wood-light': ['W1', 'moderate', [24, 43, 91, 134]],
};

describe('HAZUS equivalent-PGA fragility', () => {
  it('every class carries the HAZUS median and β of its type and design level', () => {
    expect([...BUILDING_CLASS_IDS].sort()).toEqual(Object.keys(HAZUS_TABLE_5_16).sort());
    for (const [id, [type, level, pct]] of Object.entries(HAZUS_TABLE_5_16)) {
      const c = buildingClass(id);
      expect(c.hazusType, id).toBe(type);
      expect(c.designLevel, id).toBe(level);
      expect(c.medianG.map((m) => Math.round(m * 100)), id).toEqual(pct);
      expect(c.beta, id).toEqual([0.64, 0.64, 0.64, 0.64]);
    }
  });

  it('P = 0.5 at the median and Φ(1) = 0.841345 at median·e^β, for every class and state', () => {
    for (const id of BUILDING_CLASS_IDS) {
      const c = BUILDING_CLASSES[id];
      for (const ds of [1, 2, 3, 4] as const) {
        const m = c.medianG[ds - 1]!;
        expect(exceedance(id, m, ds)).toBeCloseTo(0.5, 6);
        expect(exceedance(id, m * Math.exp(0.64), ds)).toBeCloseTo(0.841345, 5);
      }
    }
  });

  it('discrete states for URML pre-code at 0.26 g, by hand', () => {
    // z = ln(0.26/θ)/0.64: slight ln 2/0.64 = 1.083042 → Φ 0.860607; moderate ln(0.26/0.17)/0.64 =
    // 0.663876 → 0.746617; extensive 0 → 0.5; complete ln(0.26/0.37)/0.64 = −0.551344 → 0.290720
    const p = damageStateProbabilities('urm-pre', 0.26);
    expect(p.none).toBeCloseTo(1 - 0.860607, 4);
    expect(p.slight).toBeCloseTo(0.860607 - 0.746617, 4);
    expect(p.moderate).toBeCloseTo(0.746617 - 0.5, 4);
    expect(p.extensive).toBeCloseTo(0.5 - 0.29072, 4);
    expect(p.complete).toBeCloseTo(0.29072, 4);
    expect(p.none + p.slight + p.moderate + p.extensive + p.complete).toBeCloseTo(1, 12);
  });

  it('exceedance curves are ordered and zero without shaking', () => {
    for (const pga of [0.05, 0.2, 0.6, 1.5]) {
      const [s, m, e, c] = exceedanceProbabilities('rc-frame', pga);
      expect(s).toBeGreaterThanOrEqual(m);
      expect(m).toBeGreaterThanOrEqual(e);
      expect(e).toBeGreaterThanOrEqual(c);
    }
    expect(exceedanceProbabilities('rc-frame', 0)).toEqual([0, 0, 0, 0]);
    expect(lognormalFragility(0, 0.3, 0.64)).toBe(0);
  });

  it('old brick fails before seismic-designed RC at the same intensity (IX)', () => {
    const urm = damageStateProbabilitiesAtIntensity('urm-pre', 9);
    const wall = damageStateProbabilitiesAtIntensity('rc-shearwall-high-code', 9);
    expect(urm.complete).toBeGreaterThan(0.5); // PGA(IX) = 0.587 g > 0.37 g
    expect(wall.complete).toBeLessThan(urm.complete / 5);
    expect(intensityToPgaG(9)).toBeCloseTo(0.58713, 4);
  });

  it('collapse = P(complete) × the HAZUS collapse share', () => {
    // URML: P(complete | 0.37 g) = 0.5, collapse share 15 % → 0.075
    expect(collapseProbability('urm-pre', 0.37)).toBeCloseTo(0.075, 6);
    expect(collapseProbability('rc-shearwall-high', 1.07)).toBeCloseTo(0.025, 6);
  });

  it('building mix: area-weighted, shares checked, unknown classes named', () => {
    const mix = { 'urm-pre': 0.25, 'rc-frame': 0.75 };
    const p = mixDamageStateProbabilities(mix, 0.3);
    const a = damageStateProbabilities('urm-pre', 0.3);
    const b = damageStateProbabilities('rc-frame', 0.3);
    expect(p.complete).toBeCloseTo(0.25 * a.complete + 0.75 * b.complete, 12);
    expect(() => mixDamageStateProbabilities({ 'urm-pre': 0.5 }, 0.3)).toThrow(/sum to 1/);
    expect(() => mixDamageStateProbabilities({ adobe: 1 }, 0.3)).toThrow(/unknown building class 'adobe'/);
    expect(() => exceedanceProbabilities('rc-frame', -0.1)).toThrow(RangeError);
  });
});
