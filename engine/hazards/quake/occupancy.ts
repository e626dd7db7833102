/**
 * Share of a building use's peak population that is inside at a given local hour (M2 of the
 * casualty model; the HAZUS time-of-day population distribution).
 *
 * Source: FEMA Hazus 5.1 Earthquake Model Technical Manual, population distribution by time of day
 * (ch. 13), in the three-period form tabulated in the NHERI SimCenter damage-and-loss database
 * (Hazus 5.1 earthquake data): night 00–05 and 20–23 h, day 09–15 h, commute 06–08 and 16–19 h;
 * residential 1.00 / 0.53 / 0.35, commercial 0.01 / 1.00 / 0.75, educational 0 / 1.00 / 0.50,
 * industrial 0.14 / 1.00 / 0.63, hotels 1.00 / 0.19 / 0.30 (night / day / commute).
 * A step function of the hour: no interpolation is invented between the periods.
 */

import { requireFinite } from '../guard.ts';

export type OccupancyUse = 'residential' | 'commercial' | 'educational' | 'industrial' | 'hotel';
export type PartOfDay = 'night' | 'day' | 'commute';

const SHARES: Readonly<Record<OccupancyUse, Readonly<Record<PartOfDay, number>>>> = {
  residential: { night: 1.0, day: 0.53, commute: 0.35 },
  commercial: { night: 0.01, day: 1.0, commute: 0.75 },
  educational: { night: 0, day: 1.0, commute: 0.5 },
  industrial: { night: 0.14, day: 1.0, commute: 0.63 },
  hotel: { night: 1.0, day: 0.19, commute: 0.3 },
};

/** Hazus part of day for a local clock hour (any real number; taken modulo 24, floored). */
export function partOfDay(hour: number): PartOfDay {
  requireFinite('hour', hour);
  const h = Math.floor(((hour % 24) + 24) % 24);
  if (h <= 5 || h >= 20) return 'night';
  if (h >= 9 && h <= 15) return 'day';
  return 'commute';
}

/** Share of the use's peak population inside at local `hour`. */
export function occupancyShare(use: OccupancyUse, hour: number): number {
  const row = SHARES[use];
  if (!row) throw new RangeError(`unknown occupancy use '${String(use)}'; expected one of ${Object.keys(SHARES).join(', ')}`);
  return row[partOfDay(hour)];
}
