/**
 * Input guards shared by the hazard models.
 *
 * Policy: a non-finite number (NaN, ±Infinity) passed where a physical quantity is
 * expected is a programming error upstream, so the models throw a RangeError rather
 * than silently returning 0 or propagating NaN into the simulation state. Physically
 * meaningful edge cases (upwind receptor, zero mass, zero dose) return 0 instead.
 */

export function requireFinite(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function requireNonNegative(name: string, value: number): number {
  requireFinite(name, value);
  if (value < 0) throw new RangeError(`${name} must be >= 0, got ${value}`);
  return value;
}

export function requirePositive(name: string, value: number): number {
  requireFinite(name, value);
  if (value <= 0) throw new RangeError(`${name} must be > 0, got ${value}`);
  return value;
}
