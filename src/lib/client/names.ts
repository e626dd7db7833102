// Id → readable name lookups for one view (places, teams, seats, districts, incidents).
import { local, type Lang } from '../i18n';
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
  const get = (map: Map<string, string>) => (id: unknown) => (id === null || id === undefined ? '—' : map.get(String(id)) ?? String(id));
  return {
    place: (id) => places.get(String(id)) ?? facilities.get(String(id)) ?? get(places)(id),
    team: get(teams),
    seat: (id) => (id === 'facilitator' ? (lang === 'zh' ? '导调' : 'facilitator') : get(seats)(id)),
    district: get(districts),
    incident: get(incidents),
    facility: (id) => facilities.get(String(id)) ?? places.get(String(id)) ?? String(id),
    river: get(rivers),
    inject: get(injects),
    lang
  };
}
