/** Building a metric: a value with its unit, the events behind it and the seat answerable for it. */
import type { Evidence, MetricUnit, MetricValue } from './types.ts';

export function metric(id: string, value: number | null, unit: MetricUnit, evidence: Evidence[] = [], owner?: string): MetricValue {
  const v = value === null || !Number.isFinite(value) ? null : Math.round(value * 1000) / 1000;
  return owner === undefined ? { id, value: v, unit, evidence } : { id, value: v, unit, evidence, owner };
}
