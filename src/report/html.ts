/**
 * The after-action report as one self-contained HTML page: tables rendered here, charts drawn in
 * the page by d3 (inlined) from the embedded data, and print CSS so a browser's "Save as PDF"
 * gives clean A4 pages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { SCORING_RULES, formatSimTime, type Scorecard, formatValue } from '../../engine/index.ts';
import type { Evidence, MetricValue, Rating } from '../../engine/index.ts';
import { LABELS, metricName, type Lang } from './labels.ts';
import { buildModel, clockOf, type ReportInput } from './model.ts';
import { CHARTS_JS } from './charts.js.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

let d3Source: string | null = null;
function d3Js(): string {
  if (d3Source === null) {
    // d3's "exports" hide dist/: find the package from its main entry (…/node_modules/d3/src/index.js).
    const entry = createRequire(import.meta.url).resolve('d3');
    d3Source = readFileSync(join(entry.slice(0, entry.lastIndexOf(`${sep}d3${sep}`) + 4), 'dist', 'd3.min.js'), 'utf8');
  }
  return d3Source;
}

export const OUTCOME_METRICS = ['deaths', 'injured', 'trapped', 'rescued', 'diedTrapped', 'economicLossCny', 'exposedAegl1', 'exposedAegl2', 'exposedAegl3', 'evacuated', 'evacuatedBeforeHazard', 'protectedBeforeHazardShare', 'rescuedShare', 'secondaryTriggered', 'secondaryPrevented', 'pollutantKg'];
export const PROCESS_METRICS = ['firstReportUpAt', 'firstReportUpDelayMin', 'reportsRequired', 'reportsLate', 'reportsMissing', 'warningDelayMin', 'warningLeadMin', 'districtsReached', 'districtsReachedUnwarned', 'timeToCorrectLevelMin', 'inversionMin', 'firstTeamOnSceneMin', 'timeToFieldPostMin', 'timeToMedicalMin', 'timeToContainMin', 'incidentsWithoutTeam', 'unmetDemand', 'planCompliance', 'planLate', 'planMissing', 'expectationsMetShare', 'evaluationGaps'];

export function ratingBadge(r: Rating | null): string {
  return r === null ? '<span class="badge na">N/A</span>' : `<span class="badge r${r}">${r}</span>`;
}

export function renderHtml(input: ReportInput, lang: Lang): string {
  const card = input.scorecard;
  const L = LABELS[lang];
  const model = buildModel(input, lang);
  const d = input.scenario.data;
  const clock = (t: number | null) => (t === null ? '—' : clockOf(d.startTime, t));
  const seatName = (id: string) => d.seats.find((s) => s.id === id)?.name[lang] ?? id;
  const details = new Map(card.metricDetails.map((m) => [m.id, m]));
  const ev = (list: Evidence[]) => list.length
    ? `<ul class="evidence">${list.slice(0, 8).map((e) => `<li><code>#${e.seq}</code> ${esc(clock(e.t))} <code>${esc(e.type)}</code>${e.note ? ` — ${esc(e.note)}` : ''}</li>`).join('')}${list.length > 8 ? `<li>… +${list.length - 8}</li>` : ''}</ul>`
    : '<span class="muted">—</span>';
  const metricRows = (ids: string[]) => ids.map((id) => details.get(id)).filter((m): m is MetricValue => !!m && (m.value !== null || ['deaths', 'evacuated', 'firstReportUpDelayMin', 'warningDelayMin', 'firstTeamOnSceneMin', 'timeToContainMin', 'timeToCorrectLevelMin'].includes(m.id)))
    .map((m) => `<tr><td>${esc(metricName(m.id, lang))}</td><td class="num">${esc(formatValue(m.value, m.unit, lang))}</td><td>${ev(m.evidence)}</td></tr>`).join('');
  const table = (head: string[], rows: string[]) => rows.length ? `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>` : `<p class="muted">${esc(L.none)}</p>`;
  const status = (s: string) => `<span class="st st-${esc(s)}">${esc(L.statuses[s] ?? s)}</span>`;
  const gradeName = (g: keyof typeof SCORING_RULES.findingNames) => SCORING_RULES.findingNames[g][lang];

  const taskRule = new Map(SCORING_RULES.capabilities.flatMap((c) => c.tasks.map((t) => [t.id, t] as const)));
  // Times from a report to an action: the bar, its P threshold as a dashed mark, coloured by rating.
  const timeBars = card.hseep.flatMap((c) => c.tasks).filter((t) => t.unit === 'min' && t.metric !== 'inversionMin' && taskRule.get(t.id)?.thresholds.better === 'lower' && t.rating !== null)
    .map((t) => ({ label: metricName(t.metric, lang), value: t.value, mark: taskRule.get(t.id)!.thresholds.P, rating: t.rating }));
  const startMatch = /T(\d{2}):(\d{2})/.exec(d.startTime);
  const payload = {
    lang, startMinutes: startMatch ? Number(startMatch[1]) * 60 + Number(startMatch[2]) : 0, model, timeBars,
    scorecard: { sheet: card.sheet },
    labels: {
      timeline: L.timeline, lanes: L.lanes, cascade: L.cascade, prevented: L.prevented, harmMap: L.harmMap, never: L.never,
      legendNone: lang === 'zh' ? '未受影响' : 'not reached', legendWarned: lang === 'zh' ? '边框：已发布预警' : 'Outline: warned',
      legendWarnedLine: lang === 'zh' ? '预警（颜色）' : 'warning (colour)', legendIncident: lang === 'zh' ? '事件地点' : 'incident'
    }
  };
  const json = JSON.stringify(payload).replace(/</g, '\\u003c');

  const title = `${d.title[lang]} — ${L.reportTitle}`;
  const participants = card.participants.map((p) => `<tr><td>${esc(p.name[lang])}</td><td class="num">${p.commands}</td><td class="num">${p.planOrders}</td><td class="num">${p.refused}</td></tr>`);
  const caps = card.hseep.map((c) => `<div class="cap">${ratingBadge(c.rating)} ${esc(c.name[lang])}</div>`).join('');

  const capSections = card.hseep.map((c) => `
    <div class="capability"><h3>${ratingBadge(c.rating)} ${esc(c.name[lang])}</h3>
    ${table([L.task, L.value, L.rating, L.standard, L.evidence], c.tasks.map((t) => `<tr><td>${esc(t.name[lang])}</td><td class="num">${esc(formatValue(t.value, t.unit, lang))}</td><td>${ratingBadge(t.rating)}</td><td class="small">${esc(t.standard)}</td><td>${ev(t.evidence)}</td></tr>`))}</div>`).join('');

  const sheet = card.sheet.categories.map((c) => `<tr class="cat"><td colspan="2"><b>${esc(c.name[lang])}</b></td><td class="num">${c.weight}</td><td class="num"><b>${c.score === null ? '—' : c.score}</b></td><td></td></tr>` +
    c.indicators.map((i) => `<tr><td></td><td>${esc(i.name[lang])}</td><td class="num">${i.maxPoints}</td><td class="num">${i.points === null ? 'N/A' : Math.round(i.points * 10) / 10}</td><td>${ratingBadge(i.rating)}</td></tr>`).join('')).join('');

  const findings = card.findings.map((f) => `<tr><td><span class="fg fg-${f.grade}">${esc(gradeName(f.grade))}</span></td><td>${esc(card.sheet.categories.find((c) => c.id === f.category)?.name[lang] ?? f.category)}</td><td>${esc(f.text[lang])}</td><td>${esc(seatName(f.owner))}</td><td>${ev(f.evidence)}</td></tr>`);
  const districtName = new Map(input.scenario.world.districts.map((x) => [x.id, lang === 'zh' ? x.nameZh : x.nameEn]));
  const toName = (id: string) => districtName.get(id) ?? seatName(id);
  const plan = card.improvementPlan.map((i) => `<tr><td>${esc(i.action[lang])}</td><td>${esc(L.elements[i.element])}</td><td>${esc(i.capability ? card.hseep.find((c) => c.id === i.capability)?.name[lang] ?? i.capability : '—')}</td><td>${esc(seatName(i.owner))}</td><td>${esc(i.start)}</td><td>${esc(i.due)}</td></tr>`);

  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style></head>
<body><main>
<header><h1>${esc(d.title[lang])}</h1><p class="sub">${esc(L.reportTitle)} · ${esc(L.reportSubtitle)}</p><p class="muted small">${esc(L.generatedFrom)}</p></header>

<section><h2>1. ${esc(L.overview)}</h2>
<table class="kv"><tbody>
<tr><th>${esc(L.scenario)}</th><td>${esc(d.title[lang])} <code>${esc(d.id)}</code></td></tr>
<tr><th>${esc(L.hazard)}</th><td>${esc(L.hazards[d.hazard] ?? d.hazard)}</td></tr>
<tr><th>${esc(L.region)}</th><td>${esc(d.region[lang])}</td></tr>
<tr><th>${esc(L.start)}</th><td>${esc(d.startTime)}</td></tr>
<tr><th>${esc(L.seed)}</th><td>${esc(card.seed ?? '—')}</td></tr>
<tr><th>${esc(L.plan)}</th><td>${card.plan ? `${esc(card.plan.name[lang])} <code>${esc(card.plan.id)}</code>` : esc(L.noPlan)}</td></tr>
<tr><th>${esc(L.duration)}</th><td>${esc(formatSimTime(card.simMinutes))} ${card.ended ? `(${esc(L.ended)})` : `(${esc(L.stoppedAt)} ${esc(clock(card.simMinutes))})`}</td></tr>
</tbody></table>
<p>${esc(d.summary[lang])}</p>
<h3>${esc(L.participants)}</h3>
${table([L.seat, L.commands, L.planOrders, L.refused], participants)}
</section>

<section><h2>2. ${esc(L.summary)}</h2>
<div class="score"><div class="big">${card.sheet.total === null ? '—' : card.sheet.total}</div><div>${esc(L.sheetTotal)}<br><b>${esc(card.sheet.grade?.[lang] ?? '—')}</b></div>
<div class="counts">${(['deficiency', 'must-correct', 'improve'] as const).map((g) => `<span class="fg fg-${g}">${esc(gradeName(g))} ${card.findings.filter((f) => f.grade === g).length}</span>`).join(' ')}</div></div>
<h3>${esc(L.headline)}</h3>${table(['', L.value, L.ratedAs], card.headline.map((h) => `<tr data-headline="${esc(h.id)}"><td>${esc(h.name[lang])}</td><td class="num">${esc(formatValue(h.value, h.unit, lang))}</td><td>${h.task ? ratingBadge(card.hseep.flatMap((c) => c.tasks).find((t) => t.id === h.task)?.rating ?? null) : '—'}</td></tr>`))}
<h3>${esc(L.hseep)}</h3><div class="caps">${caps}</div>
<figure><figcaption>${esc(L.sheetBars)}</figcaption><div id="chart-sheet" class="chart"></div></figure>
<figure><figcaption>${esc(L.timeBars)}</figcaption><div id="chart-times" class="chart"></div></figure>
</section>

<section><h2>3. ${esc(L.timeline)}</h2>
<figure><div id="chart-timeline" class="chart"></div></figure>
${table([L.time, L.event], model.timeline.map((i) => `<tr><td class="nowrap">${esc(i.clock)} <code class="small">#${i.seq}</code></td><td><span class="lane lane-${esc(i.lane)}">${esc(L.lanes[i.lane])}</span> ${esc(i.text)}</td></tr>`))}
</section>

<section><h2>4. ${esc(L.cascade)}</h2>
<figure><div id="chart-cascade" class="chart"></div></figure>
${model.links.length ? '' : `<p class="muted">${esc(L.noCascade)}</p>`}
</section>

<section><h2>5. ${esc(L.harmMap)}</h2>
<figure><div id="chart-map" class="chart"></div></figure>
${table([L.district, L.harmAt, L.harmLevel, L.harmPeople, L.warnedAt, L.colour, L.lead, L.evacOrdered], card.districts.map((r) => `<tr><td>${esc(r.name[lang])}</td><td>${esc(clock(r.harmAt))}</td><td class="num">${r.harmLevel || '—'}</td><td class="num">${esc(r.harmPeople.join(' / ') || '—')}</td><td>${esc(clock(r.warnedAt))}</td><td>${esc(r.warningColour ?? '—')}</td><td class="num">${r.leadMin === null ? '—' : r.leadMin}</td><td class="num">${r.evacuationOrderedPeople || '—'}</td></tr>`))}
</section>

<section><h2>6. ${esc(L.metrics)}</h2>
<h3>${esc(L.outcome)}</h3>${table([L.metric, L.value, L.evidence], [metricRows(OUTCOME_METRICS)])}
<h3>${esc(L.process)}</h3>${table([L.metric, L.value, L.evidence], [metricRows(PROCESS_METRICS)])}
<h3>${esc(L.reports)}</h3>${table([L.from, L.to, L.learnedAt, L.receivedAt, L.delay, L.required, L.status], card.reports.map((r) => `<tr><td>${esc(seatName(r.seat))}</td><td>${esc(seatName(r.to))}</td><td>${esc(clock(r.learnedAt))}</td><td>${esc(clock(r.receivedAt))}</td><td class="num">${r.delayMin ?? '—'}</td><td class="num">${r.requiredWithinMin}</td><td>${status(r.status)}</td></tr>`))}
<h3>${esc(L.resources)}</h3>${table([L.teamType, L.teams, L.deployedMin, L.utilisation], card.resources.byType.map((u) => `<tr><td>${esc(u.type)}</td><td class="num">${u.teams}</td><td class="num">${u.deployedMin}</td><td class="num">${u.utilisation === null ? '—' : `${Math.round(u.utilisation * 100)}%`}</td></tr>`))}
<h4>${esc(L.unmet)}</h4>${table([L.incident, L.capability, L.place, L.district], card.resources.unmet.map((u) => `<tr><td>${esc(u.incident)}</td><td>${esc(u.capability)}</td><td>${esc(u.place)}</td><td>${esc(u.district)}</td></tr>`))}
${card.resources.requests.length ? `<h4>${esc(L.requests)}</h4>${table([L.time, L.from, L.to, L.value], card.resources.requests.map((r) => `<tr><td>${esc(clock(r.t))}</td><td>${esc(seatName(r.from))}</td><td>${esc(seatName(r.to))}</td><td>${r.quantity} × ${esc(r.resource)}</td></tr>`))}` : ''}
<h3>${esc(L.compliance)}</h3>${card.plan ? table([L.rule, L.by, L.triggeredAt, L.dueBy, L.doneAt, L.status], card.compliance.map((c) => `<tr><td>${esc(c.name?.[lang] ?? c.rule)} <code class="small">${esc(c.action)}</code></td><td>${esc(seatName(c.by))}</td><td>${esc(clock(c.triggeredAt))}</td><td>${esc(clock(c.dueBy))}</td><td>${esc(clock(c.doneAt))}</td><td>${status(c.status)}${c.reason ? ` <span class="small">${esc(c.reason)}</span>` : ''}</td></tr>`)) : `<p class="muted">${esc(L.noPlan)}</p>`}
<h3>${esc(L.expectations)}</h3>${table([L.inject, L.seat, L.expected, L.within, L.doneAt, L.auto, L.judged], card.expectations.map((x) => `<tr><td>${esc(x.inject ?? '—')} <code class="small">${esc(x.id)}</code></td><td>${esc(seatName(x.seat))}</td><td>${esc(x.name?.[lang] ?? x.target)}</td><td class="num">${x.withinMin}</td><td>${esc(clock(x.doneAt))}</td><td>${status(x.auto)}</td><td>${x.judged ? `${status(x.judged.verdict)} ${esc(x.judged.reason[lang])}` : '—'}</td></tr>`))}
<h4>${esc(L.gaps)}</h4>${card.gaps.length ? table([L.inject, L.time, L.to, L.event], card.gaps.map((g) => `<tr><td>${esc(g.inject ?? '—')}</td><td>${esc(g.at === null ? '—' : clock(g.at))}</td><td>${esc(g.to.map(seatName).join(', '))}</td><td>${esc(g.text[lang])}</td></tr>`)) : `<p class="muted">${esc(L.noGaps)}</p>`}
</section>

<section><h2>7. ${esc(L.ratings)}</h2>${capSections}</section>

<section><h2>8. ${esc(L.sheet)}</h2>
<table><thead><tr><th>${esc(L.category)}</th><th>${esc(L.indicator)}</th><th>${esc(L.maxPoints)}</th><th>${esc(L.points)}</th><th>${esc(L.rating)}</th></tr></thead><tbody>${sheet}
<tr class="cat"><td colspan="3"><b>${esc(L.sheetTotal)}</b></td><td class="num"><b>${card.sheet.total ?? '—'}</b></td><td><b>${esc(card.sheet.grade?.[lang] ?? '')}</b></td></tr></tbody></table>
<h3>${esc(L.findings)}</h3>${card.findings.length ? table([L.findingGrade, L.category, L.event, L.owner, L.evidence], findings) : `<p class="muted">${esc(L.noFindings)}</p>`}
</section>

<section><h2>9. ${esc(L.strengths)}</h2>
${card.strengths.length ? `<ul>${card.strengths.map((s) => `<li>${esc(s.text[lang])} <span class="small muted">${s.evidence.slice(0, 3).map((e) => `#${e.seq}`).join(' ')}</span></li>`).join('')}</ul>` : `<p class="muted">${esc(L.noStrengths)}</p>`}
<h2>10. ${esc(L.improvementAreas)}</h2>
${card.findings.length ? `<ul>${card.findings.map((f) => `<li><span class="fg fg-${f.grade}">${esc(gradeName(f.grade))}</span> ${esc(f.text[lang])}</li>`).join('')}</ul>` : `<p class="muted">${esc(L.noFindings)}</p>`}
</section>

<section><h2>11. ${esc(L.improvementPlan)}</h2>
${table([L.action, L.element, L.capability, L.owner, L.startDate, L.dueDate], plan)}
</section>

<section class="seat-texts"><h2>12. ${esc(L.seatTexts)}</h2>
<p class="muted small">${esc(L.seatTextsNote)}</p>
${card.seatTexts.length ? table([L.time, L.seat, L.to, L.incident, L.kind, L.text, L.via], card.seatTexts.map((x) => `<tr><td class="nowrap">${esc(clock(x.t))} <code class="small">#${x.seq}</code></td><td>${esc(seatName(x.seat))}</td><td>${esc(x.to.map(toName).join(lang === 'zh' ? '、' : ', '))}</td><td>${esc(x.incidentName?.[lang] ?? x.incident ?? '—')}</td><td>${esc(L.kinds[x.kind])}</td><td class="seat-text">${esc(x.text[lang])}</td><td>${esc(L.vias[x.via])}</td></tr>`)) : `<p class="muted">${esc(L.noSeatTexts)}</p>`}
</section>
</main>
<script id="report-data" type="application/json">${json}</script>
<script>${d3Js().replace(/<\/script/gi, '<\\/script')}</script>
<script>${CHARTS_JS}</script>
</body></html>
`;
}

const CSS = `
:root { --ink:#111827; --muted:#6b7280; --line:#e5e7eb; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif; color:var(--ink); background:#f9fafb; font-size:14px; line-height:1.5; }
main { max-width: 960px; margin: 0 auto; padding: 24px 28px 48px; background:#fff; }
header h1 { margin:0 0 4px; font-size:26px; }
.sub { margin:0; font-size:16px; color:#374151; }
h2 { font-size:19px; border-bottom:2px solid var(--ink); padding-bottom:4px; margin:32px 0 12px; }
h3 { font-size:16px; margin:20px 0 8px; }
h4 { font-size:14px; margin:14px 0 6px; }
table { border-collapse: collapse; width:100%; margin: 6px 0 12px; font-size:13px; }
th, td { border-bottom:1px solid var(--line); padding:5px 6px; text-align:left; vertical-align:top; }
th { background:#f3f4f6; font-weight:600; }
table.kv th { width: 140px; }
td.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
.nowrap { white-space:nowrap; }
td.seat-text { white-space:pre-wrap; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color:#374151; }
.small { font-size: 11px; }
.muted { color: var(--muted); }
ul.evidence { margin:0; padding-left: 14px; font-size: 11px; color:#374151; }
.badge { display:inline-block; min-width: 26px; text-align:center; border-radius: 4px; padding: 0 6px; font-weight:700; color:#fff; }
.rP { background:#16a34a; } .rS { background:#65a30d; } .rM { background:#d97706; } .rU { background:#dc2626; } .na { background:#9ca3af; }
.caps { display:grid; grid-template-columns: repeat(2, 1fr); gap: 4px 16px; }
.score { display:flex; gap: 24px; align-items:center; }
.score .big { font-size: 44px; font-weight: 800; }
.fg { display:inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; white-space:nowrap; }
.fg-deficiency { background:#fee2e2; color:#991b1b; } .fg-must-correct { background:#ffedd5; color:#9a3412; } .fg-improve { background:#e0f2fe; color:#075985; }
.st { font-size: 12px; white-space:nowrap; } .st-late, .st-open { color:#b45309; } .st-missing, .st-missed, .st-refused { color:#b91c1c; font-weight:600; } .st-done, .st-met, .st-on-time { color:#15803d; }
.lane { display:inline-block; font-size:11px; padding:0 5px; border-radius:3px; background:#f3f4f6; }
.lane-hazard { color:#c2410c; } .lane-command { color:#1d4ed8; } .lane-reporting { color:#7c3aed; } .lane-warning { color:#b45309; } .lane-teams { color:#047857; } .lane-injects { color:#475569; }
figure { margin: 8px 0 16px; } figcaption { font-weight:600; font-size:13px; margin-bottom: 4px; }
.chart svg { width:100%; height:auto; display:block; }
.chart text { font-family: inherit; fill: var(--ink); }
.chart text.small { font-size: 11px; } .chart text.maplabel { paint-order: stroke; stroke: #fff; stroke-width: 3px; } .chart text.lane { font-size: 12px; } .chart text.node { font-size: 13px; font-weight: 600; }
tr.cat td { background:#f9fafb; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background:#fff; font-size: 11px; }
  main { max-width:none; padding:0; }
  h2 { break-after: avoid; }
  section { break-inside: auto; }
  figure, tr, .capability h3 { break-inside: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
