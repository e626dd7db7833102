/**
 * A debrief that agrees with itself: every headline figure is the value its finding rates, the
 * first report has one definition (the reporting table's first-receiver row), a plan rule or a
 * task rated "not done" has no evidence of being done, and the seats' own texts are carried
 * (escaped) into the report.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHeadless, scoreRun, parsePlanText, formatValue, type Scenario, type LoggedCommand, type Scorecard, type DomainEvent } from '../../engine/index.ts';
import { HEADLINE, firstReport } from '../../engine/score/index.ts';
import { renderReport } from '../../src/report/index.ts';
import { bundled, SCENARIOS } from '../helpers/scenario.ts';

const LEVELS = ['none', 'IV', 'III', 'II', 'I'];
const planFile = (name: string) => parsePlanText(readFileSync(join(SCENARIOS, 'plans', `${name}.yaml`), 'utf8'), `${name}.yaml`);

function scored(scenario: Scenario, opts: Parameters<typeof runHeadless>[1], standard?: Parameters<typeof scoreRun>[0]['plan']) {
  const ex = runHeadless(scenario, opts);
  const card = scoreRun({ scenario, plan: standard === undefined ? ex.plan : standard, events: ex.events, commands: ex.commands });
  return { ex, card };
}

/** Every check of agreement, on one scorecard. */
function agrees(card: Scorecard, events: DomainEvent[], tag: string) {
  const tasks = card.hseep.flatMap((c) => c.tasks);
  expect(card.headline.map((h) => h.metric), tag).toEqual(HEADLINE.map((h) => h.metric));
  for (const h of card.headline) {
    expect(h.value, `${tag} ${h.id}`).toBe(card.metrics[h.metric]);
    const task = tasks.find((t) => t.id === h.task);
    if (!task) continue;
    // The headline figure is the value the task rates, and the finding (if any) quotes the same value.
    expect(task.value, `${tag} ${h.id}`).toBe(h.value);
    for (const f of card.findings.filter((x) => x.source.kind === 'task' && x.source.id === task.id)) {
      expect(f.text.en, `${tag} ${h.id}`).toContain(`(${formatValue(h.value, h.unit, 'en')};`);
      expect(f.text.zh, `${tag} ${h.id}`).toContain(`（${formatValue(h.value, h.unit, 'zh')}；`);
    }
  }
  // The first report: the figure, its evidence and the reporting table's row are one thing.
  const row = firstReport(card.reports);
  expect(card.metrics.firstReportUpDelayMin, tag).toBe(row?.delayMin ?? null);
  expect(card.metrics.firstReportUpAt, tag).toBe(row?.receivedAt ?? null);
  const rated = tasks.find((t) => t.id === 'first-report');
  if (rated && row) expect(rated.evidence, tag).toEqual(row.evidence);
  // A plan rule rated "not done" has no evidence of being done.
  for (const c of card.compliance.filter((x) => x.status === 'missing')) {
    expect(c.evidence.some((e) => e.type === 'command.accepted' || e.type === 'response.level'), `${tag} ${c.rule}`).toBe(false);
    expect(events.some((e) => e.type === 'command.accepted' && e.data.rule === c.rule), `${tag} ${c.rule}`).toBe(false);
  }
  // A response level rated "never reached": every declaration in its evidence is marked short of the grade.
  const level = tasks.find((t) => t.id === 'correct-level');
  if (level && level.value === null) {
    for (const e of level.evidence.filter((x) => x.type === 'response.level')) expect(e.note, tag).toMatch(/short of the grade/);
  }
}

describe('the debrief agrees with itself', () => {
  it('bundled scenarios, their plans and weak plans, a few seeds: each headline figure is what its finding rates', () => {
    for (const id of ['chemical-leak', 'typhoon', 'earthquake']) {
      const sc = bundled(id);
      for (const plan of [undefined, planFile(`${id}-weak`)]) {
        for (const seed of [2, 7]) {
          const { ex, card } = scored(sc, { seed, ...(plan ? { plan } : {}) });
          agrees(card, ex.events, `${id} ${plan?.id ?? 'plan'} seed ${seed}`);
        }
      }
    }
  }, 60_000);

  // Trainees by hand, scored against the scenario's plan (as the live debrief scores them).
  const sc = bundled('chemical-leak');
  const nasty = '<script>alert(1)</script> | 氨味 **很重**\n请求支援';
  const commands: LoggedCommand[] = [
    { t: 40, seat: 'district-tiexi', cmd: { type: 'set-response-level', level: 'II' } },
    { t: 45, seat: 'hq-safety', cmd: { type: 'report-up', text: { zh: '专项指挥部待命', en: 'Special HQ standing by' } } },
    { t: 50, seat: 'district-tiexi', cmd: { type: 'issue-warning', districts: ['210106'], colour: 'orange', message: { zh: nasty, en: nasty } } },
    { t: 90, seat: 'district-tiexi', cmd: { type: 'report-up', incident: 'leak', text: { zh: nasty, en: nasty } } }
  ];
  const { ex, card } = scored(sc, { seed: 7, plan: null, commands }, sc.data.plan ?? null);

  it('by hand: the first report is the first receiver\'s, not the first report anyone sent', () => {
    agrees(card, ex.events, 'by hand');
    const row = firstReport(card.reports)!;
    expect(row.seat).toBe('district-tiexi');
    expect(row.to).toBe('hq-safety');
    // The special HQ's own report (about nothing it had been told of) arrived first; it is not the first report.
    const firstArrived = ex.events.find((e) => e.type === 'report.received')!;
    expect(firstArrived.data.from).toBe('hq-safety');
    expect(card.metrics.firstReportUpDelayMin).toBe(row.delayMin);
    expect(row.delayMin).toBeGreaterThan(56);
  });

  it('by hand: a level II declared where the plan asks for III is done, not "not done"', () => {
    const rule = card.compliance.find((c) => c.rule === 'district-level')!;
    expect(rule.status).toBe('done');
    expect(rule.evidence.some((e) => e.type === 'response.level' && /declares level II/.test(e.note ?? ''))).toBe(true);
    expect(card.findings.some((f) => f.source.kind === 'plan-rule' && f.source.id === 'district-level')).toBe(false);
    const declared = ex.events.filter((e) => e.type === 'response.level' && e.data.seat === 'district-tiexi');
    expect(LEVELS.indexOf(String(declared[0].data.to))).toBeGreaterThanOrEqual(LEVELS.indexOf('III'));
  });

  it('carries the seats\' own texts with time, seat and incident, escaped, in html, md and json (zh and en)', () => {
    const texts = card.seatTexts.filter((x) => x.via === 'seat');
    // In the order they arrived: the warning at once, each report after the seat's report delay.
    expect(texts.map((x) => [x.kind, x.seat])).toEqual([['warning', 'district-tiexi'], ['report', 'hq-safety'], ['report', 'district-tiexi']]);
    expect(texts.map((x) => x.t)).toEqual([...texts.map((x) => x.t)].sort((a, b) => a - b));
    const report = texts[2];
    expect(report.text.zh).toBe(nasty);
    expect(report.incident).toBe('leak');
    expect(report.incidentName?.zh).toBeTruthy();
    expect(report.to).toEqual(['hq-safety']);
    const input = { scorecard: card, events: ex.events, scenario: sc };
    for (const lang of ['zh', 'en'] as const) {
      const md = renderReport(input, 'md', lang);
      const section = md.slice(md.indexOf('## 12. '));
      expect(section).toContain(lang === 'zh' ? '参演人员报告原文' : "Trainees' own reports");
      expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| 氨味 **很重** 请求支援');
      expect(section).not.toContain('<script>');
      expect(section).toContain(report.incidentName![lang]);
      expect(section).toContain(lang === 'zh' ? '铁西区应急指挥部' : sc.data.seats.find((s) => s.id === 'district-tiexi')!.name.en);
      const html = renderReport(input, 'html', lang);
      const part = html.slice(html.indexOf('<section class="seat-texts">'), html.indexOf('</section>', html.indexOf('<section class="seat-texts">')));
      expect(part).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(part).not.toContain('<script>');
      const json = JSON.parse(renderReport(input, 'json', lang));
      expect(json.seatTexts.find((x: { seq: number }) => x.seq === report.seq).text.en).toBe(nasty);
      // The headline in both reports is the rated value.
      const first = card.headline.find((h) => h.id === 'first-report')!;
      expect(md).toContain(`| ${first.name[lang]} | ${formatValue(first.value, first.unit, lang)} |`);
      expect(html).toContain(`<tr data-headline="first-report"><td>${first.name[lang]}</td><td class="num">${formatValue(first.value, first.unit, lang)}</td>`);
    }
  });
});
