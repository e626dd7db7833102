/**
 * `yanlian report LOG [--format html|md|json|csv] [--lang zh|en] [--out FILE] [--scenario FILE]`:
 * rebuild the run from its event log, score it, and write the after-action report.
 * Exit codes as the other commands: 0 written, 1 the log or scenario is wrong, 2 usage.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { replay, scoreRun } from '../../engine/index.ts';
import { readLogFile, loadLogScenario } from './files.ts';
import { renderReport, REPORT_FORMATS, type ReportFormat, type Lang } from '../report/index.ts';

export const REPORT_USAGE = `  yanlian report LOG [--format html|md|json|csv] [--lang zh|en] [--out FILE] [--scenario FILE]
                                           the after-action report of a run (default: html, zh, to stdout)`;

/** Returns the exit code; a usage error is written to `err` here, a bad file is thrown (InputFileError, LogMismatchError). */
export function reportCommand(rest: string[], out: (s: string) => void, err: (s: string) => void): number {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const r = parseArgs({ args: rest, options: { format: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, scenario: { type: 'string' } }, allowPositionals: true, strict: true });
    values = r.values;
    positionals = r.positionals;
  } catch (e) {
    return usage(err, (e as Error).message);
  }
  if (positionals.length !== 1) return usage(err, 'report needs exactly one LOG');
  const format = (values.format ?? 'html') as string;
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) return usage(err, `--format expects one of ${REPORT_FORMATS.join(', ')}, not "${format}"`);
  const lang = (values.lang ?? 'zh') as string;
  if (lang !== 'zh' && lang !== 'en') return usage(err, `--lang expects zh or en, not "${lang}"`);

  const file = positionals[0];
  // The same checked reading as replay: the log's shape, its scenario, its digests and the stream it replays to.
  const log = readLogFile(file);
  const scenario = loadLogScenario(log, file, values.scenario as string | undefined);
  const ex = replay(scenario, log, { file, warn: (m) => err(`${m}\n`) });
  const scorecard = scoreRun({ scenario, plan: log.plan ?? null, events: ex.events, commands: log.commands });
  const text = renderReport({ scorecard, events: ex.events, scenario }, format as ReportFormat, lang as Lang);
  if (values.out) {
    writeFileSync(values.out as string, text);
    out(`wrote ${values.out as string} (${format}, ${lang}): score ${scorecard.sheet.total ?? '—'} ${scorecard.sheet.grade?.[lang as Lang] ?? ''}, ${scorecard.findings.length} findings\n`);
  } else out(text);
  return 0;
}

function usage(err: (s: string) => void, message: string): number {
  err(`yanlian: ${message}\n\nUsage:\n${REPORT_USAGE}\n`);
  return 2;
}
