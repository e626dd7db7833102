/**
 * Resources: how much of the time each kind of team was out (utilisation), which capabilities an
 * incident needed and never got at its place (unmet demand, by capability and place), and the
 * requests for resources sent up the chain.
 */
import type { ScenarioData } from '../scenario/schema.ts';
import type { DomainEvent } from '../sim/events.ts';
import type { Evidence, IncidentRow, MetricValue, ResourceRequest, TeamTypeUse, UnmetDemand } from './types.ts';
import type { ScoringRules } from './rules.ts';
import type { Presence } from './incidents.ts';
import { metric } from './metric.ts';
import { own } from '../util/own.ts';
import { num, ref, str, type Stream } from './stream.ts';

/** Minutes each team was deployed: from mobilising until it rests, is available again or is lost. */
function deployedMinutes(s: Stream): Map<string, number> {
  const out = new Map<string, number>();
  const since = new Map<string, number>();
  for (const e of s.events) {
    const team = str(e.data.team);
    if (!team) continue;
    if (e.type === 'team.mobilizing' && !since.has(team)) since.set(team, e.t);
    if ((e.type === 'team.resting' || e.type === 'team.available' || e.type === 'team.casualty') && since.has(team)) {
      out.set(team, (out.get(team) ?? 0) + e.t - since.get(team)!);
      since.delete(team);
    }
  }
  for (const [team, t] of since) out.set(team, (out.get(team) ?? 0) + s.endT - t);
  return out;
}

export function resourceRows(s: Stream, data: ScenarioData, incidents: IncidentRow[], reported: Map<string, DomainEvent>, presence: Presence[], rules: ScoringRules): { byType: TeamTypeUse[]; unmet: UnmetDemand[]; requests: ResourceRequest[]; served: Evidence[] } {
  const deployed = deployedMinutes(s);
  // The window teams could have been used in: from the first report to the end of the run.
  const start = incidents.length ? Math.min(...incidents.map((i) => i.reportedAt)) : null;
  const window = start === null ? 0 : s.endT - start;
  const types = [...new Set(data.teams.map((t) => t.type))].sort();
  const byType = types.map((type) => {
    const teams = data.teams.filter((t) => t.type === type);
    const mins = teams.reduce((sum, t) => sum + (deployed.get(t.id) ?? 0), 0);
    return { type, teams: teams.length, deployedMin: Math.round(mins * 10) / 10, utilisation: window > 0 ? Math.round((mins / (teams.length * window)) * 1000) / 1000 : null };
  });

  const caps = new Map(data.teams.map((t) => [t.id, new Set<string>(t.capabilities)]));
  const unmet: UnmetDemand[] = [];
  const served: Evidence[] = [];
  for (const inc of incidents) {
    const until = inc.closedAt ?? s.endT;
    for (const capability of own(rules.demand, inc.kind) ?? []) {
      const by = presence.find((p) => p.place === inc.place && p.from <= until && p.to >= inc.reportedAt && caps.get(p.team)?.has(capability));
      if (by) served.push(ref(by.arrived, `${capability} for ${inc.id}: ${by.team}`));
      else unmet.push({ incident: inc.id, kind: inc.kind, place: inc.place, district: inc.district, capability, evidence: [ref(reported.get(inc.id)!, `${inc.kind} needs ${capability}; none arrived`)] });
    }
  }
  const requests = s.of('resources.requested').map((e) => ({
    resource: str(e.data.resource) ?? '', quantity: num(e.data.quantity) ?? 0, from: str(e.data.from) ?? '', to: str(e.data.to) ?? '', incident: str(e.data.incident), t: e.t, seq: e.seq
  }));
  return { byType, unmet, requests, served };
}

export function resourceMetrics(data: ScenarioData, res: ReturnType<typeof resourceRows>): MetricValue[] {
  const out: MetricValue[] = [];
  for (const u of res.byType) out.push(metric(`utilisation.${u.type}`, u.utilisation, 'share'));
  const owner = data.seats.find((x) => x.tier === 'special-hq')?.id ?? data.seats.find((x) => !x.parent)?.id;
  out.push(metric('unmetDemand', res.unmet.length, 'count', res.unmet.length ? res.unmet.flatMap((u) => u.evidence) : res.served, owner));
  out.push(metric('resourceRequests', res.requests.length, 'count', res.requests.map((r) => ({ seq: r.seq, t: r.t, type: 'resources.requested', note: `${r.quantity} × ${r.resource} from ${r.from}` }))));
  return out;
}
