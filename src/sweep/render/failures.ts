/**
 * Failed runs of a sweep, for people: a one-line description of each, and the `yanlian run`
 * command that makes that run again on its own (same scenario, seed, plan and length), so the
 * failure can be looked at with the run's event stream.
 */
import type { FailureReport, SweepReport } from '../aggregate.ts';

/** How the sweep was asked for, to write commands the user can paste. */
export interface ReproduceContext {
  /** The scenario as the user named it (a path or a bundled id); default the scenario file the sweep read. */
  scenario?: string;
  /** `--until` as the user gave it, if at all. */
  until?: string;
}

/** A shell word: quoted when it holds anything a shell would read differently. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `yanlian run SCENARIO --seed N [--plan FILE | --no-plan] [--until D]` for one failed run. */
export function reproduceCommand(report: SweepReport, f: FailureReport, ctx: ReproduceContext = {}): string {
  const words = ['yanlian', 'run', shellWord(ctx.scenario ?? report.scenario.file), '--seed', String(f.seed)];
  const source = report.plans.find((p) => p.id === f.plan)?.source ?? 'scenario';
  // "scenario": `yanlian run` runs the scenario's own plan when given none.
  if (source === 'none') words.push('--no-plan');
  else if (source !== 'scenario') words.push('--plan', shellWord(source));
  if (ctx.until !== undefined) words.push('--until', shellWord(ctx.until));
  return words.join(' ');
}

/** A note for a run of a variant: `yanlian run` runs the scenario as written, not a variant. */
export function variantNote(report: SweepReport, f: FailureReport): string {
  const v = report.variants.find((x) => x.id === f.variant);
  if (!v || Object.keys(v.teams).length === 0) return '';
  const teams = Object.entries(v.teams).map(([t, n]) => `${t} ${n}`).join(', ');
  return `在一份队伍数改为 ${teams} 的想定副本上 on a copy of the scenario with teams ${teams}`;
}

/** "max-events 500", "plan-loop 3, rule send-crew". */
export function guardText(f: FailureReport): string {
  return `${f.guard ?? ''}${f.limit !== undefined ? ` ${f.limit}` : ''}${f.rule ? `, rule 规则 ${f.rule}` : ''}`;
}

/** "出错 error RangeError: …" or "中止 aborted (maxEvents 500): …"; Chinese first where the engine gave it. */
export function describeFailure(f: FailureReport): string {
  if (f.kind === 'aborted') {
    const guard = f.guard ? ` (${guardText(f)})` : '';
    return `中止 aborted${guard}: ${f.messageZh ? `${f.messageZh} / ` : ''}${f.message}`;
  }
  return `出错 error ${f.name}: ${f.message}`;
}

/** "4 of 1000 runs failed" in both languages, with the split by kind. */
export function failureSummary(report: SweepReport): string {
  const r = report.runs;
  const kinds = [r.errors ? `${r.errors} 出错 error${r.errors > 1 ? 's' : ''}` : '', r.aborted ? `${r.aborted} 中止 aborted` : ''].filter(Boolean).join(', ');
  return `${r.total} 次推演中 ${r.failed} 次失败 ${r.failed} of ${r.total} run${r.total > 1 ? 's' : ''} failed (${kinds}); ` +
    `统计基于完成的 ${r.finished} 次推演 the figures are over the ${r.finished} run${r.finished === 1 ? '' : 's'} that finished`;
}
