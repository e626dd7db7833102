/**
 * Indoor casualties by injury severity from building damage: the HAZUS earthquake casualty model,
 * FEMA Hazus 5.1 Earthquake Model Technical Manual ch. 13, indoor casualty rates by model building
 * type and damage state (percent of occupants), as tabulated in the NHERI SimCenter
 * damage-and-loss database (Hazus 5.1 earthquake data). Severity 1: first aid; 2: hospital care,
 * not life-threatening; 3: life-threatening without prompt treatment; 4: killed.
 *
 *   casualties_s = occupants · Σ_ds P(ds) · rate_s(ds) / 100,
 * with complete damage split into "no collapse" and "collapse" by the collapse share (fragility.ts).
 */

import { requireNonNegative } from '../guard.ts';
import { type BuildingClass, type FragilityClass, buildingClass, damageStateProbabilities, mixClasses } from './fragility.ts';
import { intensityToPgaG } from './scale.ts';

/** Percent of occupants at severity 1–4. */
export type SeverityRates = readonly [number, number, number, number];

type HazusType = FragilityClass['hazusType'];

interface RateTable {
  slight: SeverityRates;
  moderate: SeverityRates;
  extensive: SeverityRates;
  completeNoCollapse: SeverityRates;
  collapse: SeverityRates;
}

// Most types share one row per state; URM and light wood differ.
const COMMON = { slight: [0.05, 0, 0, 0], extensive: [1, 0.1, 0.001, 0.001], completeNoCollapse: [5, 1, 0.01, 0.01], collapse: [40, 20, 5, 10] } as const;

export const HAZUS_INDOOR_CASUALTY_RATES: Readonly<Record<HazusType, RateTable>> = {
  URML: { slight: [0.05, 0, 0, 0], moderate: [0.35, 0.4, 0.001, 0.001], extensive: [2, 0.2, 0.002, 0.002], completeNoCollapse: [10, 2, 0.02, 0.02], collapse: [40, 20, 5, 10] },
  RM2L: { ...COMMON, moderate: [0.2, 0.025, 0, 0] },
  C1M: { ...COMMON, moderate: [0.25, 0.03, 0, 0] },
  C2M: { ...COMMON, moderate: [0.25, 0.03, 0, 0] },
  C2H: { ...COMMON, moderate: [0.25, 0.03, 0, 0] },
  S1M: { ...COMMON, moderate: [0.2, 0.025, 0, 0] },
  W1: { ...COMMON, moderate: [0.25, 0.03, 0, 0], collapse: [40, 20, 3, 5] },
};

export interface SeverityCounts {
  /** First aid. */
  severity1: number;
  /** Hospital, not life-threatening. */
  severity2: number;
  /** Life-threatening. */
  severity3: number;
  /** Killed. */
  severity4: number;
}

/**
 * Expected casualties among `occupants` of buildings of one class shaken at PGA (g).
 * `includeCollapse: false` leaves out the collapse share of complete damage, for a caller that
 * models collapses with entrapment and rescue time instead (casualties.ts + survival.ts).
 */
export function indoorCasualties(cls: BuildingClass, pgaG: number, occupants: number, includeCollapse = true): SeverityCounts {
  requireNonNegative('occupants', occupants);
  const c = buildingClass(cls);
  const r = HAZUS_INDOOR_CASUALTY_RATES[c.hazusType];
  const p = damageStateProbabilities(cls, pgaG);
  const collapse = p.complete * c.collapseShareOfComplete;
  const weights: readonly (readonly [number, SeverityRates])[] = [
    [p.slight, r.slight], [p.moderate, r.moderate], [p.extensive, r.extensive],
    [p.complete - collapse, r.completeNoCollapse], [includeCollapse ? collapse : 0, r.collapse],
  ];
  const out = [0, 0, 0, 0];
  for (const [w, rates] of weights) for (let s = 0; s < 4; s++) out[s] += (w * (rates[s] as number)) / 100;
  return { severity1: occupants * out[0], severity2: occupants * out[1], severity3: occupants * out[2], severity4: occupants * out[3] };
}

/**
 * A district: `population` spread over the building mix by floor-area share, `occupancy` of them
 * inside, shaken at continuous intensity `intensity` (PGA by GB/T 17742-2020 eq. A.5).
 */
export function districtIndoorCasualties(p: {
  population: number; mix: Readonly<Record<string, number>>; intensity: number; occupancy: number; includeCollapse?: boolean;
}): SeverityCounts {
  requireNonNegative('population', p.population);
  requireNonNegative('occupancy', p.occupancy);
  if (p.occupancy > 1) throw new RangeError(`occupancy must be in [0, 1], got ${p.occupancy}`);
  const pgaG = intensityToPgaG(p.intensity);
  const out: SeverityCounts = { severity1: 0, severity2: 0, severity3: 0, severity4: 0 };
  for (const [cls, share] of mixClasses(p.mix)) {
    const c = indoorCasualties(cls, pgaG, p.population * share * p.occupancy, p.includeCollapse ?? true);
    out.severity1 += c.severity1;
    out.severity2 += c.severity2;
    out.severity3 += c.severity3;
    out.severity4 += c.severity4;
  }
  return out;
}
