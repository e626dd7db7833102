/**
 * Building damage from PGA: lognormal fragility curves
 *   P(DS ≥ ds | PGA) = Φ( ln(PGA/θ_ds) / β_ds )
 * with the HAZUS "equivalent-PGA" structural fragility parameters: FEMA, Hazus Earthquake
 * Model Technical Manual (Hazus 6.1, 2022, §5.4.3 Tables 5-37…5-40; the same values are the
 * "equivalent-PGA" tables 5.16a–d of HAZUS-MH MR4/MR5). β = 0.64 for every type and state.
 * Values transcribed from two independent public copies that agree (see docs).
 * The curves are for US construction; the mapping to Chinese building classes is ours.
 */

import { requireNonNegative } from '../guard.ts';
import { normalCdf } from '../probit.ts';

export type DamageState = 'none' | 'slight' | 'moderate' | 'extensive' | 'complete';
export const DAMAGE_STATES: readonly DamageState[] = ['none', 'slight', 'moderate', 'extensive', 'complete'];

export interface FragilityClass {
  /** HAZUS model building type. */
  hazusType: 'URML' | 'C1M' | 'C2H' | 'S1M' | 'W1';
  /** HAZUS seismic design level. */
  designLevel: 'pre' | 'low' | 'moderate' | 'high';
  description: string;
  /** Median PGA (g) for slight, moderate, extensive, complete. */
  medianG: readonly [number, number, number, number];
  /** Lognormal standard deviation for each state. */
  beta: readonly [number, number, number, number];
}

const B = [0.64, 0.64, 0.64, 0.64] as const;

/** Building classes offered to scenarios (docs/models-earthquake.md §2 explains the mapping). */
export const BUILDING_CLASSES = {
  /** Old brick/unreinforced masonry (pre-1978 砖木/砖混 without ring beams). */
  'urm-pre': { hazusType: 'URML', designLevel: 'pre', description: 'unreinforced masonry, low-rise, pre-code', medianG: [0.13, 0.17, 0.26, 0.37], beta: B },
  /** Brick-concrete (砖混) with some seismic detailing. */
  'urm-low': { hazusType: 'URML', designLevel: 'low', description: 'unreinforced masonry, low-rise, low-code', medianG: [0.14, 0.2, 0.32, 0.46], beta: B },
  /** RC frame, 4–7 storeys. */
  'rc-frame': { hazusType: 'C1M', designLevel: 'moderate', description: 'concrete moment frame, mid-rise, moderate-code', medianG: [0.13, 0.21, 0.49, 0.89], beta: B },
  /** RC shear-wall high-rise (typical post-2000 residential tower). */
  'rc-shearwall-high': { hazusType: 'C2H', designLevel: 'moderate', description: 'concrete shear wall, high-rise, moderate-code', medianG: [0.12, 0.23, 0.57, 1.07], beta: B },
  /** Steel moment frame, mid-rise (industrial/commercial). */
  steel: { hazusType: 'S1M', designLevel: 'moderate', description: 'steel moment frame, mid-rise, moderate-code', medianG: [0.13, 0.21, 0.44, 0.82], beta: B },
  /** Light wood frame (rare in Shenyang; rural/temporary). */
  'wood-light': { hazusType: 'W1', designLevel: 'moderate', description: 'wood light frame, moderate-code', medianG: [0.24, 0.43, 0.91, 1.34], beta: B },
} as const satisfies Record<string, FragilityClass>;

export type BuildingClass = keyof typeof BUILDING_CLASSES;

function classOf(cls: BuildingClass): FragilityClass {
  const c = (BUILDING_CLASSES as Record<string, FragilityClass>)[cls];
  if (!c) throw new RangeError(`unknown building class '${String(cls)}'`);
  return c;
}

/** Lognormal fragility Φ(ln(x/θ)/β); x = 0 → 0. */
export function lognormalFragility(x: number, median: number, beta: number): number {
  requireNonNegative('x', x);
  if (x === 0) return 0;
  return normalCdf(Math.log(x / median) / beta);
}

/** [P(≥slight), P(≥moderate), P(≥extensive), P(≥complete)] at PGA (g). */
export function exceedanceProbabilities(cls: BuildingClass, pgaG: number): [number, number, number, number] {
  const c = classOf(cls);
  requireNonNegative('pgaG', pgaG);
  const p = c.medianG.map((m, i) => lognormalFragility(pgaG, m, c.beta[i] as number));
  // enforce monotonicity against round-off (medians are increasing, betas equal)
  for (let i = 1; i < 4; i++) p[i] = Math.min(p[i] as number, p[i - 1] as number);
  return p as [number, number, number, number];
}

/** Probability of each discrete damage state at PGA (g); the five values sum to 1. */
export function damageStateProbabilities(cls: BuildingClass, pgaG: number): Record<DamageState, number> {
  const [s, m, e, c] = exceedanceProbabilities(cls, pgaG);
  return { none: 1 - s, slight: s - m, moderate: m - e, extensive: e - c, complete: c };
}
