// One readable line for each event and order, in the chosen language. Unknown event types fall
// back to their data as key=value pairs, so a new engine event is never invisible.
import { COLOUR_LABELS, LEVEL_LABELS, ORDER_LABELS, PROTECTION_LABELS, FIELD_LABELS, STATE_LABELS, UNIT_LABELS, local, vocab, type Lang } from '../i18n';
import type { Names } from './names';
import type { DomainEvent } from './types';
import { formatSimTime } from './simtime';
import { bilingualReason, cascadeReason, namedReason } from '../reasons';

const num = (v: unknown, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : '—');
const list = (v: unknown, f: (x: unknown) => string, lang: Lang) => (Array.isArray(v) ? v.map(f).join(lang === 'zh' ? '、' : ', ') : f(v));

/** An order (CommandBody) as a short phrase. */
export function describeCommand(cmd: unknown, n: Names): string {
  const lang = n.lang;
  if (!cmd || typeof cmd !== 'object') return String(cmd ?? '');
  const c = cmd as Record<string, unknown>;
  const type = String(c.type ?? '');
  const what = vocab(ORDER_LABELS, type, lang);
  const zh = lang === 'zh';
  switch (type) {
    case 'dispatch':
      return `${what}: ${n.team(c.team)} → ${c.incident ? n.incident(c.incident) : n.place(c.place)}`;
    case 'recall':
      return `${what}: ${n.team(c.team)}`;
    case 'issue-warning':
      return `${what}: ${vocab(COLOUR_LABELS, String(c.colour), lang)} · ${list(c.districts, n.district, lang)}${c.message ? ` · ${local(c.message, lang)}` : ''}`;
    case 'set-response-level':
      return `${what}: ${vocab(LEVEL_LABELS, String(c.level), lang)}${c.incident ? ` (${n.incident(c.incident)})` : ''}`;
    case 'order-protection': {
      const a = (c.area ?? {}) as Record<string, unknown>;
      const where = a.districts ? list(a.districts, n.district, lang) : `${zh ? '以' : 'around '}${n.place(a.around)}${zh ? '为中心 ' : ' '}${num(a.radius)} m`;
      return `${what}: ${vocab(PROTECTION_LABELS, String(c.mode), lang)} · ${where}`;
    }
    case 'request-resources':
      return `${what}: ${n.resource(c.resource)} × ${num(c.quantity)}`;
    case 'setup-field-post':
      return `${what}: ${n.incident(c.incident)}`;
    case 'isolate-source':
      return `${what}: ${n.team(c.team)} @ ${n.incident(c.incident)}`;
    case 'report-up':
      return `${what}${c.incident ? `: ${n.incident(c.incident)}` : ''}${c.text ? ` · ${local(c.text, lang)}` : ''}`;
    case 'fire-inject':
      return `${what}: ${n.inject(c.inject)}`;
    case 'free-inject':
      return `${what} → ${list(c.to, n.seat, lang)}: ${local(c.text, lang)}`;
    default:
      return what;
  }
}

export function describeEvent(e: DomainEvent, n: Names): string {
  const d = e.data ?? {};
  const lang = n.lang;
  const zh = lang === 'zh';
  switch (e.type) {
    case 'exercise.started':
      // A seat is not sent the scenario and seed.
      if (d.seed === undefined) {
        const h = Math.round((Number(d.duration) / 60) * 10) / 10;
        return Number.isFinite(h) ? (zh ? `推演时长 ${h} 小时` : `${h} h of sim time`) : '';
      }
      return zh ? `想定：${n.scenario(d.scenario)}，随机种子 ${d.seed}` : `scenario ${n.scenario(d.scenario)}, seed ${d.seed}`;
    case 'exercise.ended': {
      const tot = (d.totals ?? {}) as Record<string, unknown>;
      const aegl = Array.isArray(tot.aegl) ? (tot.aegl as number[]) : [];
      return zh
        ? `原因：${vocab(STATE_LABELS, String(d.reason), lang)}；死亡 ${num(tot.deaths)}，AEGL-1/2/3 暴露 ${aegl.map((x) => num(x)).join('/')}，疏散 ${num(tot.evacuated)}`
        : `reason: ${d.reason}; deaths ${num(tot.deaths)}, exposed AEGL-1/2/3 ${aegl.map((x) => num(x)).join('/')}, evacuated ${num(tot.evacuated)}`;
    }
    case 'hazard.release-started':
      return `${n.facility(d.plant)} · ${n.tank(d.tank, d.substance)} · ${vocab(STATE_LABELS, String(d.mode), lang)}`;
    case 'hazard.source':
      return `${n.tank(d.tank, d.substance)}${zh ? '：泄漏速率 ' : ': '}${num(d.rateKgS, 2)} kg/s${zh ? '，泄漏量 ' : ', '}${num(d.massKg)} kg`;
    case 'hazard.source-exhausted':
      return n.tank(d.tank);
    case 'hazard.typhoon-track':
      return zh
        ? `路径推迟 ${num(d.delayMin)} 分钟，雨量系数 ${num(d.rainMultiplier, 2)}`
        : `track ${num(d.delayMin)} min late, rain × ${num(d.rainMultiplier, 2)}`;
    case 'hazard.plume': {
      const r = Array.isArray(d.reachM) ? (d.reachM as number[]) : [];
      return zh
        ? `风速 ${num(d.windSpeed, 1)} m/s，风向 ${num(d.windFrom)}°，稳定度 ${d.stability}；AEGL-1/2/3 影响距离 ${r.map((x) => num(x)).join('/')} m`
        : `wind ${num(d.windSpeed, 1)} m/s from ${num(d.windFrom)}°, stability ${d.stability}; AEGL-1/2/3 reach ${r.map((x) => num(x)).join('/')} m`;
    }
    case 'hazard.field': {
      if (d.kind === 'typhoon') {
        const max = (m: unknown) => Math.max(...Object.values((m ?? {}) as Record<string, number>).filter((v) => typeof v === 'number'), 0);
        return zh
          ? `最大阵风 ${num(max(d.gustMs), 1)} m/s，最大雨量 ${num(max(d.rainMm))} mm，最深积水 ${num(max(d.waterDepthM), 2)} m`
          : `max gust ${num(max(d.gustMs), 1)} m/s, max rain ${num(max(d.rainMm))} mm, deepest water ${num(max(d.waterDepthM), 2)} m`;
      }
      const by = (d.byDistrict ?? {}) as Record<string, number>;
      const vals = Object.values(by).filter((v) => typeof v === 'number');
      const max = vals.length ? Math.max(...vals) : NaN;
      return `${vocab(FIELD_LABELS, String(d.kind), lang)}: ${zh ? '最大' : 'max'} ${num(max, 1)} ${d.unit ? vocab(UNIT_LABELS, String(d.unit), lang) : ''} (${vals.length} ${zh ? '个区县' : 'districts'})`;
    }
    case 'hazard.runoff':
      return zh
        ? `${n.facility(d.intake)}：预计浓度 ${num(d.concentrationMgL, 2)} mg/L（限值 ${num(d.limitMgL, 2)}），${num(d.arrivalMin)} 分钟后到达`
        : `${n.facility(d.intake)}: ${num(d.concentrationMgL, 2)} mg/L expected (limit ${num(d.limitMgL, 2)}), arriving in ${num(d.arrivalMin)} min`;
    case 'exposure.aegl':
      return zh ? `${n.district(d.district)}：${num(d.people)} 人超过 AEGL-${d.level}` : `${n.district(d.district)}: ${num(d.people)} people above AEGL-${d.level}`;
    case 'casualties.estimate':
      if (d.injured !== undefined || d.trapped !== undefined)
        return zh
          ? `死亡 ${num(d.deaths)}，受伤 ${num(d.injured)}，被困 ${num(d.trapped)}${d.source ? `（${n.any(String(d.source)) ?? vocab(STATE_LABELS, String(d.source), lang)}）` : ''}`
          : `deaths ${num(d.deaths)}, injured ${num(d.injured)}, trapped ${num(d.trapped)}${d.source ? ` (${d.source})` : ''}`;
      return zh
        ? `死亡 ${num(d.deaths)}（期望 ${num(d.deathsExpected, 2)}），AEGL-1/2/3 ${num(d.aegl1)}/${num(d.aegl2)}/${num(d.aegl3)}，已疏散 ${num(d.evacuated)}`
        : `deaths ${num(d.deaths)} (expected ${num(d.deathsExpected, 2)}), AEGL-1/2/3 ${num(d.aegl1)}/${num(d.aegl2)}/${num(d.aegl3)}, evacuated ${num(d.evacuated)}`;
    case 'incident.reported':
    case 'incident.verified':
    case 'incident.responding':
    case 'incident.contained':
    case 'incident.closed':
      return `${local(d.name, lang) || n.incident(d.incident)} @ ${n.place(d.place)}${d.grade ? ` · ${zh ? '等级' : 'grade'} ${d.grade}` : ''}`;
    case 'incident.escalated':
      return `${n.incident(d.incident)}: ${d.from} → ${d.to}${d.deaths !== undefined ? ` · ${zh ? '死亡' : 'deaths'} ${num(d.deaths)}` : ''}`;
    case 'cascade.triggered':
      return d.name
        ? `${local(d.name, lang)}${d.entity ? ` · ${n.any(String(d.entity)) ?? String(d.entity)}` : ''}${d.parent ? ` ← ${n.incident(d.parent)}` : ''}`
        : `${n.rule(d.rule)}${d.tank ? ` · ${n.tank(d.tank)}` : ''}${zh ? '：' : ': '}${n.incident(d.parent)} → ${n.incident(d.child)}${d.outcome ? (zh ? `（${vocab(STATE_LABELS, String(d.outcome), lang)}）` : ` (${d.outcome})`) : ''}`;
    case 'cascade.prevented': {
      const what = d.tank ? n.tank(d.tank) : d.source ? n.any(String(d.source)) ?? (zh ? '泄漏源' : 'the source') : d.entity ? n.any(String(d.entity)) ?? String(d.entity) : '';
      return `${n.rule(d.rule)}${what ? ` · ${what}` : ''} — ${local(cascadeReason(String(d.reason ?? '')), lang)}`;
    }
    case 'hazard.typhoon': {
      const st = (d.storm ?? null) as Record<string, number> | null;
      const river = Object.entries((d.riverStageM ?? {}) as Record<string, number>).map(([k, v]) => `${n.river(k)} ${num(v, 2)} m`).join(', ');
      return zh
        ? `${st ? `中心气压 ${num(st.pressureHpa)} hPa，最大风速 ${num(st.vmaxMs, 1)} m/s` : '台风已远离'}${river ? `；河道水位 ${river}` : ''}`
        : `${st ? `central pressure ${num(st.pressureHpa)} hPa, max wind ${num(st.vmaxMs, 1)} m/s` : 'the storm has passed'}${river ? `; river stage ${river}` : ''}`;
    }
    case 'cascade.threat':
      return zh
        ? `${n.rule(d.rule)}：${n.tank(d.tank)} 受热 ${num(d.fluxKwM2, 1)} kW/m²，约 ${num(d.timeToFailureMin, 1)} 分钟后失效`
        : `${n.rule(d.rule)}: ${n.tank(d.tank)} under ${num(d.fluxKwM2, 1)} kW/m², fails in about ${num(d.timeToFailureMin, 1)} min`;
    case 'cascade.blast':
      return `${n.tank(d.tank)}: ${num(d.overpressureKPa, 1)} kPa @ ${num(d.distanceM)} m · ${d.damaged ? (zh ? '损坏' : 'damaged') : zh ? '未损坏' : 'intact'}`;
    case 'command.accepted':
      return `${n.seat(d.seat)}: ${describeCommand(d.command ?? { type: d.type }, n)}${d.via === 'plan' ? (zh ? '（预案）' : ' (plan)') : ''}`;
    case 'command.refused':
      // The engine states a refusal in English; the same translation the server answers with.
      return `${n.seat(d.seat)}: ${describeCommand(d.command ?? { type: d.type }, n)} — ${namedReason(local(d.reasonText ?? (typeof d.reason === 'string' ? bilingualReason(d.reason) : d.reason), lang), n)}`;
    case 'plan.rule-triggered':
      return `${n.planRule(d.rule)} · ${n.seat(d.by)}${typeof d.dueAt === 'number' ? ` · ${zh ? '应于' : 'due'} T+${formatSimTime(d.dueAt)}` : ''}`;
    case 'plan.rule-unstaffed': {
      const teams = (Array.isArray(d.teams) ? d.teams : []).map((t: string) => n.team(t)).join(zh ? '、' : ', ');
      const what = d.incident ? ` · ${n.incident(d.incident)}` : '';
      const wait = typeof d.waitUntil === 'number' ? ` · ${zh ? '排队等候至' : 'waits until'} T+${formatSimTime(d.waitUntil)}` : '';
      return `${n.planRule(d.rule)} · ${teams} ${zh ? '均无空闲' : 'all busy'}${what}${wait}`;
    }
    case 'team.mobilizing':
    case 'team.en-route':
      return `${n.team(d.team)} → ${d.incident ? n.incident(d.incident) : n.place(d.to)}${typeof d.etaMin === 'number' && d.etaMin > 0 ? ` · ETA ${num(d.etaMin)} ${zh ? '分钟' : 'min'}` : ''}`;
    case 'team.arrived':
      return `${n.team(d.team)} @ ${n.place(d.place)}`;
    case 'team.returning':
      return `${n.team(d.team)} → ${n.place(d.to)}`;
    case 'team.resting':
    case 'team.available':
      return `${n.team(d.team)} @ ${n.place(d.at)}`;
    case 'team.casualty':
      return `${n.team(d.team)}`;
    case 'team.stranded':
    case 'team.return-resumed':
    case 'run.aborted':
      return local(d.message, lang);
    case 'response.level':
      return `${n.seat(d.seat)}: ${vocab(LEVEL_LABELS, String(d.from), lang)} → ${vocab(LEVEL_LABELS, String(d.to), lang)}`;
    case 'response.inversion': {
      const f = Array.isArray(d.findings) ? (d.findings as Record<string, unknown>[]) : [];
      return f.map((x) => `${n.seat(x.higher)} ${x.higherLevel} > ${n.seat(x.local)} ${x.localLevel}`).join('; ');
    }
    case 'response.inversion-resolved':
      return '';
    case 'inject.delivered':
      return `${d.from ? local(d.from, lang) + (zh ? '：' : ': ') : ''}${local(d.text, lang)}`;
    case 'warning.issued':
      return `${n.seat(d.seat)} · ${vocab(COLOUR_LABELS, String(d.colour), lang)} · ${list(d.districts, n.district, lang)}${d.message ? ` · ${local(d.message, lang)}` : ''}`;
    case 'protection.ordered':
      return `${n.seat(d.seat)} · ${vocab(PROTECTION_LABELS, String(d.mode), lang)} · ${list(d.districts, n.district, lang)} · ${num(d.people)} ${zh ? '人' : 'people'}`;
    case 'protection.effective':
      return `${vocab(PROTECTION_LABELS, String(d.mode), lang)} · ${num(d.people)} ${zh ? '人' : 'people'}`;
    case 'report.received': {
      // A report names its incident, carries free text, or both.
      const what = [d.incident ? n.incident(d.incident) : '', d.text ? local(d.text, lang) : ''].filter(Boolean).join(' · ');
      return `${n.seat(d.from)} → ${n.seat(d.to)}${what ? `: ${what}` : ''}`;
    }
    case 'resources.requested':
      return `${n.seat(d.from)} → ${n.seat(d.to)}: ${n.resource(d.resource)} × ${num(d.quantity)}`;
    case 'field-post.established':
      return `${n.seat(d.post)} @ ${n.place(d.place)} (${n.incident(d.incident)})`;
    case 'source.isolating':
      return zh ? `${n.team(d.team)} 正在堵漏，预计 ${num(d.expectedMin)} 分钟` : `${n.team(d.team)} isolating, about ${num(d.expectedMin)} min`;
    case 'source.isolated':
      return `${n.incident(d.incident)} · ${n.team(d.team)}`;
    case 'road.changed':
      return `${n.road(d.road)}: ${d.blocked ? (zh ? '中断' : 'blocked') : zh ? '通行' : 'open'}${typeof d.slowdown === 'number' && d.slowdown !== 1 ? ` ×${num(d.slowdown, 1)}` : ''}`;
    case 'hazard.quake':
      return `M${num(d.magnitude, 1)} · ${zh ? '震源深度' : 'depth'} ${num(d.depthKm)} km`;
    case 'hazard.aftershock':
      return `M${num(d.magnitude, 1)}`;
    case 'hazard.signal':
      return `${n.district(d.district)}: ${d.colour ? vocab(COLOUR_LABELS, String(d.colour), lang) : zh ? '解除' : 'lifted'}`;
    case 'facility.status':
      return `${n.facility(d.facility)}: ${vocab(STATE_LABELS, String(d.from), lang)} → ${vocab(STATE_LABELS, String(d.to), lang)}`;
    case 'rescue.progress':
      return zh
        ? `${n.incident(d.incident)}：已救出 ${num(d.rescued)}，遇难 ${num(d.died)}，待救 ${num(d.remaining)}`
        : `${n.incident(d.incident)}: rescued ${num(d.rescued)}, died ${num(d.died)}, remaining ${num(d.remaining)}`;
    case 'incident.resolved':
      return `${n.incident(d.incident)}`;
    case 'expectation.judged':
      return `${d.expectation}: ${vocab(STATE_LABELS, String(d.verdict), lang)}${d.reason ? ` — ${local(d.reason, lang)}` : ''}`;
    case 'road.blocked':
    case 'road.cleared':
      return `${d.road ? n.road(d.road) : ''} ${d.from ? `${n.place(d.from)} — ${n.place(d.to)}` : ''}`.trim();
    default:
      return Object.entries(d)
        .filter(([, v]) => v === null || typeof v !== 'object')
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
  }
}

/** Event category, for colours, lanes and inbox filters. */
export type Category = 'exercise' | 'hazard' | 'incident' | 'cascade' | 'order' | 'team' | 'info';

export function categoryOf(type: string): Category {
  if (type.startsWith('exercise.')) return 'exercise';
  if (type.startsWith('hazard.') || type.startsWith('exposure.') || type.startsWith('casualties.') || type.startsWith('road.')) return 'hazard';
  if (type.startsWith('cascade.')) return 'cascade';
  if (type.startsWith('incident.') || type.startsWith('source.')) return 'incident';
  if (type.startsWith('command.') || type.startsWith('plan.') || type.startsWith('response.') || type.startsWith('protection.') || type.startsWith('field-post.') || type.startsWith('resources.')) return 'order';
  if (type.startsWith('team.')) return 'team';
  return 'info';
}

export const CATEGORY_COLOURS: Record<Category, string> = {
  exercise: '#8ea0bd',
  hazard: '#e8a33d',
  incident: '#ef5b5b',
  cascade: '#d94fd0',
  order: '#4fa3f7',
  team: '#3fc08a',
  info: '#f0d35a'
};
