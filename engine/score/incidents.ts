/**
 * Process metrics about incidents and command: when each incident was reported, when the first
 * team stood at its place, when it was contained, when a field post was set up, whether the
 * response level matched the grade, and how long a response inversion lasted.
 */
import type { ScenarioData } from '../scenario/schema.ts';
import type { DomainEvent } from '../sim/events.ts';
import type { Evidence, IncidentRow, MetricValue } from './types.ts';
import { metric } from './metric.ts';
import { minutes, ref, str, type Stream } from './stream.ts';

const LEVELS = ['none', 'IV', 'III', 'II', 'I'];
const rank = (level: string) => LEVELS.indexOf(level);

/** A team's stay at a place: from arrival to leaving (or the end of the run). */
export interface Presence {
  team: string;
  place: string;
  from: number;
  to: number;
  arrived: DomainEvent;
}

export function teamPresence(s: Stream): Presence[] {
  const out: Presence[] = [];
  const open = new Map<string, Presence>();
  const leave = (team: string, t: number) => {
    const p = open.get(team);
    if (p) {
      p.to = t;
      open.delete(team);
    }
  };
  for (const e of s.events) {
    const team = str(e.data.team);
    if (!team) continue;
    if (e.type === 'team.arrived') {
      leave(team, e.t);
      const p: Presence = { team, place: str(e.data.place) ?? '', from: e.t, to: Infinity, arrived: e };
      open.set(team, p);
      out.push(p);
    } else if (e.type === 'team.returning' || e.type === 'team.en-route' || e.type === 'team.casualty' || e.type === 'team.mobilizing') {
      leave(team, e.t);
    }
  }
  return out;
}

export function incidentRows(s: Stream, presence: Presence[]): { rows: IncidentRow[]; reported: Map<string, DomainEvent> } {
  const reported = new Map<string, DomainEvent>();
  for (const e of s.of('incident.reported')) {
    const id = str(e.data.incident);
    if (id && !reported.has(id)) reported.set(id, e);
  }
  // A link to an incident that existed before it (a blast re-opening the first leak) is a
  // consequence, not parentage: only an incident born of the link gets a parent.
  const parents = new Map<string, string>();
  for (const e of s.of('cascade.triggered')) {
    const child = str(e.data.child);
    const parent = str(e.data.parent);
    const born = child ? reported.get(child) : undefined;
    if (child && parent && child !== parent && !parents.has(child) && (!born || born.seq > e.seq)) parents.set(child, parent);
  }
  const end = s.endT;
  const rows: IncidentRow[] = [];
  for (const [id, e] of reported) {
    const contained = s.first('incident.contained', (x) => x.data.incident === id);
    const closed = s.first('incident.closed', (x) => x.data.incident === id);
    const place = str(e.data.place) ?? '';
    const until = closed?.t ?? end;
    const firstTeam = presence.filter((p) => p.place === place && p.from <= until && p.to >= e.t).map((p) => Math.max(p.from, e.t)).sort((a, b) => a - b)[0];
    const escalated = s.of('incident.escalated').filter((x) => x.data.incident === id).at(-1);
    rows.push({
      id, kind: str(e.data.kind) ?? '', place, district: str(e.data.district) ?? '', parent: parents.get(id) ?? null,
      reportedAt: e.t, grade: str(escalated?.data.to) ?? str(e.data.grade) ?? 'IV',
      firstTeamAt: firstTeam ?? null, containedAt: contained?.t ?? null, closedAt: closed?.t ?? null
    });
  }
  return { rows, reported };
}

export function incidentMetrics(s: Stream, data: ScenarioData, rows: IncidentRow[], reported: Map<string, DomainEvent>, presence: Presence[]): MetricValue[] {
  const out: MetricValue[] = [];
  const evOf = (id: string, note?: string): Evidence[] => { const e = reported.get(id); return e ? [ref(e, note)] : []; };
  const lead = data.releases[0]?.reportTo ?? data.seats.find((x) => !x.parent)?.id;
  out.push(metric('incidents', rows.length, 'count', rows.map((r) => ({ ...evOf(r.id, r.id)[0] }))));

  // First team on scene: for the first incident reported (the one a first responder answers).
  const first = rows[0];
  if (first) {
    const arrival = presence.find((p) => p.place === first.place && Math.max(p.from, first.reportedAt) === first.firstTeamAt);
    out.push(metric('firstTeamOnSceneMin', first.firstTeamAt === null ? null : minutes(first.firstTeamAt - first.reportedAt), 'min',
      [...evOf(first.id, 'incident reported'), ...(arrival ? [ref(arrival.arrived, `first team on scene: ${arrival.team}`)] : [])], lead));
  } else out.push(metric('firstTeamOnSceneMin', null, 'min'));
  const withTeam = rows.filter((r) => r.firstTeamAt !== null);
  out.push(metric('worstTeamOnSceneMin', withTeam.length ? Math.max(...withTeam.map((r) => minutes(r.firstTeamAt! - r.reportedAt))) : null, 'min', withTeam.flatMap((r) => evOf(r.id))));
  out.push(metric('incidentsWithoutTeam', rows.filter((r) => r.firstTeamAt === null).length, 'count', rows.filter((r) => r.firstTeamAt === null).flatMap((r) => evOf(r.id, 'no team ever on scene'))));

  // Containment of the root incidents (the chain's children are contained with them).
  const roots = rows.filter((r) => !r.parent);
  const uncontained = roots.filter((r) => r.containedAt === null);
  const contEv = roots.flatMap((r) => {
    const c = s.first('incident.contained', (x) => x.data.incident === r.id);
    return [...evOf(r.id, 'reported'), ...(c ? [ref(c, 'contained')] : [])];
  });
  out.push(metric('timeToContainMin', roots.length && !uncontained.length ? Math.max(...roots.map((r) => minutes(r.containedAt! - r.reportedAt))) : null, 'min', contEv, lead));
  out.push(metric('incidentsUncontained', uncontained.length, 'count', uncontained.flatMap((r) => evOf(r.id, 'never contained'))));

  // Field command post.
  const fieldSeats = data.seats.filter((x) => x.tier === 'field');
  out.push(metric('fieldPostSeats', fieldSeats.length, 'count'));
  const post = s.of('field-post.established')[0];
  const postFor = post ? reported.get(str(post.data.incident) ?? '') : undefined;
  const hq = data.seats.find((x) => fieldSeats.some((f) => f.parent === x.id))?.id;
  out.push(metric('timeToFieldPostMin', post && postFor ? minutes(post.t - postFor.t) : null, 'min', post && postFor ? [ref(postFor, 'incident reported'), ref(post, 'field command post set up')] : first ? evOf(first.id, 'no field command post was set up') : [], hq));

  // Medical teams: first team with the medical capability at any incident's place.
  const medical = new Set(data.teams.filter((t) => t.capabilities.includes('medical')).map((t) => t.id));
  out.push(metric('medicalTeams', medical.size, 'count'));
  const med = first ? presence.filter((p) => medical.has(p.team) && rows.some((r) => r.place === p.place)).sort((a, b) => a.from - b.from)[0] : undefined;
  const medOwner = data.teams.find((t) => t.capabilities.includes('medical'))?.owner;
  out.push(metric('timeToMedicalMin', first && med ? minutes(med.from - first.reportedAt) : null, 'min', first ? [...evOf(first.id, 'incident reported'), ...(med ? [ref(med.arrived, `medical team ${med.team} on scene`)] : [])] : [], medOwner));

  out.push(...levelMetrics(s, rows, reported, lead));
  return out;
}

/**
 * Time to the correct response level: each grade an incident is given (when reported, or when it
 * escalates) calls for a response of at least that level (grades and levels match one to one);
 * the delay is until some seat's level first reaches it. The worst delay counts; null if never.
 */
function levelMetrics(s: Stream, rows: IncidentRow[], reported: Map<string, DomainEvent>, lead: string | undefined): MetricValue[] {
  const gradeEvents: { t: number; grade: string; e: DomainEvent }[] = [];
  for (const r of rows) {
    const e = reported.get(r.id)!;
    gradeEvents.push({ t: e.t, grade: str(e.data.grade) ?? 'IV', e });
    for (const x of s.of('incident.escalated')) if (x.data.incident === r.id) gradeEvents.push({ t: x.t, grade: str(x.data.to) ?? 'IV', e: x });
  }
  const levelEvents = s.of('response.level');
  const current: Record<string, string> = {};
  const maxAt: { t: number; rank: number; e: DomainEvent }[] = [];
  for (const e of levelEvents) {
    current[str(e.data.seat) ?? ''] = str(e.data.to) ?? 'none';
    maxAt.push({ t: e.t, rank: Math.max(...Object.values(current).map(rank)), e });
  }
  let worst: number | null = 0;
  const evidence: Evidence[] = [];
  const unmet: Evidence[] = [];
  for (const g of gradeEvents) {
    const need = rank(g.grade);
    const before = maxAt.filter((m) => m.t <= g.t).at(-1);
    if (before && before.rank >= need) { evidence.push(ref(g.e, `grade ${g.grade}: level already adequate`)); continue; }
    const hit = maxAt.find((m) => m.t > g.t && m.rank >= need) ?? maxAt.find((m) => m.t === g.t && m.rank >= need);
    if (!hit) {
      worst = null;
      unmet.push(ref(g.e, `grade ${g.grade} calls for level ${g.grade} or higher: never reached`));
      continue;
    }
    evidence.push(ref(g.e, `grade ${g.grade} calls for level ${g.grade} or higher`));
    evidence.push(ref(hit.e, `level ${String(hit.e.data.to)} declared by ${String(hit.e.data.seat)}`));
    if (worst !== null) worst = Math.max(worst, minutes(hit.t - g.t));
  }
  // Never reached: the evidence is what fell short (the grades no level matched, the highest
  // level any seat declared), not the grades that were matched.
  if (unmet.length) {
    evidence.length = 0;
    evidence.push(...unmet.sort((a, b) => a.seq - b.seq));
    const top = levelEvents.reduce<DomainEvent | null>((b, e) => (!b || rank(str(e.data.to) ?? 'none') > rank(str(b.data.to) ?? 'none') ? e : b), null);
    if (top && rank(str(top.data.to) ?? 'none') > 0) evidence.push(ref(top, `highest level declared: ${String(top.data.to)} by ${String(top.data.seat)}, short of the grade`));
  }
  const out = [metric('timeToCorrectLevelMin', gradeEvents.length ? worst : null, 'min', evidence, lead)];
  out.push(metric('levelsDeclared', levelEvents.length, 'count', levelEvents.map((e) => ref(e, `${String(e.data.seat)}: ${String(e.data.from)} → ${String(e.data.to)}`))));

  // Response inversion (响应倒挂): total minutes it lasted.
  let total = 0;
  let since: number | null = null;
  const invEv: Evidence[] = [];
  for (const e of s.events) {
    if (e.type === 'response.inversion' && since === null) { since = e.t; invEv.push(ref(e, 'inversion starts')); }
    if (e.type === 'response.inversion-resolved' && since !== null) { total += e.t - since; since = null; invEv.push(ref(e, 'inversion resolved')); }
  }
  if (since !== null) total += s.endT - since;
  const firstInv = s.of('response.inversion')[0];
  const higher = firstInv && Array.isArray(firstInv.data.findings) ? str((firstInv.data.findings as Record<string, unknown>[])[0]?.higher) ?? undefined : undefined;
  // With no inversion, the evidence is every level change it was checked at.
  const checked = invEv.length ? invEv : levelEvents.map((e) => ref(e, 'levels checked: no inversion'));
  out.push(metric('inversionMin', minutes(total), 'min', checked, higher));
  out.push(metric('inversions', s.of('response.inversion').length, 'count', invEv.filter((x) => x.type === 'response.inversion')));
  return out;
}
