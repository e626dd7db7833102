/** Earthquake models: pure functions, no I/O; the aftershock sampler draws only from the `rand` it is given. */
export * from './scale.ts';
export * from './intensity.ts';
export * from './fragility.ts';
export * from './occupancy.ts';
export * from './casualties.ts';
export * from './injuries.ts';
export * from './survival.ts';
export * from './aftershocks.ts';
export * from './pipelines.ts';
export * from './landslide.ts';
