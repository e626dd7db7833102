// World model: geography, population grid and road network.
export * from './geo.ts';
export * from './grid.ts';
export * from './roads.ts';
