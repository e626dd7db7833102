/**
 * The debrief's headline figures: each is one metric of the scorecard, read as it is, so the
 * panel, the report and the finding that rates it show the same number (docs/scoring.md,
 * "One definition per figure"). No headline figure is computed anywhere else.
 */
import type { HeadlineFigure, LocalText, MetricValue } from './types.ts';
import type { ScoringRules } from './rules.ts';

export const HEADLINE: { id: string; metric: string; name: LocalText }[] = [
  { id: 'deaths', metric: 'deaths', name: { zh: '死亡人数（期望值）', en: 'Deaths (expected)' } },
  { id: 'exposed', metric: 'exposedAegl1', name: { zh: '暴露超过AEGL-1人数', en: 'Exposed above AEGL-1' } },
  { id: 'evacuated', metric: 'evacuated', name: { zh: '疏散人数', en: 'Evacuated' } },
  { id: 'first-report', metric: 'firstReportUpDelayMin', name: { zh: '首报用时（首接报单位获知至报告送达上级）', en: 'First report (first receiver learns → report reaches the tier above)' } },
  { id: 'first-team', metric: 'firstTeamOnSceneMin', name: { zh: '首支队伍到场用时（首起事件接报起）', en: 'First team on scene (from the first incident reported)' } },
  { id: 'contained', metric: 'timeToContainMin', name: { zh: '控制险情用时（接报起，最晚一起）', en: 'Contained (from report; the slowest root incident)' } }
];

export function headlineFigures(metrics: Map<string, MetricValue>, rules: ScoringRules): HeadlineFigure[] {
  const taskOf = new Map(rules.capabilities.flatMap((c) => c.tasks.map((t) => [t.metric, t.id] as const)));
  return HEADLINE.map((h) => {
    const m = metrics.get(h.metric);
    return { id: h.id, metric: h.metric, name: h.name, value: m?.value ?? null, unit: m?.unit ?? 'count', task: taskOf.get(h.metric) ?? null, evidence: m?.evidence ?? [] };
  });
}
