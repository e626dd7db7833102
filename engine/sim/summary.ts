/** A run's headline figures, read from the event stream and the final state (for the CLI and sweeps). */
import type { Exercise } from './exercise.ts';
import type { RunAborted } from './limits.ts';

export interface RunSummary {
  scenario: string;
  hazard: string;
  seed: string;
  plan: string | null;
  simMinutes: number;
  events: number;
  commands: { accepted: number; refused: number };
  deaths: number;
  deathsExpected: number;
  exposedAbove: { aegl1: number; aegl2: number; aegl3: number };
  evacuated: number;
  incidents: { id: string; kind: string; status: string; grade: string }[];
  cascades: { triggered: string[]; prevented: string[] };
  /**
   * Clock times (sim-minutes from the start) of first events: the first `incident.reported`, the
   * first team arriving at an incident, the first source isolated. Not the debrief's figures of
   * the same names (the scorecard's `headline`, docs/scoring.md "One definition per figure").
   */
  firstReportMin: number | null;
  firstTeamOnSceneMin: number | null;
  sourceStoppedMin: number | null;
  maxResponseLevel: Record<string, string>;
  inversion: boolean;
  /** Whether any chemical release happened (its own or one a cascade started). */
  chemicalRelease: boolean;
  /** Earthquake: injured, trapped, rescued alive, dead among the trapped (expected values, rounded). */
  quake?: { injured: number; trapped: number; rescued: number; diedTrapped: number };
  /** A run-time guard ended the run (its final event is `run.aborted`): a failed run. */
  aborted: RunAborted | null;
}

export function summarize(ex: Exercise): RunSummary {
  const ev = ex.events;
  const first = (type: string) => ev.find((e) => e.type === type)?.t ?? null;
  const tot = ex.state.totals;
  const levels: Record<string, string> = {};
  const order = ['none', 'IV', 'III', 'II', 'I'];
  for (const e of ev) {
    if (e.type !== 'response.level') continue;
    const s = e.data.seat as string;
    if (order.indexOf(e.data.to as string) > order.indexOf(levels[s] ?? 'none')) levels[s] = e.data.to as string;
  }
  const q = ex.state.quake ? { injured: Math.round(tot.injured ?? 0), trapped: Math.round(tot.trapped ?? 0), rescued: Math.round(tot.rescued ?? 0), diedTrapped: Math.round(tot.diedTrapped ?? 0) } : undefined;
  return {
    scenario: ex.scenario.data.id,
    hazard: ex.scenario.data.hazard,
    seed: ex.state.seed,
    plan: ex.plan?.id ?? null,
    simMinutes: ex.state.t,
    events: ev.length,
    commands: { accepted: ev.filter((e) => e.type === 'command.accepted').length, refused: ev.filter((e) => e.type === 'command.refused').length },
    deaths: Math.round(tot.deaths),
    deathsExpected: Math.round(tot.deaths * 100) / 100,
    exposedAbove: { aegl1: Math.round(tot.aegl[0]), aegl2: Math.round(tot.aegl[1]), aegl3: Math.round(tot.aegl[2]) },
    evacuated: Math.round(tot.evacuated),
    incidents: Object.entries(ex.state.incidents).map(([id, i]) => ({ id, kind: i.kind, status: i.lc.value, grade: String(i.lc.context.grade) })),
    cascades: {
      triggered: ev.filter((e) => e.type === 'cascade.triggered').map((e) => chainLabel(e.data)),
      prevented: ev.filter((e) => e.type === 'cascade.prevented').map((e) => `${e.data.rule}:${e.data.tank ?? e.data.source ?? e.data.entity}`)
    },
    firstReportMin: first('incident.reported'),
    firstTeamOnSceneMin: ev.find((e) => e.type === 'team.arrived' && e.data.incident)?.t ?? null,
    sourceStoppedMin: first('source.isolated'),
    maxResponseLevel: levels,
    inversion: ev.some((e) => e.type === 'response.inversion'),
    chemicalRelease: ev.some((e) => e.type === 'hazard.release-started'),
    ...(q ? { quake: q } : {}),
    aborted: ex.aborted
  };
}

/** "rule:child" for a chain link; cascade-rule children are already named "<rule>:<entity>". */
function chainLabel(d: Record<string, unknown>): string {
  const rule = String(d.rule);
  const child = d.child ?? d.entity;
  return typeof child === 'string' && child.startsWith(`${rule}:`) ? child : `${rule}:${child}`;
}
