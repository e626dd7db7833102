/** The sweep report as a plain-text table for the terminal, in Chinese and English. */
import type { SweepReport } from '../aggregate.ts';
import { fmt, fmtEstimate, pct } from './format.ts';
import { formatSimTime } from '../../../engine/index.ts';
import { describeFailure, failureSummary, reproduceCommand, variantNote, type ReproduceContext } from './failures.ts';

/** Failed runs listed one by one in the table; the JSON lists them all. */
const MAX_FAILURE_LINES = 50;

function table(rows: string[][]): string[] {
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c] ?? ''))));
  return rows.map((r) => '  ' + r.map((cell, c) => cell + ' '.repeat(width[c] - displayWidth(cell))).join('  ').trimEnd());
}

/** Terminal columns of a string: CJK characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function renderTable(r: SweepReport, ctx: ReproduceContext = {}): string {
  const out: string[] = [];
  out.push(`Monte Carlo sweep 蒙特卡洛批量推演: ${r.scenario.id} (hash ${r.scenario.hash.slice(0, 12)})`);
  out.push(`  seeds 随机种子 ${r.seeds.first}..${r.seeds.last} (${r.seeds.count})   each run 每次推演 ${formatSimTime(r.until)}   plans 预案 ${r.plans.map((p) => p.id).join(', ')}`);
  out.push(`  medians and percentiles with 95% confidence intervals 中位数与分位数（95%置信区间）; "none 未发生" = runs where it never happened`);
  if (r.failures.length) out.push(`  ${failureSummary(r)} (see 见 "Failed runs 失败的推演")`);
  for (const v of r.variants) {
    out.push('');
    out.push(`Variant 变体 ${v.id}${Object.keys(v.teams).length ? ` (teams 队伍 ${Object.entries(v.teams).map(([t, n]) => `${t} ${n}`).join(', ')})` : ''}   scenario hash ${v.scenarioHash.slice(0, 12)}`);
    if (r.failures.length) {
      out.push(`  runs finished 完成的推演: ${r.results.filter((x) => x.variant === v.id).map((c) => `${c.plan} ${c.runs}${c.failed ? ` (失败 failed ${c.failed})` : ''}`).join(', ')}`);
    }
    const rows: string[][] = [['metric 指标', 'plan 预案', 'median 中位数', 'p90', 'p99', 'mean 均值', 'none 未发生']];
    for (const m of r.metrics) {
      for (const c of r.results.filter((x) => x.variant === v.id)) {
        const s = c.metrics[m.key];
        rows.push([`${m.label.en} ${m.label.zh}`, c.plan, fmtEstimate(s.median), fmtEstimate(s.p90), fmtEstimate(s.p99), fmt(s.mean), s.missing ? pct(s.missing / c.runs) : '0']);
      }
    }
    out.push(...table(rows));
    for (const p of r.paired.filter((x) => x.variant === v.id)) {
      out.push('');
      out.push(`  Paired difference 配对差值: ${p.plan} − ${p.baseline}, same seeds 同一种子`);
      const pr: string[][] = [['metric 指标', 'mean diff 均值差', 'median diff 中位差', 'better 更好', 'worse 更差', 'pairs 对数']];
      for (const m of r.metrics) {
        const s = p.metrics[m.key];
        pr.push([`${m.label.en} ${m.label.zh}`, fmtEstimate(s.meanDiff), fmtEstimate(s.medianDiff), pct(s.better), pct(s.worse), String(s.n)]);
      }
      out.push(...table(pr));
    }
    const cells = r.results.filter((x) => x.variant === v.id);
    const resources = [...new Set(cells.flatMap((c) => c.shortages.map((s) => s.resource)))];
    out.push('');
    if (resources.length === 0) out.push('  Shortages 资源短缺: none in any run 所有推演均未出现');
    else {
      out.push('  Shortages 资源短缺 (share of runs 推演占比)');
      const share = (c: (typeof cells)[number], res: string) => c.shortages.find((s) => s.resource === res)?.share ?? 0;
      resources.sort((a, b) => Math.max(...cells.map((c) => share(c, b))) - Math.max(...cells.map((c) => share(c, a))) || a.localeCompare(b));
      out.push(...table([['resource 资源', ...cells.map((c) => c.plan)], ...resources.map((res) => [res, ...cells.map((c) => pct(share(c, res)))])]));
    }
  }
  if (r.failures.length) {
    out.push('');
    out.push(`Failed runs 失败的推演: ${failureSummary(r)}`);
    const shown = r.failures.slice(0, MAX_FAILURE_LINES);
    out.push(...table([['plan 预案', 'variant 变体', 'seed 种子', 'failure 失败原因'], ...shown.map((f) => [f.plan, f.variant, String(f.seed), describeFailure(f)])]));
    if (r.failures.length > shown.length) out.push(`  … 另有 ${r.failures.length - shown.length} 次 and ${r.failures.length - shown.length} more (--json lists them all 全部列出)`);
    const f = r.failures[0];
    const note = variantNote(r, f);
    out.push(`  Reproduce one 复现一次: ${reproduceCommand(r, f, ctx)}${note ? `   (${note})` : ''}`);
  }
  if (r.timing) {
    out.push('');
    out.push(`  ${Object.entries(r.timing).map(([k, v]) => `${k} ${v}`).join('  ')}`);
  }
  return out.join('\n') + '\n';
}
