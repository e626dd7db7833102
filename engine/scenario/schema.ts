/**
 * The scenario format (yanlian/scenario@1) as a zod schema. It is the single definition: the
 * loader validates with it, the JSON Schema in docs/ is generated from it (users' editors load
 * that), and the TypeScript types are inferred from it.
 */
import { z } from 'zod';
import { parseDuration, parseLength } from '../util/units.ts';

export const SCENARIO_FORMAT = 'yanlian/scenario@1';
export const PLAN_FORMAT = 'yanlian/plan@1';

export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected an id of letters, digits, "-", "_" or "."');
export const LocalText = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

/** "90min", "2h", "1.5d", "30s" or a number of minutes → minutes. */
export const Duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?\s*(s|sec|min|m|h|d)?\s*$/, 'expected a duration such as "90min", "2h", "1.5d" or a number of minutes')])
  .transform((v) => parseDuration(v) as number);

/** "400m", "12km" or a number of metres → metres. */
export const Length = z
  .union([z.number().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?\s*(m|km)?\s*$/, 'expected a length such as "400m", "12km" or a number of metres')])
  .transform((v) => parseLength(v) as number);

export const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const LEVEL_VALUES = ['none', 'IV', 'III', 'II', 'I'] as const;
export const WARNING_COLOURS = ['blue', 'yellow', 'orange', 'red'] as const;
export const TIERS = ['city', 'special-hq', 'field', 'district', 'township'] as const;
export const TEAM_TYPES = ['hazmat', 'fire', 'medical', 'police', 'rescue', 'monitoring', 'utility', 'volunteer'] as const;
export const CAPABILITIES = ['isolate-leak', 'fire-suppression', 'tank-cooling', 'decontamination', 'rescue', 'monitoring', 'evacuation-support', 'medical', 'traffic-control', 'repair'] as const;
export const SUBSTANCE_IDS = ['chlorine', 'ammonia', 'lpg'] as const;

// ---- commands (what a seat may order); shared by plans, logs and the live app ----

const Area = z.union([
  z.strictObject({ districts: z.array(Id).min(1) }),
  z.strictObject({ around: Id, radius: Length })
]);

export const CommandBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dispatch'), team: Id, incident: Id.optional(), place: Id.optional() }),
  z.strictObject({ type: z.literal('recall'), team: Id }),
  z.strictObject({ type: z.literal('issue-warning'), districts: z.array(Id).min(1), colour: z.enum(WARNING_COLOURS), message: LocalText.optional() }),
  z.strictObject({ type: z.literal('set-response-level'), level: z.enum(LEVEL_VALUES), incident: Id.optional() }),
  z.strictObject({ type: z.literal('order-protection'), mode: z.enum(['evacuate', 'shelter', 'lift']), area: Area }),
  z.strictObject({ type: z.literal('request-resources'), resource: z.string().min(1), quantity: z.number().int().positive(), incident: Id.optional() }),
  z.strictObject({ type: z.literal('setup-field-post'), incident: Id }),
  z.strictObject({ type: z.literal('isolate-source'), incident: Id, team: Id }),
  z.strictObject({ type: z.literal('report-up'), incident: Id.optional(), text: LocalText.optional() }),
  // facilitator-only
  z.strictObject({ type: z.literal('fire-inject'), inject: Id }),
  z.strictObject({ type: z.literal('free-inject'), to: z.array(Id).min(1), text: LocalText }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('end') })
]);
export type CommandBody = z.output<typeof CommandBody>;
export type CommandType = CommandBody['type'];
export const COMMAND_TYPES = CommandBody.options.map((o) => o.shape.type.value) as CommandType[];

// ---- plan (预案) ----

export const PlanTrigger = z.union([
  z.strictObject({ event: z.string().min(1), match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }),
  z.strictObject({ at: Duration })
]);

export const PlanRule = z.strictObject({
  id: Id,
  name: LocalText.optional(),
  when: PlanTrigger,
  by: Id,
  after: Duration.default(0),
  /** The required action must be done within this time of the trigger (plan compliance). */
  deadline: Duration.optional(),
  do: CommandBody
});

export const PlanBody = z.strictObject({
  id: Id,
  name: LocalText,
  rules: z.array(PlanRule)
});
export const PlanFile = PlanBody.extend({ format: z.literal(PLAN_FORMAT), scenario: Id.optional() });
export type Plan = z.output<typeof PlanBody>;
export type PlanRule = z.output<typeof PlanRule>;

// ---- world ----

const Place = z.strictObject({ id: Id, name: LocalText, at: LonLat, district: Id });

const Tank = z.strictObject({
  id: Id,
  substance: z.enum(SUBSTANCE_IDS),
  massKg: z.number().positive(),
  volumeM3: z.number().positive(),
  storage: z.enum(['pressurized', 'atmospheric']),
  /** Position relative to the plant's place, metres east and north. */
  offset: z.tuple([z.number(), z.number()]).default([0, 0]),
  gaugePressurePa: z.number().nonnegative().optional()
});

const Facility = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('chemical-plant'), id: Id, name: LocalText, place: Id, tanks: z.array(Tank).min(1),
    /** Where fire-fighting water drains: a river, and the distance down it to each intake. */
    drainsTo: z.strictObject({ river: Id }).optional()
  }),
  z.strictObject({ kind: z.literal('hospital'), id: Id, name: LocalText, place: Id, beds: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('shelter'), id: Id, name: LocalText, place: Id, capacity: z.number().int().nonnegative() }),
  z.strictObject({
    kind: z.literal('water-intake'), id: Id, name: LocalText, place: Id, river: Id,
    /** Distance along the river from the plant's outfall to the intake. */
    downstream: Length,
    servesPopulation: z.number().int().nonnegative(),
    /** Above this pollutant concentration the intake must close. */
    closeAboveMgL: z.number().positive()
  })
]);

const River = z.strictObject({ id: Id, name: LocalText, velocityMs: z.number().positive(), flowM3s: z.number().positive() });

const Road = z.strictObject({ id: Id.optional(), from: Id, to: Id, minutes: Duration });

const WeatherFix = z.strictObject({
  at: Duration,
  windSpeed: z.number().nonnegative(),
  /** Direction the wind blows FROM, degrees clockwise from north (meteorological convention). */
  windFrom: z.number().min(0).max(360),
  cloudOktas: z.number().int().min(0).max(8).default(4),
  isDay: z.boolean().default(true),
  insolation: z.enum(['strong', 'moderate', 'slight']).default('moderate')
});

const Seat = z.strictObject({
  id: Id,
  name: LocalText,
  tier: z.enum(TIERS),
  parent: Id.optional(),
  /** District (by id) a district or township seat is responsible for. */
  district: Id.optional(),
  /** Response levels this seat may declare. */
  mayDeclare: z.array(z.enum(LEVEL_VALUES)).default([]),
  /** Command types this seat may give; defaults by tier when absent. */
  mayOrder: z.array(z.string()).optional(),
  /** Time for a report from this seat to reach its parent. */
  reportDelay: Duration.default(10)
});

const Team = z.strictObject({
  id: Id,
  name: LocalText,
  type: z.enum(TEAM_TYPES),
  owner: Id,
  base: Id,
  size: z.number().int().positive(),
  capabilities: z.array(z.enum(CAPABILITIES)).min(1),
  mobilize: Duration.default(15),
  rest: Duration.default(120)
});

const Stockpile = z.strictObject({ id: Id, place: Id, owner: Id, items: z.record(z.string(), z.number().nonnegative()) });

const Release = z.strictObject({
  id: Id,
  name: LocalText,
  plant: Id,
  tank: Id,
  at: Duration,
  mode: z.enum(['continuous', 'instantaneous']),
  holeDiameterM: z.number().positive().max(2).optional(),
  /** For an instantaneous release: the share of the tank's inventory released at once. */
  instantaneousFraction: z.number().min(0).max(1).optional(),
  /** After how long the first report reaches `reportTo` (a worker's call, a detector alarm). */
  detectAfter: Duration.default(5),
  reportTo: Id,
  grade: z.enum(['IV', 'III', 'II', 'I']).default('IV')
});

const Inject = z.strictObject({
  id: Id,
  at: Duration,
  to: z.array(Id).min(1),
  from: LocalText.optional(),
  text: LocalText,
  /** Scripted injects fire by themselves at `at`; manual ones wait for the facilitator. */
  manual: z.boolean().default(false)
});

const Protective = z.strictObject({
  /** Share of a cell's people outdoors when nobody has warned them. */
  outdoorShare: z.number().min(0).max(1).default(0.2),
  /** Minutes from an order to people acting on it (warning reach + compliance). */
  reactionTime: Duration.default(20),
  /** Share of an evacuation area's people that leave per hour once moving. */
  evacuationPerHour: z.number().positive().max(10).default(0.5),
  airChangesNormal: z.number().positive().default(1.0),
  airChangesSheltered: z.number().positive().default(0.3)
});

export const ScenarioFile = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  id: Id,
  title: LocalText,
  summary: LocalText,
  hazard: z.enum(['chemical-leak', 'typhoon', 'earthquake']),
  region: LocalText,
  /** Wall-clock label of sim-time 0 (ISO 8601 with offset); used only for display. */
  startTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/, 'expected an ISO 8601 time with offset, e.g. 2026-07-15T08:00:00+08:00'),
  duration: Duration.default(72 * 60),
  sources: z.array(z.string()).default([]),
  map: z.strictObject({
    districts: z.string().min(1),
    idProperty: z.string().default('adcode'),
    population: z.string().min(1),
    grid: z.strictObject({ centre: LonLat, halfWidth: Length, cellSize: Length }),
    terrain: z.enum(['urban', 'rural']).default('urban')
  }),
  places: z.array(Place).min(1),
  roads: z.array(Road).default([]),
  rivers: z.array(River).default([]),
  facilities: z.array(Facility).default([]),
  weather: z.strictObject({ fixes: z.array(WeatherFix).min(1), directionJitterDeg: z.number().nonnegative().default(10) }),
  seats: z.array(Seat).min(1),
  teams: z.array(Team).default([]),
  stockpiles: z.array(Stockpile).default([]),
  releases: z.array(Release).default([]),
  injects: z.array(Inject).default([]),
  protective: Protective.default(Protective.parse({})),
  physics: z
    .strictObject({ tick: Duration.default(5), fireWaterPollutantKgPerHour: z.number().nonnegative().default(200) })
    .default({ tick: 5, fireWaterPollutantKgPerHour: 200 }),
  /** The scenario's own plan: inline, or the path of a plan file (yanlian/plan@1) relative to the scenario. */
  plan: z.union([PlanBody, z.string().min(1)]).optional()
});

/** A scenario as the engine sees it: a plan given by path has been read and checked. */
export type ScenarioData = Omit<z.output<typeof ScenarioFile>, 'plan'> & { plan?: Plan };
export type ScenarioSeat = ScenarioData['seats'][number];
export type ScenarioTeam = ScenarioData['teams'][number];
export type ScenarioFacility = ScenarioData['facilities'][number];
export type ScenarioRelease = ScenarioData['releases'][number];
export type ScenarioTank = z.output<typeof Tank>;
