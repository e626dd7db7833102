/**
 * Where harm happened, district by district: when the hazard first reached each district (the
 * rules' `harmArrival` events), when it was warned and with what colour, the warning's lead time,
 * and whether people were evacuated or sheltered before serious harm arrived.
 */
import type { Scenario } from '../scenario/load.ts';
import type { DomainEvent } from '../sim/events.ts';
import type { DistrictRow, Evidence, MetricValue } from './types.ts';
import type { ScoringRules } from './rules.ts';
import { matches, fieldAt } from '../plan/match.ts';
import { metric } from './metric.ts';
import { minutes, num, ref, str, strs, type Stream } from './stream.ts';

interface Arrival { district: string; level: number; people: number; e: DomainEvent }

function arrivals(s: Stream, rules: ScoringRules): Arrival[] {
  const out: Arrival[] = [];
  for (const rule of rules.harmArrival) {
    for (const e of s.of(rule.type)) {
      if (!matches(e.data, rule.match)) continue;
      const district = str(e.data.district);
      if (!district) continue;
      const level = rule.levelField ? num(fieldAt(e.data, rule.levelField)) ?? 1 : 1;
      const people = rule.peopleField ? num(fieldAt(e.data, rule.peopleField)) ?? 0 : 0;
      out.push({ district, level, people, e });
    }
  }
  return out.sort((a, b) => a.e.seq - b.e.seq);
}

export function districtRows(s: Stream, scenario: Scenario, rules: ScoringRules): DistrictRow[] {
  const names = new Map(scenario.world.districts.map((d) => [d.id, { zh: d.nameZh, en: d.nameEn }]));
  const rows = new Map<string, DistrictRow>();
  const row = (id: string): DistrictRow => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { district: id, name: names.get(id) ?? { zh: id, en: id }, harmAt: null, harmLevel: 0, harmPeople: [], warnedAt: null, warningColour: null, leadMin: null, evacuationOrderedPeople: 0, evidence: [] }));
    return r;
  };
  for (const a of arrivals(s, rules)) {
    const r = row(a.district);
    if (r.harmAt === null) { r.harmAt = a.e.t; r.evidence.push(ref(a.e, `hazard reaches ${a.district}`)); }
    if (a.level > r.harmLevel) r.harmLevel = a.level;
    while (r.harmPeople.length < a.level) r.harmPeople.push(0);
    r.harmPeople[a.level - 1] += a.people;
  }
  for (const e of s.of('warning.issued')) {
    for (const d of strs(e.data.districts)) {
      const r = row(d);
      if (r.warnedAt === null) { r.warnedAt = e.t; r.evidence.push(ref(e, `${d} warned (${String(e.data.colour)})`)); }
      r.warningColour = str(e.data.colour);
    }
  }
  for (const e of s.of('protection.ordered')) {
    if (e.data.mode !== 'evacuate') continue;
    const ds = strs(e.data.districts);
    const people = num(e.data.people) ?? 0;
    for (const d of ds) row(d).evacuationOrderedPeople += Math.round(people / ds.length);
  }
  for (const r of rows.values()) if (r.harmAt !== null && r.warnedAt !== null) r.leadMin = minutes(r.harmAt - r.warnedAt);
  return [...rows.values()].sort((a, b) => (a.harmAt ?? Infinity) - (b.harmAt ?? Infinity) || a.district.localeCompare(b.district));
}

export function districtMetrics(s: Stream, scenario: Scenario, rows: DistrictRow[], rules: ScoringRules): MetricValue[] {
  const lead = scenario.data.releases[0]?.reportTo ?? scenario.data.seats.find((x) => !x.parent)?.id;
  const reached = rows.filter((r) => r.harmAt !== null);
  const warned = reached.filter((r) => r.warnedAt !== null);
  const unwarned = reached.filter((r) => r.warnedAt === null);
  const seatOf = (district: string) => scenario.data.seats.find((x) => x.tier === 'district' && x.district === district)?.id ?? lead;
  const out: MetricValue[] = [
    metric('districtsReached', reached.length, 'count', reached.flatMap((r) => r.evidence.slice(0, 1))),
    metric('districtsReachedUnwarned', unwarned.length, 'count', (unwarned.length ? unwarned : reached).flatMap((r) => r.evidence), unwarned[0] ? seatOf(unwarned[0].district) : undefined),
    metric('warningLeadMin', warned.length ? Math.min(...warned.map((r) => r.leadMin!)) : null, 'min', warned.flatMap((r) => r.evidence), lead)
  ];
  const firstInc = s.of('incident.reported')[0];
  const firstWarn = s.of('warning.issued')[0];
  out.push(metric('warningDelayMin', firstInc && firstWarn ? minutes(Math.max(0, firstWarn.t - firstInc.t)) : null, 'min',
    [...(firstInc ? [ref(firstInc, 'first incident reported')] : []), ...(firstWarn ? [ref(firstWarn, `first warning (${String(firstWarn.data.colour)})`)] : [])], firstWarn ? str(firstWarn.data.seat) ?? lead : lead));

  // Protective actions against serious harm: an order counts as in time when it took effect before
  // serious harm (rules.seriousHarmLevel) reached any of its districts, or serious harm never did.
  const serious = new Map<string, number>();
  for (const a of arrivals(s, rules)) if (a.level >= rules.seriousHarmLevel && !serious.has(a.district)) serious.set(a.district, a.e.t);
  let total = 0, before = 0, evacBefore = 0;
  const ev: Evidence[] = [];
  for (const eff of s.of('protection.effective')) {
    const mode = str(eff.data.mode);
    if (mode !== 'evacuate' && mode !== 'shelter') continue;
    const ordered = s.of('protection.ordered').find((o) => o.cause === eff.data.order);
    const people = num(eff.data.people) ?? 0;
    const ds = ordered ? strs(ordered.data.districts) : [];
    const inTime = ds.every((d) => (serious.get(d) ?? Infinity) >= eff.t);
    total += people;
    if (inTime) { before += people; if (mode === 'evacuate') evacBefore += people; }
    ev.push(ref(eff, `${mode} effective for ${people} people${inTime ? ' before serious harm arrived' : ' after serious harm arrived'}`));
  }
  const orderSeat = str(s.of('protection.ordered')[0]?.data.seat) ?? lead;
  out.push(metric('protectionOrderedPeople', total, 'people', ev, orderSeat));
  out.push(metric('protectedBeforeHazardShare', total > 0 ? before / total : null, 'share', ev, orderSeat));
  out.push(metric('evacuatedBeforeHazard', evacBefore, 'people', ev.filter((x) => x.note?.startsWith('evacuate')), orderSeat));
  return out;
}
