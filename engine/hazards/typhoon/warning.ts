/**
 * CMA typhoon warning signal (台风预警信号) from a point forecast.
 *
 * Criteria as given in the project's hazard-model brief, after the CMA warning-signal rules
 * (气象灾害预警信号发布与传播办法, 2007, annex: 台风预警信号):
 *   blue   — within 24 h, mean wind ≥ force 6 or gusts ≥ force 8;
 *   yellow — within 24 h, mean wind ≥ force 8 or gusts ≥ force 10;
 *   orange — within 12 h, mean wind ≥ force 10 or gusts ≥ force 12;
 *   red    — within 6 h,  mean wind ≥ force 12 or gusts ≥ force 14.
 * The official text also covers "already affected and likely to continue": a forecast entry
 * with hoursAhead = 0 (current conditions) counts as "within" every window.
 */

import { requireNonNegative } from '../guard.ts';
import { beaufort } from './wind.ts';

export type TyphoonSignal = 'blue' | 'yellow' | 'orange' | 'red';

export interface WindForecastEntry {
  /** Lead time of this forecast value (h), ≥ 0; 0 = now. */
  hoursAhead: number;
  /** Forecast mean (sustained) wind at the place (m/s). */
  sustainedMs: number;
  /** Forecast gust at the place (m/s). */
  gustMs: number;
}

interface Rule {
  signal: TyphoonSignal;
  withinH: number;
  meanForce: number;
  gustForce: number;
}

/** Highest first. */
export const TYPHOON_SIGNAL_RULES: readonly Rule[] = [
  { signal: 'red', withinH: 6, meanForce: 12, gustForce: 14 },
  { signal: 'orange', withinH: 12, meanForce: 10, gustForce: 12 },
  { signal: 'yellow', withinH: 24, meanForce: 8, gustForce: 10 },
  { signal: 'blue', withinH: 24, meanForce: 6, gustForce: 8 },
];

/** Highest signal whose criterion is met by any entry inside its time window, or null. */
export function typhoonWarningSignal(forecast: readonly WindForecastEntry[]): TyphoonSignal | null {
  const entries = forecast.map((e, i) => {
    const h = requireNonNegative(`forecast[${i}].hoursAhead`, e.hoursAhead);
    return {
      h,
      mean: beaufort(requireNonNegative(`forecast[${i}].sustainedMs`, e.sustainedMs)),
      gust: beaufort(requireNonNegative(`forecast[${i}].gustMs`, e.gustMs)),
    };
  });
  for (const rule of TYPHOON_SIGNAL_RULES) {
    if (entries.some((e) => e.h <= rule.withinH && (e.mean >= rule.meanForce || e.gust >= rule.gustForce))) {
      return rule.signal;
    }
  }
  return null;
}
