/**
 * The `yanlian` command line: validate, run, replay, list, schema. Exit codes: 0 success,
 * 1 a user's file or run is wrong (message names the file and the field), 2 usage error,
 * 3 a sweep finished but some of its runs failed (its report lists them).
 * A user error never prints a stack trace.
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import {
  InputFileError, LogMismatchError, runHeadless, replay, makeLog, eventsToJsonl, summarize, formatSimTime,
  parseScenarioText, parsePlanText, SCENARIO_FORMAT, PLAN_FORMAT, type RunSummary,
  parseYamlSafe, parseDuration, MAX_YAML_BYTES, MAX_DURATION_MIN, type FileWarning, type Scenario
} from '../../engine/index.ts';
import { loadScenarioFile, loadPlanFile, readText, readLogFile, loadLogScenario, logSourceOf, listBundledScenarioFiles, checkPlanFile, checkPlanFor, planScenarioPath, checkOutPath, writeOut } from './files.ts';
import { jsonSchemas } from './schemas.ts';
import { reportCommand, REPORT_USAGE } from './report.ts';
import { sweep, SWEEP_USAGE } from './sweep.ts';
import { worker } from './worker.ts';
import { SweepUsageError } from '../sweep/errors.ts';

class UsageError extends Error {}

const USAGE = `yanlian — 演练 emergency exercise engine

Usage:
  yanlian validate FILE... [--plan PLAN]   check scenario and plan files (a plan against the
                                           scenario its "scenario:" names; --plan: this plan
                                           against each SCENARIO); warnings do not fail
  yanlian run SCENARIO --seed N [options]  run a scenario headless to its end
      --plan FILE        run this plan on autopilot instead of the scenario's own
      --no-plan          run with no autopilot at all
      --until DURATION   stop early, e.g. 6h, 90min (default: the scenario's duration)
      --events OUT       write the event stream as JSON lines
      --log OUT          write the event log (scenario hash, seed, plan, commands, digests)
      --json             print the summary as JSON
  yanlian replay LOG [--events OUT] [--scenario FILE] [--json]
                                           rebuild a run from its event log, refusing a log
                                           changed after the run (exit 1, says which part)
  yanlian list [--json]                    the bundled scenarios
  yanlian schema [--out DIR]               write the JSON Schemas of the file formats
${REPORT_USAGE}
${SWEEP_USAGE}

SCENARIO is a file path or the id of a bundled scenario (see \`yanlian list\`).
--debug (any command) shows the stack of an internal error.`;

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const debug = argv.includes('--debug');
  const [cmd, ...rest] = argv.filter((a) => a !== '--debug');
  try {
    switch (cmd) {
      case 'validate': return validate(rest, out, err, debug);
      case 'run': return run(rest, out, err);
      case 'replay': return replayCmd(rest, out, err);
      case 'list': return list(rest, out);
      case 'schema': return schema(rest, out);
      case 'report': return reportCommand(rest, out, err);
      case 'sweep': return await sweep(rest, out, err);
      case 'worker': return await worker(rest, out, err);
      case undefined: case 'help': case '--help': case '-h':
        out(USAGE + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof SweepUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`yanlian: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputFileError || e instanceof LogMismatchError) {
      err(`${e.message}\n`);
      return 1;
    }
    err(internalError(e, debug));
    return 1;
  }
}

/** An error no check foresaw: one line and a hint, never a stack trace unless asked for. */
export function internalError(e: unknown, debug: boolean): string {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const head = `yanlian: internal error 内部错误: ${msg.split('\n')[0]}\n`;
  if (debug) return head + `${e instanceof Error && e.stack ? e.stack : msg}\n`;
  return head + '  rerun with --debug to see where it happened 加 --debug 重新运行可查看出错位置\n';
}

function formatWarnings(ws: FileWarning[]): string {
  return ws.map((w) => `warning 警告 ${w.file}: ${w.path ? `${w.path}: ` : ''}${w.message}\n`).join('');
}

type ArgOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** Parsed flags as plain strings and booleans: each command reads the ones it declared. */
function args(rest: string[], options: ArgOptions): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const r = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
}

/**
 * Everything `run` would find wrong is found here, with the file and the field: a scenario is
 * loaded exactly as `run` loads it, and a plan is checked against its scenario (the one given
 * with --plan, or the one its `scenario:` field names).
 */
function validate(rest: string[], out: (s: string) => void, err: (s: string) => void, debug: boolean): number {
  const { values, positionals } = args(rest, { plan: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
  const planArg = values.plan as string | undefined;
  let bad = 0;
  let scenarios = 0;
  for (const file of positionals) {
    try {
      const text = readText(file, MAX_YAML_BYTES);
      const doc = parseYamlSafe(text, file) as { format?: unknown; scenario?: unknown } | null;
      if (doc?.format === PLAN_FORMAT) {
        const plan = parsePlanText(text, file);
        // The schema has checked `scenario` (a string when present).
        const named = typeof doc.scenario === 'string' ? doc.scenario : undefined;
        if (named === undefined) {
          out(`${file}: valid plan (${PLAN_FORMAT}); no "scenario:" field, so not checked against a scenario 未指定想定，未做引用检查\n`);
          continue;
        }
        const path = planScenarioPath(file, named);
        if (path === null) throw new InputFileError(file, [{ path: 'scenario', message: `no scenario "${named}" 找不到想定: expected the id of a bundled scenario (yanlian list) or the path of a scenario file relative to the plan` }]);
        const sc = loadScenarioFile(path);
        const warnings = checkPlanFor(plan, file, sc);
        err(formatWarnings(warnings));
        out(`${file}: valid plan "${plan.id}" (${PLAN_FORMAT}), checked against scenario "${sc.data.id}" (${relative(process.cwd(), path)})${warnings.length ? `, ${warnings.length} warning(s) 警告` : ''}\n`);
      } else if (doc?.format === SCENARIO_FORMAT) {
        scenarios++;
        const sc = loadScenarioFile(file);
        err(formatWarnings(sc.warnings));
        out(`${file}: valid scenario "${sc.data.id}" (${sc.world.grid.cells.length} grid cells, ${sc.data.teams.length} teams, ${sc.data.seats.length} seats, hash ${sc.hash.slice(0, 12)})${sc.warnings.length ? `, ${sc.warnings.length} warning(s) 警告` : ''}\n`);
        if (planArg !== undefined) bad += validatePlanAgainst(planArg, sc, out, err);
      } else {
        // Let the scenario schema explain what is missing.
        parseScenarioText(text, file);
      }
    } catch (e) {
      err(e instanceof InputFileError ? `${e.message}\n` : internalError(e, debug));
      bad++;
    }
  }
  if (planArg !== undefined && scenarios === 0) throw new UsageError('validate --plan PLAN needs a SCENARIO file to check the plan against');
  return bad ? 1 : 0;
}

function validatePlanAgainst(planFile: string, sc: Scenario, out: (s: string) => void, err: (s: string) => void): number {
  try {
    const { plan, warnings } = checkPlanFile(planFile, sc);
    err(formatWarnings(warnings));
    out(`${planFile}: valid plan "${plan.id}" for scenario "${sc.data.id}"${warnings.length ? `, ${warnings.length} warning(s) 警告` : ''}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    err(`${e.message}\n`);
    return 1;
  }
}

function parseUntil(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = parseDuration(v);
  if (m === null) throw new UsageError(`--until expects a duration such as 72h or 90min, not "${v}"`);
  // The log records it: a number JSON cannot hold (Infinity) would not replay.
  if (m > MAX_DURATION_MIN) throw new UsageError(`--until expects at most ${MAX_DURATION_MIN} min (30 days), not "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`);
  return m;
}

function run(rest: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { values, positionals } = args(rest, {
    seed: { type: 'string' }, plan: { type: 'string' }, 'no-plan': { type: 'boolean' }, until: { type: 'string' },
    events: { type: 'string' }, log: { type: 'string' }, json: { type: 'boolean' }
  });
  if (positionals.length !== 1) throw new UsageError('run needs exactly one SCENARIO');
  if (values.seed === undefined) throw new UsageError('run needs --seed N (the same seed gives the same run)');
  if (values.plan && values['no-plan']) throw new UsageError('--plan and --no-plan exclude each other');
  // Refuse an output path before the run, not after it.
  if (values.events) checkOutPath(values.events as string, '--events');
  if (values.log) checkOutPath(values.log as string, '--log');
  const scenario = loadScenarioFile(positionals[0]);
  const plan = values['no-plan'] ? null : values.plan ? loadPlanFile(values.plan as string, scenario) : undefined;
  const until = parseUntil(values.until as string | undefined) ?? scenario.data.duration;
  const ex = runHeadless(scenario, { seed: values.seed as string, plan, until });
  if (values.events) writeOut(values.events as string, eventsToJsonl(ex.events), '--events');
  if (values.log) writeOut(values.log as string, JSON.stringify(makeLog(ex, until, logSourceOf(scenario.file)), null, 2) + '\n', '--log');
  const summary = summarize(ex);
  out(values.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, scenario.data.title));
  return abortedExit(summary, err);
}

/** A run a guard ended is a failed run: its message on stderr, exit 1 (the summary and files are still written). */
function abortedExit(s: RunSummary, err: (s: string) => void): number {
  if (!s.aborted) return 0;
  err(`${s.aborted.message.zh}\n${s.aborted.message.en}\n`);
  return 1;
}

function replayCmd(rest: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { values, positionals } = args(rest, { events: { type: 'string' }, scenario: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('replay needs exactly one LOG');
  const file = positionals[0];
  if (values.events) checkOutPath(values.events as string, '--events');
  const log = readLogFile(file);
  const scenario = loadLogScenario(log, file, values.scenario as string | undefined);
  const ex = replay(scenario, log, { file, warn: (m) => err(`${m}\n`) });
  if (values.events) writeOut(values.events as string, eventsToJsonl(ex.events), '--events');
  const summary = summarize(ex);
  out(values.json ? JSON.stringify(summary, null, 2) + '\n' : formatSummary(summary, scenario.data.title));
  return abortedExit(summary, err);
}

function list(rest: string[], out: (s: string) => void): number {
  const { values } = args(rest, { json: { type: 'boolean' } });
  const rows = listBundledScenarioFiles().map((file) => {
    const data = parseScenarioText(readText(file), file);
    return { id: data.id, file: relative(process.cwd(), file), hazard: data.hazard, title: data.title, duration: data.duration };
  });
  if (values.json) {
    out(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  out('Bundled scenarios 内置想定\n');
  for (const r of rows) out(`  ${r.id.padEnd(16)} ${r.hazard.padEnd(14)} ${r.title.zh} / ${r.title.en}\n${' '.repeat(18)}${r.file}, ${formatSimTime(r.duration)}\n`);
  return 0;
}

function schema(rest: string[], out: (s: string) => void): number {
  const { values } = args(rest, { out: { type: 'string' } });
  const dir = (values.out as string | undefined) ?? 'docs';
  for (const [name, s] of Object.entries(jsonSchemas())) {
    const path = `${dir}/${name}`;
    writeOut(path, JSON.stringify(s, null, 2) + '\n', '--out');
    out(`wrote ${path}\n`);
  }
  return 0;
}

/** "rule:entity" labels grouped by rule: "waterlog ×4, trees-down ×3" (a single one keeps its entity). */
function byRule(labels: string[]): string {
  const groups = new Map<string, string[]>();
  for (const l of labels) {
    const rule = l.slice(0, l.indexOf(':') < 0 ? l.length : l.indexOf(':'));
    groups.set(rule, [...(groups.get(rule) ?? []), l]);
  }
  return [...groups].map(([rule, ls]) => (ls.length === 1 ? ls[0] : `${rule} ×${ls.length}`)).join(', ');
}

function formatSummary(s: RunSummary, title: { zh: string; en: string }): string {
  const t = (m: number | null) => (m === null ? '—' : formatSimTime(m));
  const lines = [
    `${title.zh} / ${title.en}`,
    `  seed 随机种子 ${s.seed}   plan 预案 ${s.plan ?? '(none 无)'}   ran 推演 ${formatSimTime(s.simMinutes)}   events 事件 ${s.events}`,
    `  commands 指令: ${s.commands.accepted} accepted 执行, ${s.commands.refused} refused 拒绝`,
    '',
    `  deaths 死亡 (expected 期望值)      ${s.deaths} (${s.deathsExpected})`,
    // Lines for what happened in this run: a chemical release (its own or one a chain started), an earthquake.
    ...(s.quake ? [
      `  injured 受伤                       ${s.quake.injured}`,
      `  trapped / rescued 被困 / 获救      ${s.quake.trapped} / ${s.quake.rescued}`,
      `  died while trapped 被困死亡        ${s.quake.diedTrapped}`
    ] : []),
    ...(s.chemicalRelease ? [`  exposed above AEGL-1/2/3 暴露人数  ${s.exposedAbove.aegl1} / ${s.exposedAbove.aegl2} / ${s.exposedAbove.aegl3}`] : []),
    `  evacuated 疏散                     ${s.evacuated}`,
    `  first incident reported 首次接报   ${t(s.firstReportMin)}`,
    `  first team on scene 首支队伍到场   ${t(s.firstTeamOnSceneMin)}`,
    ...(s.chemicalRelease ? [`  source isolated 关阀堵漏           ${t(s.sourceStoppedMin)}`] : []),
    `  response levels 响应级别           ${Object.entries(s.maxResponseLevel).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}`,
    `  response inversion 响应倒挂        ${s.inversion ? 'YES 是' : 'no 否'}`,
    '',
    `  incidents 事件 (${s.incidents.length}):`,
    ...s.incidents.map((i) => `    ${i.id.padEnd(32)} ${i.kind.padEnd(18)} ${i.status.padEnd(11)} grade 等级 ${i.grade}`),
    `  secondary disasters 次生灾害: ${byRule(s.cascades.triggered) || 'none 无'}`,
    `  prevented 被阻止: ${byRule(s.cascades.prevented) || 'none 无'}`
  ];
  return lines.join('\n') + '\n';
}
