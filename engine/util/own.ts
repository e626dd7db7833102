/**
 * A record's own entry for an id that came from outside (a command, a log). `record[id]` would
 * find "constructor" or "toString" on Object.prototype and treat them as existing entries.
 */
export function own<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
