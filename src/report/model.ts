/**
 * What the report shows beside the scorecard, derived from the events and the scenario: the
 * timeline of key events with a sentence each, the cascade graph, the district map, wall-clock
 * times. Every renderer (html, md, csv) reads this.
 */
import type { DomainEvent, Scenario, Scorecard } from '../../engine/index.ts';
import { LABELS, type Lang } from './labels.ts';
import { addDays } from '../../engine/index.ts';

export interface ReportInput {
  scorecard: Scorecard;
  events: DomainEvent[];
  scenario: Scenario;
}

export interface TimelineItem {
  seq: number;
  t: number;
  clock: string;
  lane: string;
  type: string;
  text: string;
}

export interface CascadeNode {
  id: string;
  label: string;
  kind: string;
  depth: number;
  prevented: boolean;
  t: number;
}

export interface CascadeLink {
  source: string;
  target: string;
  rule: string;
  prevented: boolean;
  seq: number;
}

export interface MapFeature {
  id: string;
  name: string;
  harmLevel: number;
  people: number;
  warned: string | null;
  /** Polygons of rings in planar coordinates (longitude scaled by cos(latitude) of the map's centre). */
  polygons: [number, number][][][];
}

export interface ReportModel {
  lang: Lang;
  timeline: TimelineItem[];
  lanes: string[];
  nodes: CascadeNode[];
  links: CascadeLink[];
  /** `extent`: the scenario's grid square (where the physics runs), which the map zooms to. */
  map: { features: MapFeature[]; points: { id: string; label: string; x: number; y: number }[]; extent: [[number, number], [number, number]] };
}

const LANE_OF: Record<string, string> = {
  'exercise.started': 'command', 'exercise.ended': 'command', 'exercise.paused': 'command', 'exercise.resumed': 'command',
  'hazard.release-started': 'hazard', 'incident.reported': 'hazard', 'incident.escalated': 'hazard', 'incident.contained': 'hazard', 'incident.closed': 'hazard',
  'cascade.triggered': 'hazard', 'cascade.prevented': 'hazard', 'cascade.threat': 'hazard', 'exposure.aegl': 'hazard', 'source.isolated': 'hazard', 'hazard.source-exhausted': 'hazard',
  'response.level': 'command', 'response.inversion': 'command', 'response.inversion-resolved': 'command', 'field-post.established': 'command', 'command.refused': 'command', 'expectation.judged': 'command',
  'report.received': 'reporting', 'resources.requested': 'reporting',
  'warning.issued': 'warning', 'protection.ordered': 'warning', 'protection.effective': 'warning',
  'team.arrived': 'teams', 'team.casualty': 'teams', 'source.isolating': 'teams',
  'inject.delivered': 'injects'
};
export const LANES = ['hazard', 'command', 'reporting', 'warning', 'teams', 'injects'];

/** Wall-clock label of a sim-time: the scenario's start plus minutes (date shown when it changes). */
export function clockOf(startTime: string, t: number): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(startTime);
  if (!m) return `T+${Math.round(t)}`;
  const total = Number(m[2]) * 60 + Number(m[3]) + t;
  const day = Math.floor(total / 1440);
  const mins = Math.round(total - day * 1440);
  const hh = String(Math.floor(mins / 60) % 24).padStart(2, '0');
  const mm = String(mins % 60).padStart(2, '0');
  return `${addDays(m[1], day).slice(5)} ${hh}:${mm}`;
}

/** The four warning colours of the national signal system, as a Chinese text names them. */
const WARNING_COLOUR_ZH = new Map([['blue', '蓝色'], ['yellow', '黄色'], ['orange', '橙色'], ['red', '红色']]);

export function buildModel(input: ReportInput, lang: Lang): ReportModel {
  const { scenario, events } = input;
  const d = scenario.data;
  const L = LABELS[lang];
  const seatName = new Map(d.seats.map((s) => [s.id, s.name[lang]]));
  const teamName = new Map(d.teams.map((t) => [t.id, t.name[lang]]));
  const districtName = new Map(scenario.world.districts.map((x) => [x.id, lang === 'zh' ? x.nameZh : x.nameEn]));
  const ruleName = new Map(d.cascades.map((r) => [r.id, r.name[lang]]));
  const incidentName = new Map<string, string>();
  for (const e of events) if (e.type === 'incident.reported' && e.data.name) incidentName.set(String(e.data.incident), (e.data.name as Record<Lang, string>)[lang]);
  const seat = (v: unknown) => seatName.get(String(v)) ?? String(v);
  const team = (v: unknown) => teamName.get(String(v)) ?? String(v);
  const dist = (v: unknown) => (Array.isArray(v) ? v : [v]).map((x) => districtName.get(String(x)) ?? String(x)).join(lang === 'zh' ? '、' : ', ');
  const inc = (v: unknown) => incidentName.get(String(v)) ?? String(v);
  const rule = (v: unknown) => ruleName.get(String(v)) ?? String(v);
  const colour = (v: unknown) => (lang === 'zh' ? WARNING_COLOUR_ZH.get(String(v)) : undefined) ?? String(v);
  const zh = lang === 'zh';
  const describe = (e: DomainEvent): string => {
    const x = e.data;
    switch (e.type) {
      case 'exercise.started': return zh ? '演练开始' : 'Exercise starts';
      case 'exercise.ended': return zh ? '演练结束' : 'Exercise ends';
      case 'hazard.release-started': return zh ? `泄漏开始（${String(x.tank)}，${String(x.substance)}）` : `Release starts (${String(x.tank)}, ${String(x.substance)})`;
      case 'incident.reported': return zh ? `${seat((x.to as string[])?.[0])}接报：${inc(x.incident)}（${String(x.grade)}级）` : `${seat((x.to as string[])?.[0])} learns of: ${inc(x.incident)} (grade ${String(x.grade)})`;
      case 'incident.escalated': return zh ? `${inc(x.incident)}升级为${String(x.to)}级` : `${inc(x.incident)} escalates to grade ${String(x.to)}`;
      case 'incident.contained': return zh ? `${inc(x.incident)}得到控制` : `${inc(x.incident)} contained`;
      case 'incident.closed': return zh ? `${inc(x.incident)}处置结束` : `${inc(x.incident)} closed`;
      case 'cascade.triggered': return zh ? `次生灾害：${rule(x.rule)} → ${inc(x.child)}` : `Secondary disaster: ${rule(x.rule)} → ${inc(x.child)}`;
      case 'cascade.prevented': return zh ? `次生灾害被阻断：${rule(x.rule)}` : `Secondary disaster prevented: ${rule(x.rule)}`;
      case 'cascade.threat': return zh ? `次生灾害威胁：${rule(x.rule)}（${String(x.tank ?? '')}）` : `Chain threat: ${rule(x.rule)} (${String(x.tank ?? '')})`;
      case 'exposure.aegl': return zh ? `${dist(x.district)}出现超过AEGL-${String(x.level)}的暴露（${String(x.people)}人）` : `${dist(x.district)}: exposure above AEGL-${String(x.level)} (${String(x.people)} people)`;
      case 'source.isolated': return zh ? `关阀堵漏完成（${team(x.team)}）` : `Source isolated (${team(x.team)})`;
      case 'hazard.source-exhausted': return zh ? `泄漏源排空（${String(x.tank)}）` : `Source exhausted (${String(x.tank)})`;
      case 'response.level': return zh ? `${seat(x.seat)}响应级别 ${String(x.from)} → ${String(x.to)}` : `${seat(x.seat)} response level ${String(x.from)} → ${String(x.to)}`;
      case 'response.inversion': return zh ? '出现响应倒挂' : 'Response inversion begins';
      case 'response.inversion-resolved': return zh ? '响应倒挂消除' : 'Response inversion resolved';
      case 'field-post.established': return zh ? `成立现场指挥部（${seat(x.post)}）` : `Field command post set up (${seat(x.post)})`;
      case 'command.refused': return zh ? `${seat(x.seat)}的指令被拒绝（${String(x.type)}）：${String(x.reason)}` : `${seat(x.seat)}'s ${String(x.type)} order refused: ${String(x.reason)}`;
      case 'expectation.judged': return zh ? `导调判定预期 ${String(x.expectation)}：${L.statuses[String(x.verdict)] ?? String(x.verdict)}` : `Facilitator judges expectation ${String(x.expectation)}: ${String(x.verdict)}`;
      case 'report.received': return zh ? `${seat(x.from)} → ${seat(x.to)} 报告送达` : `Report from ${seat(x.from)} reaches ${seat(x.to)}`;
      case 'resources.requested': return zh ? `${seat(x.from)}请求${String(x.quantity)}×${String(x.resource)}` : `${seat(x.from)} asks for ${String(x.quantity)} × ${String(x.resource)}`;
      case 'warning.issued': return zh ? `${seat(x.seat)}向${dist(x.districts)}发布${colour(x.colour)}预警` : `${seat(x.seat)} issues a ${colour(x.colour)} warning for ${dist(x.districts)}`;
      case 'protection.ordered': return zh ? `${seat(x.seat)}下令${x.mode === 'evacuate' ? '疏散' : x.mode === 'shelter' ? '就地避险' : '解除'}（${String(x.people)}人）` : `${seat(x.seat)} orders ${String(x.mode)} (${String(x.people)} people)`;
      case 'protection.effective': return zh ? `防护指令生效（${String(x.people)}人）` : `Protective order takes effect (${String(x.people)} people)`;
      case 'team.arrived': return zh ? `${team(x.team)}到场` : `${team(x.team)} on scene`;
      case 'team.casualty': return zh ? `${team(x.team)}减员退出` : `${team(x.team)} out of action`;
      case 'source.isolating': return zh ? `${team(x.team)}开始关阀堵漏` : `${team(x.team)} starts isolating the source`;
      case 'inject.delivered': return zh ? `情景：${(x.text as Record<Lang, string>)?.zh ?? ''}` : `Inject: ${(x.text as Record<Lang, string>)?.en ?? ''}`;
      default: return e.type;
    }
  };
  const timeline = events.filter((e) => LANE_OF[e.type] && e.type !== 'protection.effective').map((e) => ({
    seq: e.seq, t: e.t, clock: clockOf(d.startTime, e.t), lane: LANE_OF[e.type], type: e.type, text: describe(e)
  }));

  // The cascade graph: incidents as nodes, chain links as edges; a prevented link ends in a node of its own.
  const nodes: CascadeNode[] = [];
  const links: CascadeLink[] = [];
  const depth = new Map<string, number>();
  for (const row of input.scorecard.incidents) {
    const dp = row.parent ? (depth.get(row.parent) ?? 0) + 1 : 0;
    depth.set(row.id, dp);
    nodes.push({ id: row.id, label: inc(row.id), kind: row.kind, depth: dp, prevented: false, t: row.reportedAt });
  }
  for (const e of events) {
    if (e.type === 'cascade.triggered') {
      const parent = String(e.data.parent);
      const child = String(e.data.child);
      if (!nodes.some((n) => n.id === parent)) nodes.push({ id: parent, label: inc(parent), kind: 'incident', depth: Math.max(0, (depth.get(child) ?? 1) - 1), prevented: false, t: e.t });
      if (!nodes.some((n) => n.id === child)) nodes.push({ id: child, label: inc(child), kind: String(e.data.outcome ?? ''), depth: (depth.get(parent) ?? 0) + 1, prevented: false, t: e.t });
      links.push({ source: parent, target: child, rule: String(e.data.rule), prevented: false, seq: e.seq });
    }
    if (e.type === 'cascade.prevented') {
      const from = nodes.find((n) => n.id === String(e.data.source)) ?? nodes.find((n) => n.depth === 0);
      if (!from) continue;
      const id = `prevented-${e.seq}`;
      nodes.push({ id, label: `${String(e.data.rule)}${e.data.tank ? ` (${String(e.data.tank)})` : ''}`, kind: 'prevented', depth: from.depth + 1, prevented: true, t: e.t });
      links.push({ source: from.id, target: id, rule: String(e.data.rule), prevented: true, seq: e.seq });
    }
  }

  // The map: every district of the scenario, in a planar projection around the grid's centre.
  const [lon0, lat0] = d.map.grid.centre;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const proj = (p: readonly [number, number]): [number, number] => [Math.round((p[0] - lon0) * k * 1e5) / 1e5, Math.round((p[1] - lat0) * 1e5) / 1e5];
  const harm = new Map(input.scorecard.districts.map((r) => [r.district, r]));
  const features: MapFeature[] = scenario.world.districts.map((x) => {
    const r = harm.get(x.id);
    return {
      id: x.id, name: lang === 'zh' ? x.nameZh : x.nameEn, harmLevel: r?.harmLevel ?? 0, people: r ? r.harmPeople.reduce((a, b) => a + b, 0) : 0,
      warned: r?.warningColour ?? null, polygons: x.geometry.map((poly) => poly.map((ring) => ring.map(proj)))
    };
  });
  const places = new Set(input.scorecard.incidents.map((i) => i.place));
  const points = [...places].flatMap((id) => {
    const p = scenario.world.points.get(id);
    if (!p) return [];
    const [x, y] = proj([p.lon, p.lat]);
    return [{ id, label: input.scorecard.incidents.filter((i) => i.place === id).map((i) => inc(i.id)).join(' / '), x, y }];
  });
  // Grid half-width in the same planar degrees (metres per degree of latitude: 111,320).
  const h = d.map.grid.halfWidth / 111_320;
  return { lang, timeline, lanes: LANES, nodes, links, map: { features, points, extent: [[-h, -h], [h, h]] } };
}
