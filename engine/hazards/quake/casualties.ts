/**
 * People killed and trapped by collapsing buildings, after the lethality model of Coburn, Spence &
 * Pomonis (1992) "Factors determining human casualty levels in earthquakes: mortality prediction
 * in building collapse", Proc. 10th WCEE, Madrid, 5989–5994, also Coburn & Spence (2002)
 * "Earthquake Protection", 2nd ed., Wiley, ch. 9:
 *
 *   K = C · M1 · M2 · M3 · (M4 + M5 (1 − M4))
 *
 * C collapsed buildings, M1 residents per building, M2 share of residents indoors at the time of
 * the quake, M3 share of occupants trapped by the collapse, M4 share of the trapped killed at once,
 * M5 share of the trapped survivors who die before rescue. Here C·M1 is the number of residents of
 * collapsed buildings (population × collapse probability), and M5 = 1 − S(t) comes from the rescue
 * time through survival.ts, so faster rescue saves lives.
 *
 * M3 and M4 values as recalled from Coburn & Spence's tables (masonry M3 5/30/60/70 % at VII/VIII/
 * IX/≥X, RC 50 %; M4 20 % masonry, 40 % RC); the book was not at hand to re-check (docs §5).
 */

import { requireFinite, requireNonNegative } from '../guard.ts';
import { type BuildingClass, buildingClass, collapseProbability, mixClasses } from './fragility.ts';
import { intensityDegree, intensityToPgaG } from './scale.ts';
import { survivalProbability } from './survival.ts';

/** Casualty family: Coburn & Spence tabulate masonry and reinforced concrete. */
export type LethalityFamily = 'masonry' | 'rc';

/** M3: share of occupants of a collapsed building who are trapped, by family and intensity. */
export function trappedShare(family: LethalityFamily, intensity: number): number {
  requireFinite('intensity', intensity);
  if (family === 'rc') return 0.5;
  const d = intensityDegree(intensity);
  if (d <= 7) return 0.05;
  if (d === 8) return 0.3;
  if (d === 9) return 0.6;
  return 0.7;
}

/** M4: share of the trapped killed by the collapse itself. */
export function killedAtCollapseShare(family: LethalityFamily): number {
  return family === 'rc' ? 0.4 : 0.2;
}

/** The casualty family of a building class (steel frames count as RC, light wood as masonry: docs §3). */
export function lethalityFamily(cls: BuildingClass): LethalityFamily {
  const f = buildingClass(cls).family;
  return f === 'rc' || f === 'steel' ? 'rc' : 'masonry';
}

export interface CollapseCasualties {
  /** People inside collapsed buildings at the time of the quake: C·M1·M2. */
  occupants: number;
  /** Trapped by the collapse: occupants · M3. */
  trapped: number;
  /** Killed at once: trapped · M4. */
  killedOutright: number;
  /** Trapped alive, waiting for rescue: trapped − killedOutright. */
  trappedAlive: number;
}

/**
 * Occupants, trapped and killed for `residentsInCollapsed` people who live or work in collapsed
 * buildings of one family, `occupancy` (M2, 0–1) of them indoors, at intensity `intensity`.
 */
export function collapseCasualties(p: {
  residentsInCollapsed: number; occupancy: number; family: LethalityFamily; intensity: number;
}): CollapseCasualties {
  requireNonNegative('residentsInCollapsed', p.residentsInCollapsed);
  requireNonNegative('occupancy', p.occupancy);
  if (p.occupancy > 1) throw new RangeError(`occupancy must be in [0, 1], got ${p.occupancy}`);
  const occupants = p.residentsInCollapsed * p.occupancy;
  const trapped = occupants * trappedShare(p.family, p.intensity);
  const killedOutright = trapped * killedAtCollapseShare(p.family);
  return { occupants, trapped, killedOutright, trappedAlive: trapped - killedOutright };
}

/** Total deaths K when every trapped survivor is extricated after `rescueHours` (M5 = 1 − S). */
export function deathsWithRescueAt(c: CollapseCasualties, rescueHours: number): number {
  return c.killedOutright + c.trappedAlive * (1 - survivalProbability(rescueHours));
}

/**
 * A district: `population` people spread over the building mix in proportion to floor area,
 * shaken at continuous intensity `intensity` (PGA from GB/T 17742-2020 eq. A.5), `occupancy`
 * (M2) indoors. Sums collapseCasualties over the classes, each with its collapse probability.
 */
export function districtCollapseCasualties(p: {
  population: number; mix: Readonly<Record<string, number>>; intensity: number; occupancy: number;
}): CollapseCasualties & { collapsedResidents: number } {
  requireNonNegative('population', p.population);
  const pgaG = intensityToPgaG(p.intensity);
  const out = { occupants: 0, trapped: 0, killedOutright: 0, trappedAlive: 0, collapsedResidents: 0 };
  for (const [cls, share] of mixClasses(p.mix)) {
    const residents = p.population * share * collapseProbability(cls, pgaG);
    const c = collapseCasualties({ residentsInCollapsed: residents, occupancy: p.occupancy, family: lethalityFamily(cls), intensity: p.intensity });
    out.collapsedResidents += residents;
    out.occupants += c.occupants;
    out.trapped += c.trapped;
    out.killedOutright += c.killedOutright;
    out.trappedAlive += c.trappedAlive;
  }
  return out;
}
