// Id → readable name lookups for one view (places, teams, seats, districts, incidents).
import { CAPABILITY_LABELS, RESOURCE_LABELS, RULE_LABELS, local, tankName, vocab, type Lang } from '../i18n';
import type { DomainEvent, View } from './types';

export interface Names {
  place(id: unknown): string;
  team(id: unknown): string;
  seat(id: unknown): string;
  district(id: unknown): string;
  incident(id: unknown): string;
  facility(id: unknown): string;
  river(id: unknown): string;
  inject(id: unknown): string;
  /** The scenario (its title, from the exercise). */
  scenario(id: unknown): string;
  /** A chemical tank: its number and substance (from the events, else from its id's formula). */
  tank(id: unknown, substance?: unknown): string;
  /** A cascade rule: the scenario's name for it (carried by its events) or the engine's. */
  rule(id: unknown): string;
  /** A rule of the scenario's plan (预案条款). */
  planRule(id: unknown): string;
  /** A road: its two ends. */
  road(id: unknown): string;
  /** A stockpile item and a team capability. */
  resource(id: unknown): string;
  capability(id: unknown): string;
  /** Any id the view knows (team, seat, district, incident, place, road, capability, item) → its name; for texts that quote ids. */
  any(id: string): string | undefined;
  lang: Lang;
}

export function makeNames(view: View | null, events: DomainEvent[], lang: Lang): Names {
  const m = <T extends { id: string }>(xs: T[] | undefined, get: (x: T) => unknown) => {
    const map = new Map<string, string>();
    for (const x of xs ?? []) map.set(String(x.id), local(get(x), lang) || String(x.id));
    return map;
  };
  const places = m(view?.map?.places, (p) => p.name);
  const teams = m(view?.teams, (x) => x.name);
  for (const o of view?.orderOptions?.teams ?? []) if (!teams.has(o.id) && o.name) teams.set(o.id, local(o.name, lang));
  const seats = m(view?.seats, (s) => s.name);
  if (view?.seat) seats.set(view.seat.id, local(view.seat.name, lang) || view.seat.id);
  for (const p of view?.participants ?? []) if (!seats.has(p.seat) && p.name) seats.set(p.seat, local(p.name, lang));
  const districts = new Map<string, string>();
  for (const f of view?.map?.districts?.features ?? []) districts.set(String(f.properties.id), local(f.properties.name, lang));
  const facilities = m(view?.map?.facilities, (f) => f.name);
  const rivers = m(view?.map?.rivers, (r) => r.name);
  const incidents = new Map<string, string>();
  for (const o of view?.orderOptions?.incidents ?? []) if (o.name) incidents.set(o.id, local(o.name, lang));
  for (const e of events) {
    if (e.type.startsWith('incident.') && typeof e.data.incident === 'string' && e.data.name) incidents.set(e.data.incident, local(e.data.name, lang));
  }
  const injects = new Map<string, string>();
  for (const i of view?.orderOptions?.injects ?? []) injects.set(i.id, local(i.text, lang).slice(0, 40));
  const tanks = new Map<string, string>();
  const rules = new Map<string, string>();
  for (const e of events) {
    const d = e.data ?? {};
    if (typeof d.tank === 'string' && typeof d.substance === 'string') tanks.set(d.tank, d.substance);
    if (typeof d.rule === 'string' && d.name && e.type.startsWith('cascade.')) rules.set(d.rule, local(d.name, lang));
  }
  const FORMULA: Record<string, string> = { NH3: 'ammonia', LPG: 'lpg', CL2: 'chlorine' };
  const roads = new Map<string, string>();
  const planRules = m(view?.planRules, (r) => r.name);
  const placeName = (id: unknown) => places.get(String(id)) ?? facilities.get(String(id)) ?? String(id);
  for (const r of view?.map?.roads ?? []) if (r.id) roads.set(r.id, `${placeName(r.from)}—${placeName(r.to)}`);
  const tankOf = (id: string) => (tanks.has(id) || FORMULA[id.split('-')[0].toUpperCase()] ? tankName(id, tanks.get(id) ?? FORMULA[id.split('-')[0].toUpperCase()], lang) : undefined);
  const get = (map: Map<string, string>) => (id: unknown) => (id === null || id === undefined ? '—' : map.get(String(id)) ?? String(id));
  return {
    place: (id) => places.get(String(id)) ?? facilities.get(String(id)) ?? incidents.get(String(id)) ?? get(places)(id),
    team: get(teams),
    seat: (id) => (id === 'facilitator' ? (lang === 'zh' ? '导调' : 'facilitator') : get(seats)(id)),
    district: get(districts),
    // A cascade's incident without a name of its own is "<rule>:<district or entity>".
    incident: (id) => {
      const s = id === null || id === undefined ? '' : String(id);
      if (!s) return '—';
      const known = incidents.get(s);
      if (known) return known;
      const m = /^([^:]+):(.+)$/.exec(s);
      if (m) {
        const rule = rules.get(m[1]) ?? RULE_LABELS[m[1]]?.[lang];
        const where = districts.get(m[2]) ?? facilities.get(m[2]) ?? places.get(m[2]) ?? roads.get(m[2]) ?? tankOf(m[2]);
        if (rule || where) return lang === 'zh' ? `${rule ?? m[1]}（${where ?? m[2]}）` : `${rule ?? m[1]} (${where ?? m[2]})`;
      }
      const fire = /^(.+)-fire$/.exec(s);
      if (fire && incidents.get(fire[1])) return lang === 'zh' ? `${incidents.get(fire[1])}引发的火灾` : `fire of ${incidents.get(fire[1])}`;
      return s;
    },
    scenario: (id) => (view?.exercise?.title ? local(view.exercise.title, lang) : String(id ?? '')),
    facility: (id) => facilities.get(String(id)) ?? places.get(String(id)) ?? String(id),
    river: get(rivers),
    inject: get(injects),
    tank: (id, substance) => tankName(id, substance ?? tanks.get(String(id)) ?? FORMULA[String(id ?? '').split('-')[0].toUpperCase()], lang),
    rule: (id) => rules.get(String(id)) ?? vocab(RULE_LABELS, id === null || id === undefined ? null : String(id), lang),
    planRule: (id) => planRules.get(String(id)) ?? String(id ?? '—'),
    road: (id) => roads.get(String(id)) ?? String(id ?? '—'),
    resource: (id) => vocab(RESOURCE_LABELS, id === null || id === undefined ? null : String(id), lang),
    capability: (id) => vocab(CAPABILITY_LABELS, id === null || id === undefined ? null : String(id), lang),
    any: (id) =>
      teams.get(id) ?? seats.get(id) ?? districts.get(id) ?? incidents.get(id) ?? places.get(id) ?? facilities.get(id) ?? roads.get(id) ??
      CAPABILITY_LABELS[id]?.[lang] ?? RESOURCE_LABELS[id]?.[lang] ?? rules.get(id) ?? RULE_LABELS[id]?.[lang] ?? tankOf(id),
    lang
  };
}
