// Shapes the live API answers with (docs/live-api.md). The server owns them; the UI reads them
// defensively: a field the server has not added yet must not break a page.
import type { LocalText } from '../i18n';
import type { Geometry } from 'geojson';

export interface DomainEvent {
  seq: number;
  t: number;
  type: string;
  cause?: number;
  /** Sent to the facilitator only: a seat is not told who else got an event. */
  audience?: 'all' | 'facilitator' | string[];
  data: Record<string, unknown>;
}

export type ExerciseStatus = 'setup' | 'running' | 'paused' | 'ended';

export interface ClockState {
  t: number;
  status: ExerciseStatus;
  speed: number;
  clock: 'running' | 'stopped';
}

export interface ExerciseInfo extends ClockState {
  id: string;
  name: string;
  scenario: string;
  seed: string | number;
  /** Wall-clock label of sim-time 0 (ISO 8601 with offset), when the server sends it. */
  startTime?: string;
  duration?: number;
  title?: LocalText;
  hazard?: string;
  /** Set on a branch: the exercise it was forked from and the sim-minute of the fork. */
  forkOf?: { id: string; at: number } | null;
  group?: string | null;
  /** Halted by an engine failure at sim-minute t (the facilitator also gets the reason). */
  failure?: { t: number; reason?: string } | null;
}

export interface SeatDef {
  id: string;
  name: LocalText | string;
  tier: string;
  parent?: string;
  district?: string;
  mayOrder?: string[];
  mayDeclare?: string[];
}

export interface PlaceDef {
  id: string;
  name: LocalText | string;
  at: [number, number];
  district?: string;
}

export interface RoadDef {
  id?: string;
  from: string;
  to: string;
  minutes?: number;
  blocked?: boolean;
}

export interface FacilityDef {
  id: string;
  kind: string;
  name: LocalText | string;
  place: string;
}

export interface TeamView {
  id: string;
  name: LocalText | string;
  type?: string;
  owner?: string;
  status?: string;
  location?: string;
  size?: number;
  capabilities?: string[];
  assignment?: { incident?: string; place?: string } | null;
}

export interface DistrictFeature {
  type: 'Feature';
  properties: { id: string; name: LocalText | string; population?: number };
  geometry: Geometry;
}

export interface MapData {
  districts: { type: 'FeatureCollection'; features: DistrictFeature[] };
  places: PlaceDef[];
  roads: RoadDef[];
  facilities: FacilityDef[];
  /** Rivers by id and name (river stages in typhoon updates are keyed by id). */
  rivers?: { id: string; name: LocalText }[];
}

export interface PlanRuleName {
  id: string;
  name?: LocalText;
}

export interface Option {
  id: string;
  name?: LocalText | string;
  [k: string]: unknown;
}

export interface InjectRow {
  id: string;
  at: number | string;
  to: string[];
  from?: LocalText | null;
  text: LocalText;
  manual?: boolean;
  fired?: boolean;
  firedAt?: number | null;
}

export interface OrderOptions {
  teams?: Option[];
  districts?: Option[];
  incidents?: Option[];
  places?: Option[];
  injects?: InjectRow[];
  seats?: Option[];
  levels?: string[];
}

export interface Observation {
  id: string | number;
  t: number;
  text: string;
  at?: string;
}

export interface Participant {
  seat: string;
  name?: LocalText | string;
  tier?: string;
  connected?: boolean | number;
  lastSeen?: string | null;
  url?: string;
}

export interface ViewIncident {
  id: string;
  name?: LocalText | string;
  kind?: string;
  place?: string;
  district?: string;
  status?: string;
  grade?: string;
  startedAt?: number;
}

export interface View {
  exercise: ExerciseInfo;
  role: string;
  seat?: SeatDef;
  seats?: SeatDef[];
  map: MapData;
  teams: TeamView[];
  /** Stockpiles the role holds (its own and those of the seats below it). */
  resources?: { id: string; owner: string; place: string; items: Record<string, number> }[];
  incidents?: ViewIncident[];
  planRules?: PlanRuleName[];
  events: DomainEvent[];
  orderOptions: OrderOptions;
  observations?: Observation[];
  participants?: Participant[];
}

export interface JoinSeat {
  id: string;
  name: LocalText | string;
  tier: string;
  token: string;
  url: string;
}

export interface CreatedExercise {
  id: string;
  name: string;
  facilitator: { token: string; url: string };
  seats: JoinSeat[];
  cells: { id: string; name: string; seats?: JoinSeat[]; facilitator?: { token: string; url: string } }[];
}

export interface Refusal {
  reason: LocalText | string;
  command?: unknown;
  t?: number;
}
