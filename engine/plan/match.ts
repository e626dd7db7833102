/**
 * Conditions on an event's (or a command's) fields, as plan triggers and inject expectations
 * write them: a plain value is equality (or "contains" when the field is a list); an object
 * compares numbers (gte, gt, lte, lt), ranks on the ordered scales (atLeast, atMost) or picks
 * from a list (in). Every listed field must hold.
 */
import type { Match } from '../scenario/schema.ts';

type Scalar = string | number | boolean;

/** Ordered scales, weakest first: warning colours, and response levels / accident grades. */
export const SCALES: readonly (readonly string[])[] = [
  ['blue', 'yellow', 'orange', 'red'],
  ['none', 'IV', 'III', 'II', 'I']
];

/** Rank of `a` against `b` on the scale holding both, or null when no scale holds both. */
function compareRanked(a: string, b: string): number | null {
  for (const scale of SCALES) {
    const i = scale.indexOf(a);
    const j = scale.indexOf(b);
    if (i >= 0 && j >= 0) return i - j;
  }
  return null;
}

/** The value at a dotted path ("totals.deaths") of a record. */
export function fieldAt(data: Record<string, unknown>, path: string): unknown {
  // Own fields only: a condition on "constructor" must not find Object.prototype's.
  if (Object.hasOwn(data, path)) return data[path];
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function scalarHolds(have: unknown, cond: unknown): boolean {
  if (cond === null || typeof cond !== 'object') return have === cond;
  const c = cond as { gte?: number; gt?: number; lte?: number; lt?: number; atLeast?: string; atMost?: string; in?: Scalar[] };
  if (c.gte !== undefined || c.gt !== undefined || c.lte !== undefined || c.lt !== undefined) {
    if (typeof have !== 'number' || !Number.isFinite(have)) return false;
    if (c.gte !== undefined && !(have >= c.gte)) return false;
    if (c.gt !== undefined && !(have > c.gt)) return false;
    if (c.lte !== undefined && !(have <= c.lte)) return false;
    if (c.lt !== undefined && !(have < c.lt)) return false;
  }
  if (c.atLeast !== undefined) {
    const r = typeof have === 'string' ? compareRanked(have, c.atLeast) : null;
    if (r === null || r < 0) return false;
  }
  if (c.atMost !== undefined) {
    const r = typeof have === 'string' ? compareRanked(have, c.atMost) : null;
    if (r === null || r > 0) return false;
  }
  if (c.in !== undefined && !c.in.includes(have as Scalar)) return false;
  return true;
}

/** Does one field satisfy its condition? A list field holds when any of its items does. */
export function fieldHolds(have: unknown, cond: unknown): boolean {
  if (Array.isArray(have)) return have.some((item) => scalarHolds(item, cond));
  return scalarHolds(have, cond);
}

export function matches(data: Record<string, unknown>, match: Match | undefined): boolean {
  if (!match) return true;
  for (const [k, cond] of Object.entries(match)) if (!fieldHolds(fieldAt(data, k), cond)) return false;
  return true;
}

/** Is `name` a rank of one of the ordered scales (for checking atLeast/atMost when a file is loaded)? */
export function isRanked(name: string): boolean {
  return SCALES.some((s) => s.includes(name));
}
