/**
 * The after-action report of a live exercise: the engine's scorecard (scoreRun) of the events so
 * far, judged against the scenario's plan (the standard the trainees are held to, whether or not
 * an autopilot played it), with the evaluators' observations.
 */
import { scoreRun, summarize, formatSimTime } from '../../../../engine/index.ts';
import { renderReport as render } from '../../../report/index.ts';
import { escapeMd } from '../../../report/markdown.ts';
import type { LiveExercise } from './liveExercise.ts';
import type { LiveStore } from './store.ts';

export type ReportFormat = 'html' | 'md' | 'json' | 'csv';

export function scorecardOf(live: LiveExercise) {
  return scoreRun({ scenario: live.scenario, plan: live.scenario.data.plan ?? null, events: live.ex.events, commands: live.ex.commands });
}

const TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8'
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderReport(live: LiveExercise, store: LiveStore, format: ReportFormat, lang: 'zh' | 'en'): { body: string; type: string } {
  const observations = store.observations(live.id).map((o) => ({ id: o.id, t: o.t, text: o.text, createdAt: o.created_at }));
  const scorecard = scorecardOf(live);
  if (format === 'json') {
    const body = { exercise: { id: live.id, name: live.row.name, ...live.clockInfo() }, lang, scorecard, summary: summarize(live.ex), observations };
    return { body: JSON.stringify(body), type: TYPES.json };
  }
  let body = render({ scorecard, events: live.ex.events, scenario: live.scenario }, format, lang);
  // The evaluators' observations belong in the debrief: added after the scored report.
  if (observations.length && (format === 'md' || format === 'html')) {
    const title = lang === 'zh' ? '评估员观察记录' : 'Evaluator observations';
    if (format === 'md') {
      body += `\n## ${title}\n\n${observations.map((o) => `- **${formatSimTime(o.t)}** ${escapeMd(o.text).replace(/\r?\n|\r/g, ' ')}`).join('\n')}\n`;
    } else {
      const section = `<section class="observations"><h2>${title}</h2><ul>${observations.map((o) => `<li><b>${formatSimTime(o.t)}</b> ${escapeHtml(o.text)}</li>`).join('')}</ul></section>`;
      body = body.includes('</body>') ? body.replace('</body>', () => `${section}</body>`) : body + section;
    }
  }
  return { body, type: TYPES[format] };
}
