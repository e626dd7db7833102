/** The after-action report as Markdown: the same sections as the HTML report, charts as tables. */
import { SCORING_RULES, formatSimTime, formatValue } from '../../engine/index.ts';
import type { Evidence } from '../../engine/index.ts';
import { LABELS, metricName, type Lang } from './labels.ts';
import { buildModel, clockOf, type ReportInput } from './model.ts';
import { OUTCOME_METRICS, PROCESS_METRICS } from './html.ts';

/** Text in Markdown: HTML in it (a trainee's free text, a scenario's names) is shown, never rendered. */
export const escapeMd = (s: unknown) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cell = (s: unknown) => escapeMd(s).replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
const line = (s: unknown) => escapeMd(s).replace(/\r?\n|\r/g, ' ');
const table = (head: string[], rows: unknown[][]) => rows.length
  ? [`| ${head.map(cell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n')
  : '—';

export function renderMarkdown(input: ReportInput, lang: Lang): string {
  const card = input.scorecard;
  const L = LABELS[lang];
  const d = input.scenario.data;
  const model = buildModel(input, lang);
  const clock = (t: number | null) => (t === null ? '—' : clockOf(d.startTime, t));
  const seatName = (id: string) => d.seats.find((s) => s.id === id)?.name[lang] ?? id;
  const ev = (list: Evidence[]) => list.slice(0, 6).map((e) => `#${e.seq} ${clock(e.t)} ${e.type}${e.note ? ` (${e.note})` : ''}`).join('; ') + (list.length > 6 ? ` … +${list.length - 6}` : '');
  const details = new Map(card.metricDetails.map((m) => [m.id, m]));
  const metricTable = (ids: string[]) => table([L.metric, L.value, L.evidence], ids.map((id) => details.get(id)).filter((m) => m && m.value !== null).map((m) => [metricName(m!.id, lang), formatValue(m!.value, m!.unit, lang), ev(m!.evidence)]));
  const st = (s: string) => L.statuses[s] ?? s;
  const grade = (g: keyof typeof SCORING_RULES.findingNames) => SCORING_RULES.findingNames[g][lang];
  const out: string[] = [];
  out.push(`# ${line(d.title[lang])} — ${L.reportTitle}`, '', `${L.reportSubtitle}. ${L.generatedFrom}`, '');
  out.push(`## 1. ${L.overview}`, '', table(['', ''], [
    [L.scenario, `${d.title[lang]} (${d.id})`], [L.hazard, L.hazards[d.hazard] ?? d.hazard], [L.region, d.region[lang]], [L.start, d.startTime],
    [L.seed, card.seed ?? '—'], [L.plan, card.plan ? `${card.plan.name[lang]} (${card.plan.id})` : L.noPlan],
    [L.duration, `${formatSimTime(card.simMinutes)}${card.ended ? ` (${L.ended})` : ` (${L.stoppedAt} ${clock(card.simMinutes)})`}`]
  ]), '', escapeMd(d.summary[lang]), '', `### ${L.participants}`, '', table([L.seat, L.commands, L.planOrders, L.refused], card.participants.map((p) => [p.name[lang], p.commands, p.planOrders, p.refused])), '');
  out.push(`## 2. ${L.summary}`, '', `**${L.sheetTotal}: ${card.sheet.total ?? '—'}** (${card.sheet.grade?.[lang] ?? '—'}) · ${(['deficiency', 'must-correct', 'improve'] as const).map((g) => `${grade(g)} ${card.findings.filter((f) => f.grade === g).length}`).join(' · ')}`, '');
  const taskRating = (id: string | null) => (id ? card.hseep.flatMap((c) => c.tasks).find((t) => t.id === id)?.rating ?? 'N/A' : '—');
  out.push(`### ${L.headline}`, '', table(['', L.value, L.ratedAs], card.headline.map((h) => [h.name[lang], formatValue(h.value, h.unit, lang), taskRating(h.task)])), '');
  out.push(`### ${L.hseep}`, '', table([L.capability, L.rating], card.hseep.map((c) => [c.name[lang], c.rating ?? 'N/A'])), '');
  out.push(`## 3. ${L.timeline}`, '', table([L.time, L.event], model.timeline.map((i) => [`${i.clock} #${i.seq}`, `[${L.lanes[i.lane]}] ${i.text}`])), '');
  out.push(`## 4. ${L.cascade}`, '', model.links.length ? table(['', '', ''], model.links.map((l) => [model.nodes.find((n) => n.id === l.source)?.label ?? l.source, l.prevented ? `— ${l.rule} (${L.prevented}) →` : `— ${l.rule} →`, model.nodes.find((n) => n.id === l.target)?.label ?? l.target])) : L.noCascade, '');
  out.push(`## 5. ${L.harmMap}`, '', table([L.district, L.harmAt, L.harmLevel, L.harmPeople, L.warnedAt, L.colour, L.lead, L.evacOrdered], card.districts.map((r) => [r.name[lang], clock(r.harmAt), r.harmLevel || '—', r.harmPeople.join(' / ') || '—', clock(r.warnedAt), r.warningColour ?? '—', r.leadMin ?? '—', r.evacuationOrderedPeople || '—'])), '');
  out.push(`## 6. ${L.metrics}`, '', `### ${L.outcome}`, '', metricTable(OUTCOME_METRICS), '', `### ${L.process}`, '', metricTable(PROCESS_METRICS), '');
  out.push(`### ${L.reports}`, '', table([L.from, L.to, L.learnedAt, L.receivedAt, L.delay, L.required, L.status], card.reports.map((r) => [seatName(r.seat), seatName(r.to), clock(r.learnedAt), clock(r.receivedAt), r.delayMin ?? '—', r.requiredWithinMin, st(r.status)])), '');
  out.push(`### ${L.resources}`, '', table([L.teamType, L.teams, L.deployedMin, L.utilisation], card.resources.byType.map((u) => [u.type, u.teams, u.deployedMin, u.utilisation === null ? '—' : `${Math.round(u.utilisation * 100)}%`])), '', `#### ${L.unmet}`, '', table([L.incident, L.capability, L.place, L.district], card.resources.unmet.map((u) => [u.incident, u.capability, u.place, u.district])), '');
  out.push(`### ${L.compliance}`, '', card.plan ? table([L.rule, L.by, L.triggeredAt, L.dueBy, L.doneAt, L.status], card.compliance.map((c) => [c.name?.[lang] ?? c.rule, seatName(c.by), clock(c.triggeredAt), clock(c.dueBy), clock(c.doneAt), st(c.status) + (c.reason ? ` (${c.reason})` : '')])) : L.noPlan, '');
  out.push(`### ${L.expectations}`, '', table([L.inject, L.seat, L.expected, L.within, L.doneAt, L.auto, L.judged], card.expectations.map((x) => [`${x.inject ?? '—'} (${x.id})`, seatName(x.seat), x.name?.[lang] ?? x.target, x.withinMin, clock(x.doneAt), st(x.auto), x.judged ? `${st(x.judged.verdict)}: ${x.judged.reason[lang]}` : '—'])), '');
  out.push(`#### ${L.gaps}`, '', card.gaps.length ? table([L.inject, L.time, L.to, L.event], card.gaps.map((g) => [g.inject ?? '—', g.at === null ? '—' : clock(g.at), g.to.map(seatName).join(', '), g.text[lang]])) : L.noGaps, '');
  out.push(`## 7. ${L.ratings}`, '');
  for (const c of card.hseep) out.push(`### ${c.rating ?? 'N/A'} · ${line(c.name[lang])}`, '', table([L.task, L.value, L.rating, L.standard, L.evidence], c.tasks.map((t) => [t.name[lang], formatValue(t.value, t.unit, lang), t.rating ?? 'N/A', t.standard, ev(t.evidence)])), '');
  out.push(`## 8. ${L.sheet}`, '', table([L.category, L.indicator, L.maxPoints, L.points, L.rating], card.sheet.categories.flatMap((c) => [
    [`**${c.name[lang]}**`, '', c.weight, c.score ?? '—', ''],
    ...c.indicators.map((i) => ['', i.name[lang], i.maxPoints, i.points === null ? 'N/A' : Math.round(i.points * 10) / 10, i.rating ?? 'N/A'])
  ]).concat([[`**${L.sheetTotal}**`, '', 100, card.sheet.total ?? '—', card.sheet.grade?.[lang] ?? '']])), '');
  out.push(`### ${L.findings}`, '', card.findings.length ? table([L.findingGrade, L.category, L.event, L.owner, L.evidence], card.findings.map((f) => [grade(f.grade), card.sheet.categories.find((c) => c.id === f.category)?.name[lang] ?? f.category, f.text[lang], seatName(f.owner), ev(f.evidence)])) : L.noFindings, '');
  out.push(`## 9. ${L.strengths}`, '', card.strengths.length ? card.strengths.map((s) => `- ${line(s.text[lang])}`).join('\n') : L.noStrengths, '');
  out.push(`## 10. ${L.improvementAreas}`, '', card.findings.length ? card.findings.map((f) => `- **${grade(f.grade)}** ${line(f.text[lang])}`).join('\n') : L.noFindings, '');
  out.push(`## 11. ${L.improvementPlan}`, '', table([L.action, L.element, L.capability, L.owner, L.startDate, L.dueDate], card.improvementPlan.map((i) => [i.action[lang], L.elements[i.element], i.capability ? card.hseep.find((c) => c.id === i.capability)?.name[lang] ?? i.capability : '—', seatName(i.owner), i.start, i.due])), '');
  const districtName = new Map(input.scenario.world.districts.map((x) => [x.id, lang === 'zh' ? x.nameZh : x.nameEn]));
  const toName = (id: string) => districtName.get(id) ?? seatName(id);
  out.push(`## 12. ${L.seatTexts}`, '', L.seatTextsNote, '', card.seatTexts.length
    ? table([L.time, L.seat, L.to, L.incident, L.kind, L.text, L.via], card.seatTexts.map((x) => [`${clock(x.t)} #${x.seq}`, seatName(x.seat), x.to.map(toName).join(lang === 'zh' ? '、' : ', '), x.incidentName?.[lang] ?? x.incident ?? '—', L.kinds[x.kind], x.text[lang], L.vias[x.via]]))
    : L.noSeatTexts, '');
  return out.join('\n');
}
