/**
 * The after-action report as one CSV table (RFC 4180, UTF-8 with BOM so spreadsheet programs
 * read the Chinese): one row per metric, task rating, sheet indicator, finding, improvement
 * item, expectation and plan rule, each with its evidence as "#seq@t" references.
 */
import { SCORING_RULES } from '../../engine/index.ts';
import type { Evidence } from '../../engine/index.ts';
import { LABELS, metricName, type Lang } from './labels.ts';
import type { ReportInput } from './model.ts';

const HEAD = ['section', 'id', 'name', 'value', 'unit', 'rating', 'status', 'owner', 'due', 'evidence'];

/**
 * A cell a spreadsheet program would take for a formula (it begins with "=", "+", "-", "@", a tab
 * or a carriage return) gets a leading "'" (OWASP, CSV injection), so that it is shown as text.
 * A plain number ("-3", "+2.5") is left as it is: it cannot be a formula.
 */
export function neutraliseCell(s: string): string {
  if (!/^[=+\-@\t\r]/.test(s)) return s;
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s)) return s;
  return `'${s}`;
}

/** One CSV field (RFC 4180 quoting), neutralised against formula injection. */
export function csvField(v: unknown): string {
  const s = neutraliseCell(v === null || v === undefined ? '' : String(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const field = csvField;
const refs = (list: Evidence[]) => list.map((e) => `#${e.seq}@${e.t}`).join(' ');

export function renderCsv(input: ReportInput, lang: Lang): string {
  const card = input.scorecard;
  const L = LABELS[lang];
  const rows: unknown[][] = [HEAD];
  for (const m of card.metricDetails) rows.push(['metric', m.id, metricName(m.id, lang), m.value, m.unit, '', '', m.owner ?? '', '', refs(m.evidence)]);
  for (const c of card.hseep) {
    rows.push(['capability', c.id, c.name[lang], '', '', c.rating ?? 'N/A', '', '', '', '']);
    for (const t of c.tasks) rows.push(['task', `${c.id}/${t.id}`, t.name[lang], t.value, t.unit, t.rating ?? 'N/A', t.standard, '', '', refs(t.evidence)]);
  }
  for (const c of card.sheet.categories) {
    rows.push(['sheet', c.id, c.name[lang], c.score, `of ${c.weight}`, '', '', '', '', '']);
    for (const i of c.indicators) rows.push(['indicator', `${c.id}/${i.id}`, i.name[lang], i.points, `of ${i.maxPoints}`, i.rating ?? 'N/A', '', '', '', refs(i.evidence)]);
  }
  rows.push(['sheet', 'total', L.sheetTotal, card.sheet.total, 'of 100', '', card.sheet.grade?.[lang] ?? '', '', '', '']);
  for (const x of card.expectations) rows.push(['expectation', x.id, x.name?.[lang] ?? x.target, x.doneAt, 'min', '', x.status, x.seat, x.dueBy, refs(x.evidence)]);
  for (const g of card.gaps) rows.push(['gap', g.inject ?? '', g.text[lang], g.at, 'min', '', g.delivered ? 'delivered' : 'not delivered', g.to.join(' '), '', '']);
  for (const c of card.compliance) rows.push(['plan-rule', c.rule, c.name?.[lang] ?? c.rule, c.doneAt, 'min', '', c.status, c.by, c.dueBy, refs(c.evidence)]);
  for (const f of card.findings) rows.push(['finding', f.source.id, f.text[lang], '', '', SCORING_RULES.findingNames[f.grade][lang], f.category, f.owner, '', refs(f.evidence)]);
  for (const i of card.improvementPlan) rows.push(['improvement', i.capability ?? '', i.action[lang], '', '', SCORING_RULES.findingNames[i.grade][lang], L.elements[i.element], i.owner, i.due, '']);
  return '\uFEFF' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
