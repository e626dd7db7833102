// The situation a role can draw, folded from the events it received (and the teams of its view):
// incidents, hazard fields per district, the latest plume, warnings, blocked roads, team moves.
import type { DomainEvent, TeamView, ViewIncident } from './types';

export interface IncidentState {
  id: string;
  name: unknown;
  kind: string;
  place: string;
  district?: string;
  status: string;
  grade?: string;
  t: number;
}

export interface FieldState {
  kind: string;
  unit: string;
  byDistrict: Record<string, number>;
  t: number;
}

export interface PlumeState {
  t: number;
  windFrom: number;
  windSpeed: number;
  stability?: string;
  reachM: number[];
  /** Place id of the release (the plant's place), when known. */
  place: string | null;
  active: boolean;
}

export interface TeamState {
  id: string;
  name: unknown;
  type?: string;
  owner?: string;
  status: string;
  /** Where it is, or where it was when it set off. */
  at: string | null;
  /** While moving: towards this place, from t0, taking eta minutes. */
  to?: string | null;
  t0?: number;
  eta?: number;
  incident?: string | null;
}

export interface Situation {
  incidents: IncidentState[];
  aegl: Record<string, { level: number; people: number }>;
  fields: Record<string, FieldState>;
  plume: PlumeState | null;
  warnings: Record<string, string>;
  protection: Record<string, string>;
  blockedRoads: Set<string>;
  teams: TeamState[];
  /** The earthquake's epicentre [lon, lat], when there was one. */
  epicentre: [number, number] | null;
  /** Facility id → status, for facilities whose status changed (damaged, without power, …). */
  facilities: Record<string, string>;
}

const INCIDENT_STATUS: Record<string, string> = {
  'incident.reported': 'reported',
  'incident.verified': 'verified',
  'incident.responding': 'responding',
  'incident.escalated': 'escalated',
  'incident.contained': 'contained',
  'incident.closed': 'closed'
};

const TEAM_STATUS: Record<string, string> = {
  'team.mobilizing': 'mobilizing',
  'team.en-route': 'enRoute',
  'team.arrived': 'onScene',
  'team.returning': 'returning',
  // A team with no road back waits, still returning; when a road opens it sets off with a new ETA.
  'team.return-resumed': 'returning',
  'team.resting': 'resting',
  'team.available': 'available',
  'team.casualty': 'outOfService'
};

export const roadKey = (from: string, to: string) => (from < to ? `${from}|${to}` : `${to}|${from}`);

/** `plantPlace` maps a facility id to its place id (for the plume's origin). */
export function foldSituation(
  events: DomainEvent[],
  viewTeams: TeamView[],
  plantPlace: (facility: string) => string | null,
  viewIncidents: ViewIncident[] = []
): Situation {
  const incidents = new Map<string, IncidentState>();
  // The incidents the role knows of now (a report may tell of one whose own events it never saw).
  for (const i of viewIncidents) {
    incidents.set(i.id, { id: i.id, name: i.name, kind: i.kind ?? '', place: i.place ?? '', district: i.district, status: i.status ?? 'reported', grade: i.grade, t: i.startedAt ?? 0 });
  }
  const aegl: Situation['aegl'] = {};
  const fields: Situation['fields'] = {};
  const warnings: Record<string, string> = {};
  const protection: Record<string, string> = {};
  const blockedRoads = new Set<string>();
  const sourcePlace = new Map<string, string>();
  let plume: PlumeState | null = null;
  let epicentre: [number, number] | null = null;
  const facilities: Record<string, string> = {};
  const teams = new Map<string, TeamState>();
  for (const v of viewTeams) {
    teams.set(v.id, {
      id: v.id,
      name: v.name,
      type: v.type,
      owner: v.owner,
      status: v.status ?? 'available',
      at: v.location ?? v.assignment?.place ?? null,
      incident: v.assignment?.incident ?? null
    });
  }

  for (const e of events) {
    const d = e.data ?? {};
    const status = INCIDENT_STATUS[e.type];
    if (e.type === 'incident.resolved' && typeof d.incident === 'string') {
      const prev = incidents.get(d.incident);
      if (prev) incidents.set(d.incident, { ...prev, status: 'contained' });
      continue;
    }
    if (status && typeof d.incident === 'string') {
      const prev = incidents.get(d.incident);
      incidents.set(d.incident, {
        id: d.incident,
        name: d.name ?? prev?.name ?? d.incident,
        kind: String(d.kind ?? prev?.kind ?? ''),
        place: String(d.place ?? prev?.place ?? ''),
        district: (d.district as string | undefined) ?? prev?.district,
        status,
        grade: (e.type === 'incident.escalated' ? (d.to as string) : (d.grade as string | undefined)) ?? prev?.grade,
        t: prev?.t ?? e.t
      });
      continue;
    }
    const ts = TEAM_STATUS[e.type];
    if (ts && typeof d.team === 'string') {
      const prev = teams.get(d.team) ?? { id: d.team, name: d.team, status: 'available', at: null };
      const next: TeamState = { ...prev, status: ts };
      if (e.type === 'team.en-route') {
        next.at = (d.from as string) ?? prev.at;
        next.to = d.to as string;
        next.t0 = e.t;
        next.eta = typeof d.etaMin === 'number' ? d.etaMin : 0;
        next.incident = (d.incident as string) ?? null;
      } else if (e.type === 'team.returning' || e.type === 'team.return-resumed') {
        next.to = d.to as string;
        next.t0 = e.t;
        next.eta = typeof d.etaMin === 'number' ? d.etaMin : 0;
        next.incident = null;
      } else if (e.type === 'team.mobilizing') {
        next.to = null;
        next.incident = (d.incident as string) ?? null;
      } else {
        next.at = (d.place as string) ?? (d.at as string) ?? prev.to ?? prev.at;
        if (e.type !== 'team.arrived') next.incident = null;
        next.to = null;
      }
      teams.set(d.team, next);
      continue;
    }
    switch (e.type) {
      case 'exposure.aegl': {
        const id = String(d.district);
        const level = Number(d.level) || 0;
        const prev = aegl[id];
        if (!prev || level > prev.level || (level === prev.level && Number(d.people) > prev.people))
          aegl[id] = { level: Math.max(level, prev?.level ?? 0), people: Number(d.people) || 0 };
        break;
      }
      case 'hazard.field':
        if (typeof d.kind === 'string' && d.byDistrict && typeof d.byDistrict === 'object')
          fields[d.kind] = { kind: d.kind, unit: String(d.unit ?? ''), byDistrict: d.byDistrict as Record<string, number>, t: e.t };
        // A typhoon's field carries several maps at once: gusts, rain, standing water.
        for (const [key, kind, unit] of [['gustMs', 'wind', 'm/s'], ['rainMm', 'rain', 'mm'], ['waterDepthM', 'flood', 'm']] as const) {
          const m = d[key];
          if (m && typeof m === 'object') fields[kind] = { kind, unit, byDistrict: m as Record<string, number>, t: e.t };
        }
        break;
      case 'hazard.signal':
        if (typeof d.district === 'string') {
          if (d.colour) warnings[d.district] = String(d.colour);
          else delete warnings[d.district];
        }
        break;
      case 'hazard.quake':
        if (Array.isArray(d.epicentre)) epicentre = d.epicentre as [number, number];
        break;
      case 'facility.status':
        if (typeof d.facility === 'string') facilities[d.facility] = String(d.to);
        break;
      case 'road.changed':
        if (typeof d.road === 'string') {
          if (d.blocked) blockedRoads.add(d.road);
          else blockedRoads.delete(d.road);
        }
        break;
      case 'hazard.release-started': {
        const place = plantPlace(String(d.plant));
        if (place) sourcePlace.set(String(d.release ?? d.source ?? ''), place);
        break;
      }
      case 'hazard.source': {
        const inc = incidents.get(String(d.incident));
        if (!sourcePlace.has(String(d.source)) && inc?.place) sourcePlace.set(String(d.source), inc.place);
        break;
      }
      case 'hazard.plume': {
        const srcs = Array.isArray(d.sources) ? (d.sources as { id: string; active?: boolean }[]) : [];
        const first = srcs[0]?.id;
        const place = (first && sourcePlace.get(first)) ?? [...sourcePlace.values()][0] ?? null;
        plume = {
          t: e.t,
          windFrom: Number(d.windFrom) || 0,
          windSpeed: Number(d.windSpeed) || 0,
          stability: d.stability as string | undefined,
          reachM: Array.isArray(d.reachM) ? (d.reachM as number[]) : [],
          place,
          active: srcs.some((s) => s.active !== false)
        };
        break;
      }
      case 'warning.issued':
        for (const dist of (d.districts as string[]) ?? []) warnings[dist] = String(d.colour);
        break;
      case 'protection.ordered':
        for (const dist of (d.districts as string[]) ?? []) {
          if (d.mode === 'lift') delete protection[dist];
          else protection[dist] = String(d.mode);
        }
        break;
      case 'road.blocked':
      case 'road.cleared': {
        const key = typeof d.road === 'string' ? d.road : d.from && d.to ? roadKey(String(d.from), String(d.to)) : null;
        if (key) {
          if (e.type === 'road.blocked') blockedRoads.add(key);
          else blockedRoads.delete(key);
        }
        break;
      }
    }
  }
  return { incidents: [...incidents.values()], aegl, fields, plume, warnings, protection, blockedRoads, teams: [...teams.values()], epicentre, facilities };
}
