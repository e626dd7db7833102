/**
 * The scorecard of a run: what the scorer derives from the event stream alone (plus the scenario
 * and plan it refers to). Every figure and every rating keeps the events it came from.
 */
export interface LocalText {
  zh: string;
  en: string;
}

/** HSEEP ratings: Performed without challenges, with Some challenges, with Major challenges, Unable to be performed. */
export type Rating = 'P' | 'S' | 'M' | 'U';
/** Chinese drill-evaluation finding grades, most serious first: 不足项, 整改项, 改进项. */
export type FindingGrade = 'deficiency' | 'must-correct' | 'improve';
/** Capability elements of an HSEEP improvement plan. */
export type CapabilityElement = 'planning' | 'organisation' | 'equipment' | 'training' | 'exercise';
/** The six areas of the Chinese drill-evaluation score sheet. */
export type SheetCategoryId = 'planning' | 'command' | 'response' | 'resources' | 'reporting' | 'public';
export type MetricUnit = 'people' | 'min' | 'count' | 'share' | 'CNY' | 'kg' | 'points' | 'rating';

/** One event behind a figure: its position in the stream, its sim-time, its type and why it counts. */
export interface Evidence {
  seq: number;
  t: number;
  type: string;
  note?: string;
}

export interface MetricValue {
  id: string;
  value: number | null;
  unit: MetricUnit;
  evidence: Evidence[];
  /** The seat answerable for this figure, where one is. */
  owner?: string;
}

export interface IncidentRow {
  id: string;
  kind: string;
  place: string;
  district: string;
  parent: string | null;
  reportedAt: number;
  grade: string;
  firstTeamAt: number | null;
  containedAt: number | null;
  closedAt: number | null;
}

export interface ReportRow {
  incident: string;
  seat: string;
  to: string;
  /** The seat is the incident's first receiver (it learned from `incident.reported`), not a relay. */
  first: boolean;
  learnedAt: number;
  receivedAt: number | null;
  delayMin: number | null;
  requiredWithinMin: number;
  status: 'on-time' | 'late' | 'missing';
  evidence: Evidence[];
}

export interface DistrictRow {
  district: string;
  name: LocalText;
  /** First harmful arrival (e.g. AEGL-1 exposure) in the district, sim-min. */
  harmAt: number | null;
  /** Highest harm level reached (AEGL 1–3 for a toxic plume). */
  harmLevel: number;
  /** People counted when each harm level was first reached there (level 1 first). */
  harmPeople: number[];
  warnedAt: number | null;
  warningColour: string | null;
  leadMin: number | null;
  evacuationOrderedPeople: number;
  evidence: Evidence[];
}

export interface TeamTypeUse {
  type: string;
  teams: number;
  deployedMin: number;
  utilisation: number | null;
}

export interface UnmetDemand {
  incident: string;
  kind: string;
  place: string;
  district: string;
  capability: string;
  evidence: Evidence[];
}

export interface ResourceRequest {
  resource: string;
  quantity: number;
  from: string;
  to: string;
  incident: string | null;
  t: number;
  seq: number;
}

export type ComplianceStatus = 'done' | 'late' | 'missing' | 'refused' | 'not-triggered';
export interface ComplianceRow {
  rule: string;
  name: LocalText | null;
  by: string;
  action: string;
  triggeredAt: number | null;
  dueBy: number | null;
  doneAt: number | null;
  status: ComplianceStatus;
  reason?: string;
  evidence: Evidence[];
}

export type ExpectationStatus = 'met' | 'late' | 'missed' | 'open' | 'not-delivered';
export interface ExpectationResult {
  id: string;
  inject: string | null;
  name: LocalText | null;
  seat: string;
  kind: 'command' | 'event';
  /** The command type or event type looked for. */
  target: string;
  withinMin: number;
  deliveredAt: number | null;
  dueBy: number | null;
  doneAt: number | null;
  /** The verdict from the log alone. */
  auto: ExpectationStatus;
  /** The verdict that counts: the facilitator's judgement when there is one, else `auto`. */
  status: ExpectationStatus;
  judged: { verdict: 'met' | 'late' | 'missed'; reason: LocalText; seq: number; t: number } | null;
  category: SheetCategoryId;
  evidence: Evidence[];
}

export interface EvaluationGap {
  inject: string | null;
  at: number | null;
  to: string[];
  text: LocalText;
  delivered: boolean;
}

export interface TaskResult {
  id: string;
  name: LocalText;
  metric: string;
  value: number | null;
  unit: MetricUnit;
  /** null: not applicable in this run. */
  rating: Rating | null;
  /** The thresholds the value was rated against, e.g. "≤ 30 min P, ≤ 60 S, ≤ 120 M". */
  standard: string;
  evidence: Evidence[];
}

export interface CapabilityResult {
  id: string;
  name: LocalText;
  /** The worst rating of its applicable critical tasks; null when none applied. */
  rating: Rating | null;
  tasks: TaskResult[];
}

export interface SheetIndicator {
  id: string;
  name: LocalText;
  rating: Rating | null;
  maxPoints: number;
  points: number | null;
  evidence: Evidence[];
}

export interface SheetCategory {
  id: SheetCategoryId;
  name: LocalText;
  weight: number;
  /** Points out of `weight`; null when nothing in the category applied. */
  score: number | null;
  indicators: SheetIndicator[];
}

export interface Finding {
  grade: FindingGrade;
  category: SheetCategoryId;
  capability: string | null;
  source: { kind: 'task' | 'expectation' | 'plan-rule'; id: string };
  text: LocalText;
  owner: string;
  element: CapabilityElement;
  action: LocalText;
  evidence: Evidence[];
}

export interface Strength {
  capability: string;
  task: string;
  text: LocalText;
  evidence: Evidence[];
}

export interface ImprovementItem {
  action: LocalText;
  capability: string | null;
  element: CapabilityElement;
  owner: string;
  grade: FindingGrade;
  /** YYYY-MM-DD, counted from the exercise date. */
  start: string;
  due: string;
}

/** A figure the debrief leads with: a metric of the scorecard as it is, and the critical task that rates it. */
export interface HeadlineFigure {
  id: string;
  metric: string;
  name: LocalText;
  value: number | null;
  unit: MetricUnit;
  /** The critical task rated on this very metric, if any. */
  task: string | null;
  evidence: Evidence[];
}

/** A text a seat wrote during the run: a report up the chain, a warning's message. */
export interface SeatText {
  seq: number;
  t: number;
  kind: 'report' | 'warning';
  seat: string;
  /** Whom it went to: the seat above for a report, the districts for a warning. */
  to: string[];
  incident: string | null;
  incidentName: LocalText | null;
  text: LocalText;
  /** 'plan' when the autopilot gave the order (the plan's text), 'seat' when a trainee did. */
  via: 'seat' | 'plan';
}

export interface Scorecard {
  format: 'yanlian/scorecard@1';
  scenario: { id: string; title: LocalText; hazard: string; startTime: string };
  seed: string | null;
  plan: { id: string; name: LocalText } | null;
  /** Sim-minutes the run covered. */
  simMinutes: number;
  ended: boolean;
  /** Seats that gave orders (by hand or by the plan's autopilot), and how many. */
  participants: { seat: string; name: LocalText; commands: number; planOrders: number; refused: number }[];
  /** Every figure flat, for sweeps and CSV: null when the run gives no value. */
  metrics: Record<string, number | null>;
  /** The same figures with units, evidence and owner. */
  metricDetails: MetricValue[];
  /** The figures the debrief leads with (panel and report), each one metric of `metricDetails`. */
  headline: HeadlineFigure[];
  incidents: IncidentRow[];
  reports: ReportRow[];
  districts: DistrictRow[];
  resources: { byType: TeamTypeUse[]; unmet: UnmetDemand[]; requests: ResourceRequest[] };
  compliance: ComplianceRow[];
  expectations: ExpectationResult[];
  gaps: EvaluationGap[];
  hseep: CapabilityResult[];
  sheet: { categories: SheetCategory[]; total: number | null; grade: LocalText | null };
  findings: Finding[];
  strengths: Strength[];
  improvementPlan: ImprovementItem[];
  /** What seats wrote: report-up texts and warning messages, in order. */
  seatTexts: SeatText[];
}
