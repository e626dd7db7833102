/**
 * The sweep report as one self-contained HTML page: d3 is inlined (no network needed to open
 * it), the data are embedded as JSON, and the page draws, for a chosen variant and metric, the
 * histogram and the empirical CDF of each plan, the histogram of per-seed paired differences,
 * the sensitivity of the metric to the varied team counts, and how often each resource ran short.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepReport, RowIndex } from '../aggregate.ts';
import { cellRows } from '../aggregate.ts';
import { projectRoot } from '../engineBundle.ts';
import { failureSummary, guardText, reproduceCommand, variantNote, type ReproduceContext } from './failures.ts';

/** Failed runs listed in the page's table; the embedded report holds them all. */
const MAX_FAILURE_ROWS = 500;

/** Per variant, per plan, per metric: the values in seed order (null: did not happen, or the run failed). */
export type SweepValues = Record<string, Record<string, Record<string, (number | null)[]>>>;

export function sweepValues(report: SweepReport, index: RowIndex): SweepValues {
  const out: SweepValues = {};
  for (const v of report.variants) {
    out[v.id] = {};
    for (const p of report.plans) {
      const rows = cellRows(index, v.id, p.id);
      out[v.id][p.id] = Object.fromEntries(report.metrics.map((m) => [m.key, rows.map((r) => r.metrics[m.key] ?? null)]));
    }
  }
  return out;
}

/** JSON safe inside a <script> element. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The failed runs as a static table (zh/en), each with the command that runs it again; empty when none failed. */
function failuresSection(report: SweepReport, ctx: ReproduceContext): string {
  if (report.failures.length === 0) return '';
  const shown = report.failures.slice(0, MAX_FAILURE_ROWS);
  const rows = shown.map((f) => {
    const kind = f.kind === 'aborted' ? '中止 aborted' : '出错 error';
    const what = f.kind === 'aborted' ? guardText(f) : f.name;
    const message = f.messageZh ? `${f.messageZh} / ${f.message}` : f.message;
    const note = variantNote(report, f);
    return `<tr><td>${esc(f.plan)}</td><td>${esc(f.variant)}</td><td>${f.seed}</td><td>${kind}</td><td>${esc(what)}</td><td class="msg">${esc(message)}</td><td class="msg"><code>${esc(reproduceCommand(report, f, ctx))}</code>${note ? `<br><span class="note">${esc(note)}</span>` : ''}</td></tr>`;
  });
  const more = report.failures.length - shown.length;
  return `<h2 id="failures">Failed runs 失败的推演</h2>
<p>${esc(failureSummary(report))}.</p>
<table class="failures">
<tr><th>plan 预案</th><th>variant 变体</th><th>seed 种子</th><th>kind 类型</th><th>error / guard 错误 / 限制</th><th>message 信息</th><th>reproduce 复现</th></tr>
${rows.join('\n')}
</table>
${more > 0 ? `<p class="note">… 另有 ${more} 次 and ${more} more: the report's JSON lists them all 完整列表见 JSON 报告</p>` : ''}`;
}

export function renderHtml(report: SweepReport, values: SweepValues, ctx: ReproduceContext = {}): string {
  const d3 = readFileSync(join(projectRoot(), 'node_modules', 'd3', 'dist', 'd3.min.js'), 'utf8');
  const title = `${report.scenario.id} — Monte Carlo sweep 蒙特卡洛批量推演`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 24px; color: #1d2430; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 6px; }
  .meta { color: #5a6475; } .controls { margin: 16px 0; display: flex; gap: 18px; flex-wrap: wrap; }
  label { font-weight: 600; } select { margin-left: 6px; font: inherit; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 12px 28px; }
  figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
  table { border-collapse: collapse; margin-top: 6px; } th, td { padding: 3px 10px; border-bottom: 1px solid #e3e6ea; text-align: right; }
  th:first-child, td:first-child { text-align: left; } .legend span { margin-right: 14px; } .sw { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
  .axis text { font-size: 11px; } .note { color: #5a6475; font-size: 12px; }
  table.failures td.msg, table.failures th { text-align: left; } table.failures td.msg { max-width: 46em; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<div class="meta" id="meta"></div>
<div class="controls">
  <div><label for="variant">Variant 变体</label><select id="variant"></select></div>
  <div><label for="metric">Metric 指标</label><select id="metric"></select></div>
  <div><label for="plan">Compare 对比预案</label><select id="plan"></select></div>
</div>
<div class="legend" id="legend"></div>
<div class="grid">
  <figure><figcaption>Distribution 分布 (histogram 直方图)</figcaption><svg id="hist"></svg></figure>
  <figure><figcaption>Cumulative distribution 累积分布 (CDF)</figcaption><svg id="cdf"></svg></figure>
  <figure><figcaption>Paired difference per seed 同种子配对差值 (<span id="pairLabel"></span>)</figcaption><svg id="diff"></svg><div class="note" id="diffNote"></div></figure>
  <figure><figcaption>Sensitivity to team counts 对队伍数量的敏感性 (median 中位数, 95% CI; dashed 虚线: p90)</figcaption><svg id="sens"></svg></figure>
  <figure><figcaption>Resources that ran short 资源短缺 (share of runs 推演占比)</figcaption><svg id="short"></svg></figure>
</div>
<h2>Summary 汇总</h2>
<div id="summary"></div>
${failuresSection(report, ctx)}
<script>${d3}</script>
<script>
const REPORT = ${scriptJson(report)};
const VALUES = ${scriptJson(values)};
${PAGE_SCRIPT}
</script>
</body>
</html>
`;
}

/** The page's own script (plain browser JavaScript, run after d3). */
const PAGE_SCRIPT = String.raw`
const W = 460, H = 260, M = { top: 10, right: 16, bottom: 36, left: 56 };
const colour = d3.scaleOrdinal(d3.schemeTableau10).domain(REPORT.plans.map((p) => p.id));
const metricOf = (k) => REPORT.metrics.find((m) => m.key === k);
const fmt = (x) => x === null || x === undefined ? '—' : Math.abs(x) >= 100 || Number.isInteger(x) ? d3.format(',.0f')(x) : d3.format('.3~g')(x);
const est = (e) => e.value === null ? '—' : fmt(e.value) + ' [' + (e.ci[0] === null ? '…' : fmt(e.ci[0])) + ', ' + (e.ci[1] === null ? '…' : fmt(e.ci[1])) + ']';
const label = (m) => m.label.en + ' ' + m.label.zh + (m.unit.en ? ' (' + m.unit.en + ' ' + m.unit.zh + ')' : '');
const sel = { variant: REPORT.variants[0].id, metric: REPORT.metrics[0].key, plan: (REPORT.plans[1] || REPORT.plans[0]).id };

function fill(id, items, key) {
  const s = d3.select('#' + id);
  s.selectAll('option').data(items).join('option').attr('value', (d) => d.value).text((d) => d.text);
  s.property('value', sel[key]).on('change', function () { sel[key] = this.value; draw(); });
}
fill('variant', REPORT.variants.map((v) => ({ value: v.id, text: v.id })), 'variant');
fill('metric', REPORT.metrics.map((m) => ({ value: m.key, text: label(m) })), 'metric');
fill('plan', REPORT.plans.slice(1).map((p) => ({ value: p.id, text: p.id + ' − ' + REPORT.plans[0].id })), 'plan');
if (REPORT.plans.length < 2) d3.select('#plan').property('disabled', true);
d3.select('#meta').text('Scenario 想定 ' + REPORT.scenario.id + ' (hash ' + REPORT.scenario.hash.slice(0, 12) + ') · seeds 随机种子 ' + REPORT.seeds.first + '..' + REPORT.seeds.last + ' (' + REPORT.seeds.count + ') · plans 预案 ' + REPORT.plans.map((p) => p.id).join(', ') + (REPORT.failures.length ? ' · 失败 failed ' + REPORT.runs.failed + ' / ' + REPORT.runs.total + ' (see 见 Failed runs 失败的推演)' : ''));
d3.select('#legend').selectAll('span').data(REPORT.plans).join('span').html((p) => '<i class="sw" style="background:' + colour(p.id) + '"></i>' + p.id);

function frame(id) {
  const svg = d3.select('#' + id).attr('width', W).attr('height', H).attr('viewBox', [0, 0, W, H]);
  svg.selectAll('*').remove();
  return svg;
}
function axes(svg, x, y, xLabel, yLabel) {
  svg.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (H - M.bottom) + ')').call(d3.axisBottom(x).ticks(6));
  svg.append('g').attr('class', 'axis').attr('transform', 'translate(' + M.left + ',0)').call(d3.axisLeft(y).ticks(5));
  svg.append('text').attr('x', (M.left + W - M.right) / 2).attr('y', H - 4).attr('text-anchor', 'middle').attr('font-size', 11).text(xLabel);
  svg.append('text').attr('transform', 'rotate(-90)').attr('x', -(M.top + H - M.bottom) / 2).attr('y', 13).attr('text-anchor', 'middle').attr('font-size', 11).text(yLabel);
}
const present = (xs) => xs.filter((x) => x !== null);
// Runs that finished (the figures are over these; a failed run's values are null like "never happened").
const cellOf = (variant, plan) => REPORT.results.find((c) => c.variant === variant && c.plan === plan);

function drawHist(m) {
  const svg = frame('hist');
  const series = REPORT.plans.map((p) => ({ plan: p.id, xs: present(VALUES[sel.variant][p.id][m.key]) }));
  const all = series.flatMap((s) => s.xs);
  if (!all.length) return svg.append('text').attr('x', W / 2).attr('y', H / 2).attr('text-anchor', 'middle').text('never happened 未发生');
  let [lo, hi] = d3.extent(all); if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const x = d3.scaleLinear().domain([lo, hi]).nice().range([M.left, W - M.right]);
  const bin = d3.bin().domain(x.domain()).thresholds(x.ticks(30));
  const bins = series.map((s) => ({ plan: s.plan, n: s.xs.length, bins: bin(s.xs) }));
  const y = d3.scaleLinear().domain([0, d3.max(bins, (b) => d3.max(b.bins, (d) => d.length / Math.max(1, b.n))) || 1]).nice().range([H - M.bottom, M.top]);
  for (const b of bins) {
    svg.append('g').attr('fill', colour(b.plan)).attr('fill-opacity', 0.45).selectAll('rect').data(b.bins).join('rect')
      .attr('x', (d) => x(d.x0) + 0.5).attr('width', (d) => Math.max(0, x(d.x1) - x(d.x0) - 1)).attr('y', (d) => y(d.length / Math.max(1, b.n))).attr('height', (d) => y(0) - y(d.length / Math.max(1, b.n)));
  }
  axes(svg, x, y, label(m), 'share of runs 推演占比');
}

function drawCdf(m) {
  const svg = frame('cdf');
  const series = REPORT.plans.map((p) => ({ plan: p.id, xs: present(VALUES[sel.variant][p.id][m.key]).sort(d3.ascending), n: cellOf(sel.variant, p.id).runs }));
  const all = series.flatMap((s) => s.xs);
  if (!all.length) return;
  let [lo, hi] = d3.extent(all); if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const x = d3.scaleLinear().domain([lo, hi]).nice().range([M.left, W - M.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  for (const s of series) {
    if (!s.n) continue;
    const pts = [[x.domain()[0], 0], ...s.xs.map((v, i) => [v, (i + 1) / s.n]), [x.domain()[1], s.xs.length / s.n]];
    svg.append('path').attr('fill', 'none').attr('stroke', colour(s.plan)).attr('stroke-width', 1.8).attr('d', d3.line().curve(d3.curveStepAfter).x((d) => x(d[0])).y((d) => y(d[1]))(pts));
  }
  axes(svg, x, y, label(m), 'P(X ≤ x)');
}

function drawDiff(m) {
  const svg = frame('diff');
  const base = REPORT.plans[0].id;
  d3.select('#pairLabel').text(REPORT.plans.length > 1 ? sel.plan + ' − ' + base : 'one plan only 仅一个预案');
  const paired = REPORT.paired.find((p) => p.variant === sel.variant && p.plan === sel.plan);
  d3.select('#diffNote').text(paired ? 'mean 均值差 ' + est(paired.metrics[m.key].meanDiff) + ' · median 中位差 ' + est(paired.metrics[m.key].medianDiff) + ' · better 更好 ' + d3.format('.1%')(paired.metrics[m.key].better) + ', worse 更差 ' + d3.format('.1%')(paired.metrics[m.key].worse) : '');
  if (!paired) return;
  const a = VALUES[sel.variant][base][m.key], b = VALUES[sel.variant][sel.plan][m.key];
  const d = a.map((v, i) => (v === null || b[i] === null ? null : b[i] - v)).filter((v) => v !== null);
  if (!d.length) return;
  let [lo, hi] = d3.extent(d); if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const x = d3.scaleLinear().domain([lo, hi]).nice().range([M.left, W - M.right]);
  const bins = d3.bin().domain(x.domain()).thresholds(x.ticks(30))(d);
  const y = d3.scaleLinear().domain([0, d3.max(bins, (b) => b.length / d.length)]).nice().range([H - M.bottom, M.top]);
  svg.append('g').attr('fill', colour(sel.plan)).selectAll('rect').data(bins).join('rect')
    .attr('x', (b) => x(b.x0) + 0.5).attr('width', (b) => Math.max(0, x(b.x1) - x(b.x0) - 1)).attr('y', (b) => y(b.length / d.length)).attr('height', (b) => y(0) - y(b.length / d.length));
  if (x.domain()[0] <= 0 && x.domain()[1] >= 0) svg.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', M.top).attr('y2', H - M.bottom).attr('stroke', '#222').attr('stroke-dasharray', '3,3');
  axes(svg, x, y, 'difference 差值 (' + m.unit.en + ' ' + m.unit.zh + ')', 'share of seeds 种子占比');
}

function drawSensitivity(m) {
  const svg = frame('sens');
  const vs = REPORT.variants.map((v) => v.id);
  const x = d3.scalePoint().domain(vs).range([M.left + 20, W - M.right - 20]);
  const cells = REPORT.results.map((c) => ({ plan: c.plan, variant: c.variant, s: c.metrics[m.key] }));
  const ys = cells.flatMap((c) => [c.s.median.value, c.s.median.ci[0], c.s.median.ci[1], c.s.p90.value]).filter((v) => v !== null);
  if (!ys.length) return;
  let [lo, hi] = d3.extent(ys); if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const y = d3.scaleLinear().domain([lo, hi]).nice().range([H - M.bottom, M.top]);
  const dx = (p) => (REPORT.plans.findIndex((q) => q.id === p) - (REPORT.plans.length - 1) / 2) * 6;
  for (const p of REPORT.plans) {
    const mine = cells.filter((c) => c.plan === p.id);
    const line = d3.line().defined((c) => c.v !== null).x((c) => x(c.variant) + dx(p.id)).y((c) => y(c.v));
    svg.append('path').attr('fill', 'none').attr('stroke', colour(p.id)).attr('stroke-width', 1.8).attr('d', line(mine.map((c) => ({ variant: c.variant, v: c.s.median.value }))));
    svg.append('path').attr('fill', 'none').attr('stroke', colour(p.id)).attr('stroke-dasharray', '4,3').attr('d', line(mine.map((c) => ({ variant: c.variant, v: c.s.p90.value }))));
    const g = svg.append('g').attr('stroke', colour(p.id));
    for (const c of mine) {
      if (c.s.median.value === null) continue;
      const cx = x(c.variant) + dx(p.id);
      const lo = c.s.median.ci[0] === null ? y.range()[0] : y(c.s.median.ci[0]);
      const hi = c.s.median.ci[1] === null ? y.range()[1] : y(c.s.median.ci[1]);
      g.append('line').attr('x1', cx).attr('x2', cx).attr('y1', lo).attr('y2', hi).attr('stroke-width', 1.2);
      g.append('circle').attr('cx', cx).attr('cy', y(c.s.median.value)).attr('r', 3.2).attr('fill', colour(p.id));
    }
  }
  axes(svg, x, y, 'variant 变体 (team counts 队伍数量)', label(m));
}

function drawShortages() {
  const svg = frame('short');
  const cells = REPORT.results.filter((c) => c.variant === sel.variant);
  const res = [...new Set(cells.flatMap((c) => c.shortages.map((s) => s.resource)))];
  if (!res.length) return svg.append('text').attr('x', W / 2).attr('y', H / 2).attr('text-anchor', 'middle').text('no shortage in any run 所有推演均未短缺');
  const y0 = d3.scaleBand().domain(res).range([M.top, H - M.bottom]).padding(0.2);
  const y1 = d3.scaleBand().domain(cells.map((c) => c.plan)).range([0, y0.bandwidth()]).padding(0.05);
  const left = 110;
  const x = d3.scaleLinear().domain([0, 1]).range([left, W - M.right]);
  for (const c of cells) {
    svg.append('g').attr('fill', colour(c.plan)).selectAll('rect').data(c.shortages).join('rect')
      .attr('x', left).attr('y', (s) => y0(s.resource) + y1(c.plan)).attr('height', y1.bandwidth()).attr('width', (s) => x(s.share) - left);
  }
  svg.append('g').attr('class', 'axis').attr('transform', 'translate(0,' + (H - M.bottom) + ')').call(d3.axisBottom(x).ticks(5, '%'));
  svg.append('g').attr('class', 'axis').attr('transform', 'translate(' + left + ',0)').call(d3.axisLeft(y0));
}

function drawSummary() {
  const cells = REPORT.results.filter((c) => c.variant === sel.variant);
  const rows = REPORT.metrics.flatMap((m) => cells.map((c) => [label(m), c.plan, est(c.metrics[m.key].median), est(c.metrics[m.key].p90), est(c.metrics[m.key].p99), fmt(c.metrics[m.key].mean), c.runs ? d3.format('.1%')(c.metrics[m.key].missing / c.runs) : '—']));
  const t = d3.select('#summary').html('').append('table');
  t.append('tr').selectAll('th').data(['metric 指标', 'plan 预案', 'median 中位数 [95% CI]', 'p90 [95% CI]', 'p99 [95% CI]', 'mean 均值', 'never 未发生']).join('th').text((d) => d);
  if (REPORT.failures.length) d3.select('#summary').insert('p', 'table').text('runs finished 完成的推演: ' + cells.map((c) => c.plan + ' ' + c.runs + (c.failed ? ' (失败 failed ' + c.failed + ')' : '')).join(', '));
  t.selectAll('tr.r').data(rows).join('tr').attr('class', 'r').selectAll('td').data((r) => r).join('td').text((d) => d);
}

function draw() {
  const m = metricOf(sel.metric);
  drawHist(m); drawCdf(m); drawDiff(m); drawSensitivity(m); drawShortages(); drawSummary();
}
draw();
`;
