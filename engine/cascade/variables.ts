/**
 * The variables a cascade rule's expressions may read, per kind of target. The names are the
 * contract between scenario authors and the engine (docs/cascades.md lists them with units);
 * an expression naming anything else is refused when the scenario loads.
 */
import { CAPABILITIES } from '../scenario/schema.ts';

// Capabilities are written with "_" for "-" in expressions: onScene.power_repair.
const ON_SCENE = ['onScene.any', ...CAPABILITIES.map((c) => `onScene.${c.replace(/-/g, '_')}`)];

/** Hazard fields known for every district (and read at a facility through its district). */
export const FIELD_VARIABLES = [
  // typhoon: wind (m/s) and Beaufort force, rain (mm/h, mm), warning signal 0 none … 4 red
  'gustMs', 'windMs', 'beaufort', 'rainMmH', 'rainMm', 'rain6hMm', 'rain24hMm', 'caine', 'signal',
  // earthquake: intensity (China scale), PGA (g), PGV (cm/s), damage and its secondary rates
  'intensity', 'pga', 'pgv', 'collapsed', 'trapped', 'ignitionsExpected', 'gasBreaksExpected', 'landslideProbability',
  'hilly', 'population'
] as const;

const COMMON = ['t', 'hours'];

export const TARGET_VARIABLES: Record<string, readonly string[]> = {
  district: [...COMMON, ...FIELD_VARIABLES],
  facility: [...COMMON, ...FIELD_VARIABLES, 'waterDepthM', 'offline', 'damaged', 'flooded', 'powered', 'patients', 'beds', ...ON_SCENE],
  road: [...COMMON, 'gustMs', 'beaufort', 'waterDepthM', 'bridge', 'intensity', 'pga', 'pgv', 'blocked'],
  river: [...COMMON, 'stageM', 'warningStageM', 'guaranteeStageM', 'flowM3s', 'rainMm'],
  incident: [...COMMON, 'minutesOpen', 'contained', 'grade', 'trapped', 'waterDepthM', 'powered', 'offline', 'stageM', 'warningStageM', 'guaranteeStageM', ...FIELD_VARIABLES, ...ON_SCENE]
};

export function knownVariables(kind: string): Set<string> {
  return new Set(TARGET_VARIABLES[kind] ?? COMMON);
}
