/** Typhoon models: tracks, Holland vortex, surface wind, warning signal, rain. Pure functions. */
export * from './geo.ts';
export * from './track.ts';
export * from './holland.ts';
export * from './wind.ts';
export * from './warning.ts';
export * from './rain.ts';
