/**
 * Ratings from metrics, by the rules: each critical task rated P/S/M/U against its thresholds,
 * each capability by its worst applicable task (HSEEP), the same tasks as indicators of the
 * Chinese score sheet (points by rating, weighted by area), findings graded 不足项 / 整改项 / 改进项
 * from tasks, expectations and plan rules, strengths, and the improvement plan.
 */
import type { ScenarioData } from '../scenario/schema.ts';
import type { CapabilityResult, ComplianceRow, ExpectationResult, Finding, ImprovementItem, LocalText, MetricUnit, MetricValue, Rating, SheetCategory, SheetIndicator, Strength, TaskResult } from './types.ts';
import type { CriticalTaskRule, ScoringRules, Thresholds } from './rules.ts';

const ORDER: Rating[] = ['P', 'S', 'M', 'U'];
export const RATING_VALUE: Record<Rating, number> = { P: 3, S: 2, M: 1, U: 0 };

export function rate(value: number, t: Thresholds): Rating {
  if (t.better === 'lower') return value <= t.P ? 'P' : value <= t.S ? 'S' : value <= t.M ? 'M' : 'U';
  return value >= t.P ? 'P' : value >= t.S ? 'S' : value >= t.M ? 'M' : 'U';
}

const UNIT: Record<MetricUnit, LocalText> = {
  min: { zh: '分钟', en: 'min' }, people: { zh: '人', en: 'people' }, count: { zh: '项', en: '' }, share: { zh: '', en: '' },
  CNY: { zh: '元', en: 'CNY' }, kg: { zh: '千克', en: 'kg' }, points: { zh: '分', en: 'points' }, rating: { zh: '', en: '' }
};

export function formatValue(v: number | null, unit: MetricUnit, lang: 'zh' | 'en'): string {
  if (v === null) return lang === 'zh' ? '未发生' : 'never';
  if (unit === 'share') return `${Math.round(v * 100)}%`;
  const n = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 10) / 10);
  const u = UNIT[unit][lang];
  return u ? (lang === 'zh' ? `${n}${u}` : `${n} ${u}`) : n;
}

function standardOf(t: Thresholds, unit: MetricUnit): string {
  const op = t.better === 'lower' ? '≤' : '≥';
  const f = (v: number) => (unit === 'share' ? `${Math.round(v * 100)}%` : String(v));
  return `P ${op} ${f(t.P)} · S ${op} ${f(t.S)} · M ${op} ${f(t.M)} · U`;
}

function thresholdsFor(task: CriticalTaskRule, hazard: string): Thresholds {
  return { ...task.thresholds, ...(task.byHazard?.[hazard] ?? {}) };
}

export function rateCapabilities(metrics: Map<string, MetricValue>, hazard: string, rules: ScoringRules): CapabilityResult[] {
  const value = (id: string) => metrics.get(id)?.value ?? null;
  return rules.capabilities.map((cap) => {
    const tasks: TaskResult[] = [];
    for (const task of cap.tasks) {
      if (task.hazards && !task.hazards.includes(hazard)) continue;
      const m = metrics.get(task.metric);
      const unit = m?.unit ?? 'count';
      const t = thresholdsFor(task, hazard);
      const v = value(task.metric);
      let rating: Rating | null;
      if (task.appliesIf && !((value(task.appliesIf.metric) ?? 0) > task.appliesIf.gt)) rating = null;
      else if (v === null) rating = task.whenMissing === 'U' ? 'U' : null;
      else rating = rate(v, t);
      tasks.push({ id: task.id, name: task.name, metric: task.metric, value: v, unit, rating, standard: standardOf(t, unit), evidence: m?.evidence ?? [] });
    }
    const rated = tasks.filter((x) => x.rating !== null).map((x) => x.rating!);
    const rating = rated.length ? ORDER[Math.max(...rated.map((r) => ORDER.indexOf(r)))] : null;
    return { id: cap.id, name: cap.name, rating, tasks };
  }).filter((c) => c.tasks.length > 0);
}

export function scoreSheet(caps: CapabilityResult[], expectations: ExpectationResult[], rules: ScoringRules): { categories: SheetCategory[]; total: number | null; grade: LocalText | null } {
  const taskRule = new Map(rules.capabilities.flatMap((c) => c.tasks.map((t) => [t.id, t] as const)));
  const categories = rules.sheetCategories.map((cat) => {
    const indicators: SheetIndicator[] = [];
    for (const cap of caps) {
      for (const task of cap.tasks) {
        const r = taskRule.get(task.id)!;
        if (r.sheet !== cat.id) continue;
        indicators.push({ id: task.id, name: task.name, rating: task.rating, maxPoints: r.points, points: task.rating === null ? null : r.points * rules.ratingShare[task.rating], evidence: task.evidence });
      }
    }
    const due = expectations.filter((x) => x.category === cat.id && (x.status === 'met' || x.status === 'late' || x.status === 'missed'));
    if (due.length) {
      const share = due.filter((x) => x.status === 'met').length / due.length;
      const rating = rate(share, rules.expectationThresholds);
      indicators.push({
        id: `expectations-${cat.id}`, name: { zh: `导调情景预期行动完成（${due.length}项）`, en: `Expected actions after injects (${due.length})` },
        rating, maxPoints: rules.expectationPoints, points: rules.expectationPoints * rules.ratingShare[rating], evidence: due.flatMap((x) => x.evidence)
      });
    }
    const applicable = indicators.filter((i) => i.points !== null);
    const max = applicable.reduce((s, i) => s + i.maxPoints, 0);
    const got = applicable.reduce((s, i) => s + i.points!, 0);
    const score = max > 0 ? Math.round((got / max) * cat.weight * 10) / 10 : null;
    return { id: cat.id, name: cat.name, weight: cat.weight, score, indicators };
  });
  const scored = categories.filter((c) => c.score !== null);
  const weight = scored.reduce((s, c) => s + c.weight, 0);
  const total = weight > 0 ? Math.round((scored.reduce((s, c) => s + c.score!, 0) / weight) * 1000) / 10 : null;
  const grade = total === null ? null : rules.sheetGrades.find((g) => total >= g.min)?.name ?? null;
  return { categories, total, grade };
}

export interface FindingContext {
  data: ScenarioData;
  metrics: Map<string, MetricValue>;
  rules: ScoringRules;
  /** The seat answerable when a figure names none: the first receiver of the incident, else the top seat. */
  lead: string;
}

export function findingsOf(caps: CapabilityResult[], expectations: ExpectationResult[], compliance: ComplianceRow[], ctx: FindingContext): { findings: Finding[]; strengths: Strength[] } {
  const { rules } = ctx;
  const taskRule = new Map(rules.capabilities.flatMap((c) => c.tasks.map((t) => [t.id, t] as const)));
  const findings: Finding[] = [];
  const strengths: Strength[] = [];
  for (const cap of caps) {
    for (const task of cap.tasks) {
      if (task.rating === null) continue;
      const r = taskRule.get(task.id)!;
      const vz = formatValue(task.value, task.unit, 'zh');
      const ve = formatValue(task.value, task.unit, 'en');
      if (task.rating === 'P') {
        strengths.push({ capability: cap.id, task: task.id, text: { zh: `${task.name.zh}（${vz}）`, en: `${task.name.en} (${ve})` }, evidence: task.evidence });
        continue;
      }
      findings.push({
        grade: rules.findingForRating[task.rating], category: r.sheet, capability: cap.id, source: { kind: 'task', id: task.id },
        text: { zh: `${task.name.zh}：评为 ${task.rating}（${vz}；标准 ${task.standard}）`, en: `${task.name.en}: rated ${task.rating} (${ve}; standard ${task.standard})` },
        owner: ctx.metrics.get(task.metric)?.owner ?? ctx.lead, element: r.element, action: r.improve, evidence: task.evidence
      });
    }
  }
  for (const x of expectations) {
    if (x.status !== 'late' && x.status !== 'missed') continue;
    const what = x.name ?? { zh: `${x.seat} ${x.target}`, en: `${x.seat}: ${x.target}` };
    const why = x.judged ? { zh: `（导调判定：${x.judged.reason.zh}）`, en: ` (facilitator's judgement: ${x.judged.reason.en})` } : { zh: '', en: '' };
    findings.push({
      grade: rules.findingForExpectation[x.status], category: x.category, capability: null, source: { kind: 'expectation', id: x.id },
      text: {
        zh: `情景“${x.inject ?? '临时导调'}”预期 ${x.seat} 在 ${x.withinMin} 分钟内完成“${what.zh}”：${x.status === 'late' ? '超时完成' : '未完成'}${why.zh}`,
        en: `Inject "${x.inject ?? 'live'}" expected ${x.seat} to do "${what.en}" within ${x.withinMin} min: ${x.status}${why.en}`
      },
      owner: x.seat, element: 'training',
      action: { zh: `针对“${what.zh}”开展专项训练，明确责任岗位与时限。`, en: `Train "${what.en}": name the post responsible and its time limit.` },
      evidence: x.evidence
    });
  }
  for (const c of compliance) {
    if (c.status !== 'late' && c.status !== 'missing' && c.status !== 'refused') continue;
    const name = c.name ?? { zh: c.rule, en: c.rule };
    const state = { late: { zh: '超时', en: 'late' }, missing: { zh: '未执行', en: 'not done' }, refused: { zh: `无法执行（${c.reason ?? ''}）`, en: `refused (${c.reason ?? ''})` } }[c.status];
    findings.push({
      grade: rules.findingForPlanRule[c.status], category: 'planning', capability: 'planning', source: { kind: 'plan-rule', id: c.rule },
      text: { zh: `预案规定动作“${name.zh}”（${c.by}）：${state.zh}`, en: `Plan action "${name.en}" (${c.by}): ${state.en}` },
      owner: c.by, element: c.status === 'refused' ? 'planning' : 'training',
      action: c.status === 'refused'
        ? { zh: `修订预案“${name.zh}”：执行条件或权限与实际不符。`, en: `Revise the plan's "${name.en}": its conditions or authority do not hold in practice.` }
        : { zh: `落实预案“${name.zh}”的责任与时限，纳入值班值守检查。`, en: `Hold ${c.by} to the plan's "${name.en}" and its deadline; check it in duty-office routines.` },
      evidence: c.evidence
    });
  }
  const order = ['deficiency', 'must-correct', 'improve'];
  findings.sort((a, b) => order.indexOf(a.grade) - order.indexOf(b.grade));
  return { findings, strengths };
}

/** YYYY-MM-DD plus days, by calendar arithmetic on the date as written (no clock, no time zone). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d) + days * 86_400_000;
  const x = new Date(t);
  return `${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}-${String(x.getUTCDate()).padStart(2, '0')}`;
}

export function improvementPlan(findings: Finding[], startTime: string, rules: ScoringRules): ImprovementItem[] {
  const day = startTime.slice(0, 10);
  const seen = new Set<string>();
  const out: ImprovementItem[] = [];
  for (const f of findings) {
    const key = `${f.action.en}|${f.owner}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ action: f.action, capability: f.capability, element: f.element, owner: f.owner, grade: f.grade, start: addDays(day, 1), due: addDays(day, rules.dueDays[f.grade]) });
  }
  return out;
}

