/** Render an after-action report from a scorecard, its events and its scenario, in one of four formats. */
import type { Lang } from './labels.ts';
import type { ReportInput } from './model.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderCsv } from './csv.ts';

export const REPORT_FORMATS = ['html', 'md', 'json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type { Lang, ReportInput };

export function renderReport(input: ReportInput, format: ReportFormat, lang: Lang): string {
  switch (format) {
    case 'html': return renderHtml(input, lang);
    case 'md': return renderMarkdown(input, lang);
    case 'csv': return renderCsv(input, lang);
    case 'json': return JSON.stringify(input.scorecard, null, 2) + '\n';
  }
}
