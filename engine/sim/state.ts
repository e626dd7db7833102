/**
 * Engine state: everything a run is, as plain JSON-able data (a snapshot is a deep copy of it).
 * Derived from (scenario, seed, plan, commands) alone.
 */
import type { LifecycleSnap, LifecycleKind } from '../machines/lifecycle.ts';
import type { SchedulerState } from '../time/scheduler.ts';
import type { StreamStates } from '../random/streams.ts';
import type { CommandBody } from '../scenario/schema.ts';
import type { InfraState, CascadeInstanceState } from '../cascade/run.ts';
import type { TyphoonState } from './typhoon.ts';
import type { QuakeState } from './quake.ts';
import type { RunAborted } from './limits.ts';

export type TimerPayload =
  | { kind: 'lifecycle'; lc: LifecycleKind; entity: string; event: { type: string } }
  | { kind: 'release-start'; release: string }
  | { kind: 'detect'; incident: string; to?: string }
  | { kind: 'cascade-resolve'; incident: string; team: string }
  | { kind: 'hazard-tick'; hazard: 'typhoon' | 'quake' }
  | { kind: 'mainshock' }
  | { kind: 'aftershock'; index: number }
  | { kind: 'physics' }
  | { kind: 'report-arrive'; from: string; to: string; incident?: string; text?: { zh: string; en: string }; cause: number }
  | { kind: 'request-arrive'; from: string; to: string; resource: string; quantity: number; incident?: string; cause: number }
  | { kind: 'inject'; inject: string }
  | { kind: 'plan-action'; rule: string; cause?: number }
  | { kind: 'plan-staff'; team: string }
  | { kind: 'isolate-done'; incident: string; team: string; cause: number }
  | { kind: 'protection-effective'; order: number }
  | { kind: 'warning-effective'; districts: string[]; cause: number }
  | { kind: 'ignite'; release: string; cause: number }
  | { kind: 'tank-failure'; plant: string; tank: string; cause: number }
  | { kind: 'intake-arrival'; intake: string; concentrationMgL: number; cause: number }
  | { kind: 'end' };

export interface PlanWait {
  rule: string;
  cause: number | null;
  until: number;
}

export interface TeamState {
  lc: LifecycleSnap;
  /** Where the team is or is heading: a place/facility id. */
  location: string;
  assignment?: { incident?: string; place: string };
  isolating?: string;
  /** Returning with no road back: the lifecycle's withheld return timer, scheduled when a road opens. */
  stranded?: { id: string; event: { type: string } };
}

export interface IncidentState {
  lc: LifecycleSnap;
  /** 'chemical-leak', 'fire', 'explosion', 'water-contamination', or a kind a cascade rule or hazard spawns. */
  kind: string;
  name: { zh: string; en: string };
  /** Where it is (facility or place id). */
  place: string;
  district: string;
  startedAt: number;
  /** Seats that know of it. */
  knownBy: string[];
  parent?: string;
  fieldPost?: string;
  onScene: string[];
  /** seq of the event that created it (for chain links). */
  cause: number;
}

export interface SourceState {
  /** Release id (or release id + '/domino/' + tank). */
  id: string;
  incident: string;
  plant: string;
  tank: string;
  substance: 'chlorine' | 'ammonia' | 'lpg';
  mode: 'continuous' | 'instantaneous';
  rateKgS: number;
  massKg: number;
  start: number;
  stop?: number;
  ignited: boolean;
  ignitedAt?: number;
  /** Airborne share of the released mass (flash + aerosol). */
  airborneFraction: number;
  runoffDone?: boolean;
}

export interface TankState {
  status: 'intact' | 'leaking' | 'failed';
  /** Pending escalation (time of failure) while exposed to fire. */
  failureAt?: number;
}

/** Per-cell exposure, as parallel arrays indexed like world.grid.cells. */
export interface ExposureState {
  /** Indoor concentration, ppm. */
  cIn: number[];
  /** Toxic load Σ Cⁿ Δt of the outdoor group and of the indoor group (ppmⁿ·min). */
  doseOut: number[];
  doseIn: number[];
  /**
   * People present in each group. The groups are fixed sets of people: group "out" is who was
   * outdoors when the release began, group "in" who was indoors. A group never merges into the
   * other, so nobody is counted twice; protection changes what group "out" breathes instead.
   */
  peopleOut: number[];
  peopleIn: number[];
  /** Share of group "out" still outdoors: 1 at first, ½ once warned, 0 once sheltered, 1 while evacuating (on the move). */
  outdoorFrac: number[];
  /** Highest concentration each cell saw outdoors, ppm. */
  peakPpm: number[];
  /** Bit flags: which AEGL levels (1,2,4) each cell's people have exceeded. */
  aeglHit: number[];
  /** Protection: 0 none, 1 warned, 2 sheltered, 3 evacuating. */
  protection: number[];
  /** Expected deaths locked in by people who already left (evacuated), per cell. */
  deathsLocked: number[];
  /** Current expected deaths per cell (locked + present groups). */
  deaths: number[];
  /** People each cell started with. */
  initial: number[];
  evacuated: number[];
}

export interface ProtectionOrder {
  seq: number;
  seat: string;
  mode: 'evacuate' | 'shelter' | 'lift';
  cells: number[];
}

export interface LoggedCommand {
  t: number;
  seat: string;
  cmd: CommandBody;
}

export interface EngineState {
  t: number;
  seed: string;
  sched: SchedulerState<TimerPayload>;
  rng: StreamStates;
  eventSeq: number;
  commandCount: number;
  exercise: LifecycleSnap;
  teams: Record<string, TeamState>;
  incidents: Record<string, IncidentState>;
  posts: Record<string, LifecycleSnap>;
  activeFieldPosts: Record<string, string>;
  sources: SourceState[];
  tanks: Record<string, TankState>;
  exposure: ExposureState;
  warnings: Record<string, string>;
  orders: ProtectionOrder[];
  physicsScheduled: boolean;
  lastCasualtyKey: string;
  /** Seeded wind-direction deviation per sim-hour, degrees. */
  windJitter: number[];
  inversion: boolean;
  planFired: Record<string, number>;
  /**
   * Plan orders waiting for a team (a rule with `pick` and `wait` found none free), first come
   * first served: the rule, the event that triggered it, and until when it waits. Absent in
   * states saved before waiting orders existed.
   */
  planWaiting?: PlanWait[];
  /** Aggregates kept as the run goes (the scorer reads the stream; these are for summaries). */
  totals: {
    deaths: number;
    aegl: [number, number, number];
    evacuated: number;
    lastGrade: string;
    pollutantKg: number;
    /** Earthquake: people injured, trapped in collapses, rescued alive, and dead among the trapped (expected values). */
    injured?: number;
    trapped?: number;
    rescued?: number;
    diedTrapped?: number;
  };
  /** Districts that have already seen each AEGL level (to emit one event per district and level). */
  districtAegl: Record<string, number>;
  /** Facilities, roads and hazard fields that cascade rules read and change. */
  infra: InfraState;
  /** Per rule instance (`rule:entity`): whether its condition holds, and whether it fired. */
  cascades: Record<string, CascadeInstanceState>;
  typhoon?: TyphoonState;
  quake?: QuakeState;
  /** Timers fired so far (the `maxSteps` budget); states saved before it existed start at 0 when restored. */
  steps: number;
  /** Set when a run-time guard ended the run (the data of the final `run.aborted` event). */
  aborted?: RunAborted;
  /**
   * Events recorded while applying orders given from outside (`Exercise.submit`): they do not
   * count against `maxEvents`, which guards against a run feeding itself, so that trainees'
   * orders (bounded by the live server's rate limits) can never end a drill by the event budget.
   */
  commandEvents?: number;
  /**
   * Orders of plan rules with `each`, by event seq → the seq of the event that triggered them:
   * the link the stream does not hold, so a chain of causes can be followed through an order.
   */
  planLinks?: Record<string, number>;
}
