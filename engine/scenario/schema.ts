/**
 * The scenario format (yanlian/scenario@1) as a zod schema. It is the single definition: the
 * loader validates with it, the JSON Schema in docs/ is generated from it (users' editors load
 * that), and the TypeScript types are inferred from it.
 */
import { z } from 'zod';
import { parseDuration, parseLength } from '../util/units.ts';
import { LIMIT_CAPS } from '../sim/limits.ts';

export const SCENARIO_FORMAT = 'yanlian/scenario@1';
export const PLAN_FORMAT = 'yanlian/plan@1';

export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected an id of letters, digits, "-", "_" or "."');
/** An incident named in an order: a scenario id, a cascade's "<rule>:<entity>", or in a plan "$event.<field>". */
export const IncidentRef = z.string().regex(/^(\$event\.[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9][A-Za-z0-9_.:-]*)$/, 'expected an incident id (letters, digits, "-", "_", ".", ":") or "$event.<field>"');
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
export const TEAM_TYPES = ['hazmat', 'fire', 'medical', 'police', 'rescue', 'monitoring', 'utility', 'volunteer', 'engineering'] as const;
export const CAPABILITIES = ['isolate-leak', 'fire-suppression', 'tank-cooling', 'decontamination', 'rescue', 'monitoring', 'evacuation-support', 'medical', 'traffic-control', 'repair', 'pumping', 'power-repair', 'road-clearing', 'gas-repair'] as const;
export const SUBSTANCE_IDS = ['chlorine', 'ammonia', 'lpg'] as const;

// ---- conditions: how a plan trigger or an expectation matches an event's (or a command's) fields ----

/**
 * One field's condition: a value (equal, or contained when the field is a list), or a comparison.
 * `atLeast`/`atMost` compare on the ordered scales warning colour (blue < yellow < orange < red)
 * and response level or grade (none < IV < III < II < I).
 */
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
export const FieldCondition = z.union([
  Scalar,
  z
    .strictObject({
      gte: z.number().optional(),
      gt: z.number().optional(),
      lte: z.number().optional(),
      lt: z.number().optional(),
      atLeast: z.string().min(1).optional(),
      atMost: z.string().min(1).optional(),
      in: z.array(Scalar).min(1).optional()
    })
    .refine((c) => Object.keys(c).length > 0, 'expected at least one of gte, gt, lte, lt, atLeast, atMost, in')
]);
/** Fields by name (a dotted path reaches into nested data, e.g. "totals.deaths"); all must hold. */
export const Match = z.record(z.string(), FieldCondition);
export type Match = z.output<typeof Match>;

/** What a seat is expected to do after an inject, and by when (scored met / late / missed from the log). */
export const Expectation = z
  .strictObject({
    /** Defaults to "<inject id>.<n>" (n from 1) for a scripted inject. */
    id: Id.optional(),
    name: LocalText.optional(),
    /** The seat expected to act (for a `command`, the seat that must give it). */
    seat: Id,
    /** A command of this type, accepted from `seat`, whose fields match. */
    command: z.strictObject({ type: z.string().min(1), match: Match.optional() }).optional(),
    /** Or any event of this type whose data match (a team on scene, a report received). */
    event: z.strictObject({ type: z.string().min(1), match: Match.optional() }).optional(),
    /** Time from the inject's delivery. */
    within: Duration
  })
  .refine((e) => (e.command === undefined) !== (e.event === undefined), 'expected exactly one of "command" or "event"');
export type Expectation = z.output<typeof Expectation>;

// ---- commands (what a seat may order); shared by plans, logs and the live app ----

const Area = z.union([
  z.strictObject({ districts: z.array(Id).min(1) }),
  z.strictObject({ around: IncidentRef, radius: Length })
]);

export const CommandBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dispatch'), team: Id, incident: IncidentRef.optional(), place: Id.optional() }),
  z.strictObject({ type: z.literal('recall'), team: Id }),
  z.strictObject({ type: z.literal('issue-warning'), districts: z.array(Id).min(1), colour: z.enum(WARNING_COLOURS), message: LocalText.optional() }),
  z.strictObject({ type: z.literal('set-response-level'), level: z.enum(LEVEL_VALUES), incident: IncidentRef.optional() }),
  z.strictObject({ type: z.literal('order-protection'), mode: z.enum(['evacuate', 'shelter', 'lift']), area: Area }),
  z.strictObject({ type: z.literal('request-resources'), resource: z.string().min(1), quantity: z.number().int().positive(), incident: IncidentRef.optional() }),
  z.strictObject({ type: z.literal('setup-field-post'), incident: IncidentRef }),
  z.strictObject({ type: z.literal('isolate-source'), incident: IncidentRef, team: Id }),
  z.strictObject({ type: z.literal('report-up'), incident: IncidentRef.optional(), text: LocalText.optional() }),
  // facilitator-only
  z.strictObject({ type: z.literal('fire-inject'), inject: Id }),
  /** An inject written on the spot (or an MSEL row added live): `id` and `from` as in the scenario's injects. */
  z.strictObject({ type: z.literal('free-inject'), id: Id.optional(), from: LocalText.optional(), to: z.array(Id).min(1), text: LocalText, expect: z.array(Expectation).optional() }),
  /** A facilitator's judgement of an expectation: overrides the automatic verdict, with a reason. */
  z.strictObject({ type: z.literal('judge'), expectation: Id, verdict: z.enum(['met', 'late', 'missed']), reason: LocalText }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('end') })
]);
export type CommandBody = z.output<typeof CommandBody>;
export type CommandType = CommandBody['type'];
export const COMMAND_TYPES = CommandBody.options.map((o) => o.shape.type.value) as CommandType[];

// ---- plan (预案) ----

export const PlanTrigger = z.union([
  z.strictObject({ event: z.string().min(1), match: Match.optional() }),
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
  /** Fire on every matching event, not only the first (e.g. "each road blocked: send the crew"). */
  each: z.boolean().default(false),
  /** For a dispatch: send the first of these teams that is available (else the rule records that none was). */
  pick: z.array(Id).min(1).optional(),
  /** With pick: when none is free, wait this long for the first of them to come free (first waiting, first served). */
  wait: Duration.optional(),
  /** The order; a string value "$event.<field>" is taken from the triggering event (e.g. incident: $event.incident). */
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
    drainsTo: z.strictObject({ river: Id }).optional(),
    /** The low point whose standing water reaches the tank farm, if any (a typhoon's flood). */
    lowPoint: Id.optional()
  }),
  z.strictObject({ kind: z.literal('hospital'), id: Id, name: LocalText, place: Id, beds: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('shelter'), id: Id, name: LocalText, place: Id, capacity: z.number().int().nonnegative() }),
  z.strictObject({
    kind: z.literal('substation'), id: Id, name: LocalText, place: Id,
    /** The low point whose standing water reaches it, if any. */
    lowPoint: Id.optional()
  }),
  z.strictObject({
    kind: z.literal('pump-station'), id: Id, name: LocalText, place: Id,
    /** The substation that powers it: when that is offline, the pumps stop. */
    poweredBy: Id,
    /** The low point it drains, and how much drainage it adds there (mm/h over the catchment). */
    drains: Id,
    capacityMmH: z.number().positive()
  }),
  z.strictObject({
    kind: z.literal('low-point'), id: Id, name: LocalText, place: Id,
    /** Gravity drainage capacity without pumps, mm/h over the catchment (a 1–3-year design storm in older districts). */
    drainageMmH: z.number().nonnegative(),
    /** Rain concentration: catchment area over ponding area (water from a wide catchment collects here). */
    concentration: z.number().positive().max(50).default(1),
    /** Drainage a mobile pump team on scene adds here, mm/h in the same units (its m³/h over the ponding area). */
    pumpTeamMmH: z.number().nonnegative().default(15)
  }),
  z.strictObject({
    kind: z.literal('water-intake'), id: Id, name: LocalText, place: Id, river: Id,
    /** Distance along the river from the plant's outfall to the intake. */
    downstream: Length,
    servesPopulation: z.number().int().nonnegative(),
    /** Above this pollutant concentration the intake must close. */
    closeAboveMgL: z.number().positive()
  })
]);

const River = z.strictObject({
  id: Id, name: LocalText, velocityMs: z.number().positive(), flowM3s: z.number().positive(),
  /** For the typhoon's river-stage model: the districts whose rain feeds it, and its gauge. */
  catchment: z.strictObject({
    districts: z.array(Id).min(1),
    areaKm2: z.number().positive(),
    /** Share of rain that runs off. */
    runoffCoefficient: z.number().min(0).max(1).default(0.5),
    /** Linear-reservoir storage constant. */
    lag: Duration.default(720),
    /** Stage–discharge rating h = a·Q^b (metres, m³/s). */
    rating: z.strictObject({ a: z.number().positive(), b: z.number().positive() }),
    warningStageM: z.number().positive(),
    guaranteeStageM: z.number().positive()
  }).optional()
});

const Road = z.strictObject({
  id: Id.optional(), from: Id, to: Id, minutes: Duration,
  /** A bridge on the road (earthquake damage); a low point it passes (flooding). */
  bridge: z.boolean().default(false),
  lowPoint: Id.optional()
});

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
  /** When it starts; a release without `at` starts only when a cascade rule starts it. */
  at: Duration.optional(),
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
  manual: z.boolean().default(false),
  /** What the players should do in answer, and by when (scoring; an inject without any is an evaluation gap). */
  expect: z.array(Expectation).optional()
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

// ---- natural hazards and the chains they start ----

const TrackFixInline = z.strictObject({
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/, 'expected a UTC time such as 2020-08-27T06:00:00Z'),
  lat: z.number().min(0).max(60), lon: z.number().min(90).max(180),
  pressureHpa: z.number().min(850).max(1030), vmaxMs: z.number().nonnegative()
});

const Typhoon = z.strictObject({
  name: LocalText,
  /** A CMA best-track CSV (relative to the scenario) or inline fixes. */
  track: z.union([z.string().min(1), z.array(TrackFixInline).min(2)]),
  /** Track time (UTC) at sim-time 0. */
  trackTimeAtStart: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/, 'expected a UTC time such as 2020-08-26T12:00:00Z'),
  /** Shift of the whole track (km east, km north): a drill may move a real track over the city, and says so. */
  shiftKm: z.tuple([z.number(), z.number()]).default([0, 0]),
  /** Seeded track uncertainty: cross-track offset (km, 1 σ) and timing (minutes, 1 σ), drawn once per run. */
  crossTrackSdKm: z.number().nonnegative().default(0),
  timingSdMin: z.number().nonnegative().default(0),
  /** Rain multiplier (R-CLIPER has no extratropical or orographic rain) and its seeded lognormal spread (σ of ln). */
  rainMultiplier: z.number().positive().default(1),
  rainSpreadLn: z.number().nonnegative().default(0),
  /** How often the fields are recomputed. */
  tick: Duration.default(30),
  /** Ambient (environmental) pressure for the Holland profile. */
  ambientHpa: z.number().min(980).max(1030).default(1010),
  /** Districts with hills (flash floods, landslides). */
  hillyDistricts: z.array(Id).default([])
});

const BuildingMix = z.record(z.string(), z.number().min(0).max(1));

const Earthquake = z.strictObject({
  name: LocalText,
  magnitude: z.number().min(3).max(9),
  epicentre: LonLat,
  depthKm: z.number().positive().max(100),
  /** Azimuth of the isoseismals' long axis (the fault's strike), degrees from north. */
  longAxisAzimuthDeg: z.number().min(0).max(360).default(45),
  at: Duration.default(0),
  /** Local clock hour at the mainshock, for how many people are indoors. */
  localHour: z.number().min(0).max(24).optional(),
  /** Building stock per district: share of floor area by structural class; "default" for the rest. */
  buildings: z.record(z.string(), BuildingMix),
  /** People per collapsed building of a class is not used: occupants come from the population grid. */
  aftershocks: z.strictObject({
    enabled: z.boolean().default(true),
    a: z.number().default(-1.67), b: z.number().default(0.91), p: z.number().default(1.08), cDays: z.number().positive().default(0.05),
    minMagnitude: z.number().default(4.0)
  }).default({ enabled: true, a: -1.67, b: 0.91, p: 1.08, cDays: 0.05, minMagnitude: 4.0 }),
  /** How often the rescue and survival model steps. */
  tick: Duration.default(30),
  hillyDistricts: z.array(Id).default([]),
  /** People a rescue team frees per member-hour on scene (light and medium rubble; docs/models-quake.md). */
  rescuePerMemberHour: z.number().nonnegative().default(0.04),
  /** Share of the still-trapped that neighbours free each hour without a team (spontaneous rescue). */
  bystanderRescuePerHour: z.number().min(0).max(1).default(0.01),
  /** Metres of gas main per resident (the network follows people, not area), for the pipeline repair-rate model. */
  gasMainMetresPerPerson: z.number().nonnegative().default(1),
  /** ALA (2001) K1 of the gas mains: 1 for cast iron, about 0.3–0.5 for welded steel and PE. */
  gasMainK1: z.number().positive().default(0.5),
  /** Slope in hilly districts for the Newmark landslide model: static factor of safety and angle. */
  slope: z.strictObject({ factorOfSafety: z.number().min(1).default(1.3), angleDeg: z.number().min(5).max(60).default(30) }).default({ factorOfSafety: 1.3, angleDeg: 30 })
});

export const CASCADE_TARGETS = ['district', 'facility', 'road', 'river', 'incident'] as const;

const CascadeEffect = z.union([
  z.strictObject({
    spawn: z.strictObject({
      kind: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected an incident kind such as "power-outage"'),
      name: LocalText,
      grade: z.enum(['IV', 'III', 'II', 'I']).default('IV'),
      /** Where it happens (a place or facility id); default: the target itself (a district's first place). */
      at: Id.optional(),
      /** Who hears of it first (a seat id) and after how long; default: the district seat of the place, after 15 min. */
      reportTo: Id.optional(),
      reportAfter: Duration.default(15),
      /** How it ends: teams with this capability on scene for this long, and/or when this expression holds. */
      resolve: z.strictObject({ capability: z.enum(CAPABILITIES).optional(), minutes: Duration.optional(), when: z.string().optional() }).optional()
    })
  }),
  z.strictObject({ facility: z.strictObject({ id: Id.optional(), status: z.enum(['offline', 'damaged', 'flooded']) }) }),
  z.strictObject({ road: z.strictObject({ ids: z.array(Id).optional(), blocked: z.boolean().optional(), slowdown: z.number().min(1).max(20).optional() }) }),
  z.strictObject({ release: z.strictObject({ id: Id }) }),
  z.strictObject({ set: z.strictObject({ name: z.enum(['drainageFactor']), value: z.number().nonnegative() }) })
]);

const CascadeRule = z.strictObject({
  id: Id,
  name: LocalText,
  /** What the rule watches: each matching entity gets its own copy of the rule. */
  target: z.strictObject({
    kind: z.enum(CASCADE_TARGETS),
    /** For facilities: the facility kind; for incidents: the incident kind. */
    of: z.string().optional(),
    ids: z.array(Id).optional()
  }),
  /** Condition in the safe expression form (docs/cascades.md). */
  when: z.string().min(1).max(500),
  /** The condition must hold this long before the rule fires. */
  holdFor: Duration.default(0),
  /** Chance it fires once the condition holds: a number or an expression, drawn once per entity. */
  probability: z.union([z.number().min(0).max(1), z.string().min(1).max(500)]).default(1),
  /** A preventive condition: while it holds, the rule does not fire and the stream says what prevented it. */
  unless: z.string().min(1).max(500).optional(),
  effects: z.array(CascadeEffect).min(1)
});

/** Run-time budgets (docs/scenario-format.md, "Limits"); a run that meets one ends with `run.aborted`. No default here, so scenarios without the block keep their hash. */
const budget = (cap: number) => z.number().int().positive().max(cap).optional();
export const Limits = z.strictObject({ maxEvents: budget(LIMIT_CAPS.maxEvents), maxIncidents: budget(LIMIT_CAPS.maxIncidents), maxSteps: budget(LIMIT_CAPS.maxSteps) });

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
  plan: z.union([PlanBody, z.string().min(1)]).optional(),
  typhoon: Typhoon.optional(),
  earthquake: Earthquake.optional(),
  cascades: z.array(CascadeRule).default([]),
  limits: Limits.optional()
});

/** A scenario as the engine sees it: a plan given by path has been read and checked. */
export type ScenarioData = Omit<z.output<typeof ScenarioFile>, 'plan'> & { plan?: Plan };
export type ScenarioSeat = ScenarioData['seats'][number];
export type ScenarioTeam = ScenarioData['teams'][number];
export type ScenarioFacility = ScenarioData['facilities'][number];
export type ScenarioRelease = ScenarioData['releases'][number];
export type ScenarioTank = z.output<typeof Tank>;
export type CascadeRule = z.output<typeof CascadeRule>;
export type CascadeEffect = z.output<typeof CascadeEffect>;
export type TyphoonSpec = z.output<typeof Typhoon>;
export type EarthquakeSpec = z.output<typeof Earthquake>;
