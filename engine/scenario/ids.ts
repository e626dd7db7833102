/**
 * Ids a scenario or plan may not use. Ids become keys of plain objects in the engine state
 * (teams, incidents, facilities by id), so a name every object already has (`constructor`,
 * `__proto__`) would read the prototype instead of the scenario's thing. Seats named like the
 * roles of a live exercise would be confused with them.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export const RESERVED_SEAT_IDS = ['facilitator', 'admin', 'organiser', 'organizer', 'all'] as const;

export function isPrototypeName(id: string): boolean {
  return PROTOTYPE_NAMES.has(id);
}

export function prototypeNameMessage(id: string): string {
  return `"${id}" is a property name of every JavaScript object and cannot be an id; choose another id`;
}

export function isReservedSeatId(id: string): boolean {
  return (RESERVED_SEAT_IDS as readonly string[]).includes(id.toLowerCase());
}

export function reservedSeatMessage(id: string): string {
  return `"${id}" is reserved for a role of the live exercise (${RESERVED_SEAT_IDS.join(', ')}); choose another seat id`;
}
