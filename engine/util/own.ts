/**
 * The value a record holds under `key` as its own entry, else undefined. Engine state keeps
 * teams, incidents and the like in plain objects (they are snapshotted as JSON), and an id from
 * outside (a command, a plan, a log, a scenario) may be "constructor" or "toString": a plain
 * `record[key]` would find Object.prototype's member instead of nothing.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
