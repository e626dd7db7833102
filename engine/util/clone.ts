/**
 * A deep copy of plain data (objects, arrays, numbers, strings, booleans, null, undefined), the
 * only things event data hold. Several times faster than structuredClone on the small objects an
 * event carries, which matters at about a hundred events per run times thousands of runs.
 * Anything else (a Map, a Date, a class instance) is refused rather than copied wrongly.
 */
export function clonePlain<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = clonePlain(v[i]);
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`clonePlain: not plain data (${proto?.constructor?.name ?? 'unknown'})`);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = clonePlain((v as Record<string, unknown>)[k]);
  return out as T;
}
