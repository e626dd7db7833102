/** JSON with object keys sorted at every depth: the same data always gives the same text (for hashing). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    // No prototype: a key "__proto__" from outside stays a key instead of setting the prototype (and vanishing).
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
