/**
 * Building damage from PGA: lognormal fragility curves
 *   P(DS ≥ ds | PGA) = Φ( ln(PGA/θ_ds) / β_ds )
 * with the HAZUS "equivalent-PGA" structural fragility parameters: FEMA, HAZUS-MH MR4 Earthquake
 * Model Technical Manual (2003), Tables 5.16a–d (high / moderate / low / pre-code), the same
 * values as Hazus 6.1 (2022) §5.4.3. β = 0.64 for every type and state. Values transcribed from
 * two independent public copies that agree.
 *
 * The HAZUS types are US construction; the mapping of Chinese building classes to them is ours
 * (docs/models-quake.md §2): 砖木/老旧砖混 → URML, 砖混 with ring beams and tie columns on precast
 * hollow-core slabs → RM2L (reinforced masonry bearing walls with precast concrete diaphragms),
 * 框架 → C1M, 剪力墙 → C2M/C2H. Chinese code eras map to design levels: before GBJ 11-89 ≈ pre/low,
 * GBJ 11-89 and GB 50011-2001/2010 at Shenyang's 7 degrees (0.10 g) ≈ moderate.
 */

import { requireNonNegative } from '../guard.ts';
import { normalCdf } from '../probit.ts';
import { intensityToPgaG } from './scale.ts';

export type DamageState = 'none' | 'slight' | 'moderate' | 'extensive' | 'complete';
export const DAMAGE_STATES: readonly DamageState[] = ['none', 'slight', 'moderate', 'extensive', 'complete'];

/** Construction family, for the casualty model (Coburn & Spence distinguish masonry from RC). */
export type ConstructionFamily = 'masonry' | 'rc' | 'steel' | 'wood';

export interface FragilityClass {
  /** HAZUS model building type. */
  hazusType: 'URML' | 'RM2L' | 'C1M' | 'C2M' | 'C2H' | 'S1M' | 'W1';
  /** HAZUS seismic design level. */
  designLevel: 'pre' | 'low' | 'moderate' | 'high';
  family: ConstructionFamily;
  label: { zh: string; en: string };
  /** Median PGA (g) for slight, moderate, extensive, complete. */
  medianG: readonly [number, number, number, number];
  /** Lognormal standard deviation for each state. */
  beta: readonly [number, number, number, number];
  /**
   * Share of completely damaged area that collapses: Hazus earthquake technical manual, collapse
   * rates given complete damage (URML 15 %, RM2L 13 %, C1M/C2M 10 %, C2H and S1M 5 %, W1 3 %),
   * checked against the Hazus 5.1 data in the NHERI SimCenter damage-and-loss database.
   */
  collapseShareOfComplete: number;
}

const B = [0.64, 0.64, 0.64, 0.64] as const;

/** Building classes offered to scenarios (keys are what `earthquake.buildings` uses). */
export const BUILDING_CLASSES = {
  'urm-pre': {
    hazusType: 'URML', designLevel: 'pre', family: 'masonry', collapseShareOfComplete: 0.15,
    label: { zh: '砖木/老旧砖混(无圈梁)', en: 'unreinforced brick masonry, pre-code' },
    medianG: [0.13, 0.17, 0.26, 0.37], beta: B,
  },
  'urm-low': {
    hazusType: 'URML', designLevel: 'low', family: 'masonry', collapseShareOfComplete: 0.15,
    label: { zh: '砖混(少量抗震构造)', en: 'unreinforced brick masonry, low-code' },
    medianG: [0.14, 0.2, 0.32, 0.46], beta: B,
  },
  'confined-masonry-low': {
    hazusType: 'RM2L', designLevel: 'low', family: 'masonry', collapseShareOfComplete: 0.13,
    label: { zh: '砖混(圈梁构造柱,89规范前)', en: 'confined brick masonry, low-code' },
    medianG: [0.14, 0.18, 0.28, 0.51], beta: B,
  },
  'confined-masonry': {
    hazusType: 'RM2L', designLevel: 'moderate', family: 'masonry', collapseShareOfComplete: 0.13,
    label: { zh: '砖混(圈梁构造柱,抗震设防)', en: 'confined brick masonry, seismic-designed' },
    medianG: [0.2, 0.28, 0.47, 0.81], beta: B,
  },
  'rc-frame-low': {
    hazusType: 'C1M', designLevel: 'low', family: 'rc', collapseShareOfComplete: 0.1,
    label: { zh: '钢筋混凝土框架(低设防)', en: 'RC frame, mid-rise, low-code' },
    medianG: [0.12, 0.17, 0.32, 0.54], beta: B,
  },
  'rc-frame': {
    hazusType: 'C1M', designLevel: 'moderate', family: 'rc', collapseShareOfComplete: 0.1,
    label: { zh: '钢筋混凝土框架', en: 'RC frame, mid-rise, seismic-designed' },
    medianG: [0.13, 0.21, 0.49, 0.89], beta: B,
  },
  'rc-shearwall-mid': {
    hazusType: 'C2M', designLevel: 'moderate', family: 'rc', collapseShareOfComplete: 0.1,
    label: { zh: '钢筋混凝土剪力墙(多层/小高层)', en: 'RC shear wall, mid-rise, seismic-designed' },
    medianG: [0.15, 0.26, 0.55, 1.02], beta: B,
  },
  'rc-shearwall-high': {
    hazusType: 'C2H', designLevel: 'moderate', family: 'rc', collapseShareOfComplete: 0.05,
    label: { zh: '钢筋混凝土剪力墙(高层)', en: 'RC shear wall, high-rise, seismic-designed' },
    medianG: [0.12, 0.23, 0.57, 1.07], beta: B,
  },
  'rc-shearwall-high-code': {
    hazusType: 'C2H', designLevel: 'high', family: 'rc', collapseShareOfComplete: 0.05,
    label: { zh: '钢筋混凝土剪力墙(高层,高设防)', en: 'RC shear wall, high-rise, high-code' },
    medianG: [0.12, 0.29, 0.82, 1.87], beta: B,
  },
  steel: {
    hazusType: 'S1M', designLevel: 'moderate', family: 'steel', collapseShareOfComplete: 0.05,
    label: { zh: '钢框架(工业/商业)', en: 'steel moment frame, mid-rise' },
    medianG: [0.13, 0.21, 0.44, 0.82], beta: B,
  },
  'wood-light': {
    hazusType: 'W1', designLevel: 'moderate', family: 'wood', collapseShareOfComplete: 0.03,
    label: { zh: '轻型木结构', en: 'light wood frame' },
    medianG: [0.24, 0.43, 0.91, 1.34], beta: B,
  },
} as const satisfies Record<string, FragilityClass>;

export type BuildingClass = keyof typeof BUILDING_CLASSES;

export const BUILDING_CLASS_IDS = Object.keys(BUILDING_CLASSES) as readonly BuildingClass[];

export function isBuildingClass(id: string): id is BuildingClass {
  return Object.prototype.hasOwnProperty.call(BUILDING_CLASSES, id);
}

/** The class record; a clear error for an unknown id (scenario files name classes). */
export function buildingClass(id: string): FragilityClass {
  if (!isBuildingClass(id)) throw new RangeError(`unknown building class '${id}'; expected one of ${BUILDING_CLASS_IDS.join(', ')}`);
  return BUILDING_CLASSES[id];
}

/** Lognormal fragility Φ(ln(x/θ)/β); x = 0 → 0. */
export function lognormalFragility(x: number, median: number, beta: number): number {
  requireNonNegative('x', x);
  if (x === 0) return 0;
  return normalCdf(Math.log(x / median) / beta);
}

/** P(DS ≥ ds) for ds = 1 (slight) … 4 (complete) at PGA (g). Allocation-free. */
export function exceedance(cls: BuildingClass, pgaG: number, ds: 1 | 2 | 3 | 4): number {
  const c = buildingClass(cls);
  return lognormalFragility(pgaG, c.medianG[ds - 1] as number, c.beta[ds - 1] as number);
}

/** [P(≥slight), P(≥moderate), P(≥extensive), P(≥complete)] at PGA (g); non-increasing by construction. */
export function exceedanceProbabilities(cls: BuildingClass, pgaG: number): [number, number, number, number] {
  const c = buildingClass(cls);
  requireNonNegative('pgaG', pgaG);
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const p = lognormalFragility(pgaG, c.medianG[i] as number, c.beta[i] as number);
    // guards round-off only: medians increase and betas are equal, so the curves never cross
    out[i] = i === 0 ? p : Math.min(p, out[i - 1] as number);
  }
  return out;
}

/** Probability of each discrete damage state at PGA (g); the five values sum to 1. */
export function damageStateProbabilities(cls: BuildingClass, pgaG: number): Record<DamageState, number> {
  const [s, m, e, c] = exceedanceProbabilities(cls, pgaG);
  return { none: 1 - s, slight: s - m, moderate: m - e, extensive: e - c, complete: c };
}

/** Same, from a continuous Chinese intensity through GB/T 17742-2020 eq. (A.5). */
export function damageStateProbabilitiesAtIntensity(cls: BuildingClass, intensity: number): Record<DamageState, number> {
  return damageStateProbabilities(cls, intensityToPgaG(intensity));
}

/** Probability that a building of the class collapses at PGA (g): P(complete) × collapse share. */
export function collapseProbability(cls: BuildingClass, pgaG: number): number {
  return exceedance(cls, pgaG, 4) * buildingClass(cls).collapseShareOfComplete;
}

/**
 * The classes of a building mix {class: share} with a share above zero, checked: every share ≥ 0,
 * every class with a share known (an unknown id throws), shares summing to 1 (± 1e-6).
 */
export function mixClasses(mix: Readonly<Record<string, number>>): [BuildingClass, number][] {
  const out: [BuildingClass, number][] = [];
  let total = 0;
  for (const [id, share] of Object.entries(mix)) {
    requireNonNegative(`building mix share of '${id}'`, share);
    total += share;
    if (share === 0) continue;
    buildingClass(id); // clear error for an unknown class
    out.push([id as BuildingClass, share]);
  }
  if (Math.abs(total - 1) > 1e-6) throw new RangeError(`building mix shares must sum to 1, got ${total}`);
  return out;
}

/** For a district's mix {class: share of floor area}, the area-weighted damage-state shares at PGA (g). */
export function mixDamageStateProbabilities(mix: Readonly<Record<string, number>>, pgaG: number): Record<DamageState, number> {
  const out: Record<DamageState, number> = { none: 0, slight: 0, moderate: 0, extensive: 0, complete: 0 };
  for (const [cls, share] of mixClasses(mix)) {
    const p = damageStateProbabilities(cls, pgaG);
    for (const ds of DAMAGE_STATES) out[ds] += share * p[ds];
  }
  return out;
}
