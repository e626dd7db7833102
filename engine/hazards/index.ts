/** Hazardous-chemical leak models: pure functions, no I/O, no randomness. */
export * from './probit.ts';
export * from './stability.ts';
export * from './dispersion.ts';
export * from './substances.ts';
export * from './indoor.ts';
export * from './release.ts';
export * from './fire.ts';
export * from './explosion.ts';
export * from './runoff.ts';
export { requireFinite, requireNonNegative, requirePositive } from './guard.ts';
/** Earthquake models, namespaced (their names would crowd the chemical ones). */
export * as quake from './quake/index.ts';
