/**
 * A log file as read from outside: its shape (zod), then what only the scenario can tell (times
 * within the run, seats that exist, a plan that fits). Every problem comes back with its field
 * path, e.g. `commands[3].t`, in Chinese and English.
 */
import { z } from 'zod';
import { PlanBody, type Plan } from '../scenario/schema.ts';
import { InputFileError, formatPath, type FileIssue } from '../scenario/errors.ts';
import { checkPlanAgainst, type Scenario } from '../scenario/load.ts';
import { FACILITATOR } from '../commands/authority.ts';
import type { LoggedCommand } from './state.ts';
import type { LogDigests } from './logDigest.ts';

export const LOG_FORMAT = 'yanlian/log@2';
/** The format before logs kept digests: still replayed, but nothing in it can be checked. */
export const LOG_FORMAT_V1 = 'yanlian/log@1';

export interface RunLog {
  format: typeof LOG_FORMAT | typeof LOG_FORMAT_V1;
  /** The engine version the run was made with (absent in @1 logs). */
  engine?: string;
  /** Where to find the scenario: a bundled scenario's name or a file path. */
  scenario: string;
  /** The scenario was uploaded to the live app: replay needs that YAML, given with --scenario FILE. */
  scenarioUploaded?: boolean;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  /** The plan the autopilot ran, in full (null: no autopilot). */
  plan: Plan | null;
  until: number;
  commands: LoggedCommand[];
  /** What replay checks the rest against (absent in @1 logs). */
  digests?: LogDigests;
}

const bi = (zh: string, en: string) => `${zh} / ${en}`;

const Hex = z.string().regex(/^[0-9a-f]{64}$/, bi('应为 SHA-256（64 位十六进制）', 'expected a SHA-256 as 64 hex digits'));
const Minutes = z
  .number({ error: bi('应为推演分钟数（数字）', 'expected sim-minutes (a number)') })
  .min(0, bi('推演分钟数不能为负', 'sim-minutes cannot be negative'));
const Text = (zh: string, en: string) => z.string({ error: bi(zh, en) }).min(1, bi(zh, en));

const Command = z.object(
  {
    t: Minutes,
    seat: Text('应为席位 id', 'expected a seat id'),
    // Any JSON: a malformed order was logged as given (null when missing) and is refused again.
    cmd: z.unknown().transform((v) => (v === undefined ? null : v))
  },
  { error: bi('应为指令 { t, seat, cmd }', 'expected a command { t, seat, cmd }') }
);

const Commands = z.array(Command, { error: bi('应为指令列表', 'expected a list of commands') }).superRefine((cs, ctx) => {
  for (let i = 1; i < cs.length; i++) {
    if (cs[i].t < cs[i - 1].t) ctx.addIssue({ code: 'custom', path: [i, 't'], message: bi(`指令时间早于前一条（${cs[i - 1].t}）`, `earlier than the command before it (${cs[i - 1].t}): commands are in the order they were given`) });
  }
});

const Base = {
  scenario: Text('应为想定名称或文件路径', 'expected the scenario\'s name or file path'),
  scenarioId: Text('应为想定 id', 'expected the scenario id'),
  scenarioHash: Hex,
  seed: z.string({ error: bi('应为随机种子（字符串）', 'expected the seed (a string)') }),
  plan: PlanBody.nullable(),
  until: Minutes,
  commands: Commands
};

const Digests = z.object(
  {
    engine: Hex, scenario: Hex, seed: Hex, plan: Hex, until: Hex,
    commands: z.array(Hex),
    events: z.object({ count: z.number().int().min(0), sha256: Hex })
  },
  { error: bi('应为摘要对象', 'expected the digests object') }
);

const V1 = z.object({ format: z.literal(LOG_FORMAT_V1), ...Base });
/** The file format as written (also the JSON Schema `yanlian schema` writes as log.schema.json). */
export const LogFile = z.object({
  format: z.literal(LOG_FORMAT),
  engine: Text('应为引擎版本', 'expected the engine version'),
  ...Base,
  scenarioUploaded: z.boolean().optional(),
  digests: Digests
});

function fail(file: string, issues: FileIssue[]): never {
  throw new InputFileError(file, issues);
}

/** Deeper than any log the engine writes: hashing and replaying recurse, so such a file is refused first. */
const MAX_DEPTH = 64;

/** The path of a value nested deeper than `max` (found without recursion), or null. */
function tooDeep(root: unknown, max: number): PropertyKey[] | null {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: root, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (path.length >= max) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
  }
  return null;
}

/** Check a parsed JSON value as a log. The plan and commands are kept exactly as written: the digests cover them. */
export function parseLog(raw: unknown, file: string): RunLog {
  const format = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { format?: unknown }).format : undefined;
  if (format !== LOG_FORMAT && format !== LOG_FORMAT_V1) {
    fail(file, [{ path: 'format', message: bi(`应为 "${LOG_FORMAT}"（yanlian run --log 写的或从在线演练导出的日志）`, `expected "${LOG_FORMAT}" (a log written by yanlian run --log or exported from a live exercise; "${LOG_FORMAT_V1}" is read too)`) }]);
  }
  const deep = tooDeep(raw, MAX_DEPTH);
  if (deep) fail(file, [{ path: formatPath(deep), message: bi(`嵌套超过 ${MAX_DEPTH} 层`, `nested more than ${MAX_DEPTH} levels deep`) }]);
  const r = (format === LOG_FORMAT ? LogFile : V1).safeParse(raw);
  if (!r.success) fail(file, r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message.includes(' / ') ? i.message : bi('格式错误', i.message) })));
  const given = raw as { plan: unknown };
  return { ...r.data, plan: given.plan as Plan | null } as RunLog;
}

/**
 * What the scenario can tell about a log: no time past the scenario's end, a plan that fits it,
 * and in an @1 log only seats that exist. A @2 log may hold a command of an unknown seat: the
 * engine logs every command it is given and refuses that one in the stream, which the digests cover.
 */
export function checkLogAgainst(log: RunLog, scenario: Scenario, file: string): void {
  const d = scenario.data;
  const issues: FileIssue[] = [];
  const end = bi(`超过想定时长 ${d.duration} 分钟`, `after the scenario's end (${d.duration} sim-minutes)`);
  if (log.until > d.duration) issues.push({ path: 'until', message: end });
  const seats = new Set(d.seats.map((s) => s.id));
  log.commands.forEach((c, i) => {
    if (c.t > d.duration) issues.push({ path: `commands[${i}].t`, message: end });
    if (!log.digests && c.seat !== FACILITATOR && !seats.has(c.seat)) issues.push({ path: `commands[${i}].seat`, message: bi(`想定中没有席位 "${c.seat}"`, `unknown seat "${c.seat}": not a seat of scenario ${d.id} nor the facilitator`) });
  });
  if (log.plan) {
    try {
      checkPlanAgainst(log.plan, d, new Set(scenario.world.districts.map((x) => x.id)), file, 'plan.');
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      issues.push(...e.issues.map((i) => ({ ...i, message: bi('预案与想定不符', i.message) })));
    }
  }
  if (issues.length) fail(file, issues);
}
