/**
 * The digests a log keeps of its own content and of the stream it produced, so that replay can
 * say which part of a log was changed after the run. A digest per part (engine, scenario, seed,
 * plan, until), a hash chain over the commands (link i covers commands 0..i, so the first link
 * that differs is the first command changed, inserted or removed), and the SHA-256 of the first
 * `count` lines of the event stream as JSON lines. These detect edits; they are not a signature:
 * anyone with the engine can write a consistent log.
 */
import { sha256Hex } from '../util/sha256.ts';
import { canonicalJson } from '../util/canonical.ts';
import { eventsToJsonl, type DomainEvent } from './events.ts';
import type { LoggedCommand } from './state.ts';

export const LOG_PARTS = ['engine', 'scenario', 'seed', 'plan', 'until'] as const;
export type LogPart = (typeof LOG_PARTS)[number];

export interface LogDigests {
  engine: string;
  scenario: string;
  seed: string;
  plan: string;
  until: string;
  /** Link i = SHA-256 of (link i−1, command i). */
  commands: string[];
  /** The first `count` events of the run, as the JSON lines `eventsToJsonl` writes. */
  events: { count: number; sha256: string };
}

/** What each part digest covers: the part's name is hashed with it, so two parts cannot be swapped. */
export interface LogContent {
  engine: string;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  plan: unknown;
  until: number;
  commands: LoggedCommand[];
}

function partValue(log: LogContent, part: LogPart): unknown {
  return part === 'scenario' ? { id: log.scenarioId, hash: log.scenarioHash } : log[part];
}

export function partDigest(log: LogContent, part: LogPart): string {
  return sha256Hex(canonicalJson([part, partValue(log, part)]));
}

export function commandChain(commands: LoggedCommand[], prev = ''): string[] {
  const out: string[] = [];
  for (const c of commands) out.push((prev = chainLink(prev, c)));
  return out;
}

function chainLink(prev: string, c: LoggedCommand): string {
  return sha256Hex(canonicalJson([prev, { t: c.t, seat: c.seat, cmd: c.cmd }]));
}

export function eventsDigest(events: DomainEvent[]): { count: number; sha256: string } {
  return { count: events.length, sha256: sha256Hex(eventsToJsonl(events)) };
}

export function digestLog(log: LogContent, events: DomainEvent[]): LogDigests {
  const parts = Object.fromEntries(LOG_PARTS.map((p) => [p, partDigest(log, p)])) as Record<LogPart, string>;
  return { ...parts, commands: commandChain(log.commands), events: eventsDigest(events) };
}

/** A part of a log that does not match its digest, in both languages. */
export interface LogDifference {
  part: LogPart | 'commands' | 'events';
  /** For commands: the first index that differs, and how. */
  index?: number;
  change?: 'changed' | 'inserted' | 'removed';
  zh: string;
  en: string;
}

const PART_NAMES: Record<LogPart, { zh: string; en: string }> = {
  engine: { zh: '引擎版本', en: 'the engine version' },
  scenario: { zh: '想定（id 与哈希）', en: 'the scenario (id and hash)' },
  seed: { zh: '随机种子', en: 'the seed' },
  plan: { zh: '预案', en: 'the plan' },
  until: { zh: '推演截止时刻', en: 'until (where the run stopped)' }
};

/** The first part of the log's content that differs from what was recorded, or null. */
export function contentDifference(log: LogContent, recorded: LogDigests): LogDifference | null {
  for (const part of LOG_PARTS) {
    if (partDigest(log, part) === recorded[part]) continue;
    const n = PART_NAMES[part];
    return { part, zh: `${n.zh}与运行时记录的不同，日志在运行后被改动过`, en: `${n.en} differs from the one the run was recorded with: the log was changed after the run` };
  }
  return commandsDifference(log.commands, recorded.commands);
}

/**
 * The first command that differs from the recorded chain, and whether it was changed, inserted
 * or removed: each is tried as the one edit that makes the rest of the chain match again.
 */
export function commandsDifference(commands: LoggedCommand[], recorded: string[]): LogDifference | null {
  const chain = commandChain(commands);
  const n = commands.length;
  const m = recorded.length;
  let i = 0;
  while (i < n && i < m && chain[i] === recorded[i]) i++;
  if (i === n && i === m) return null;
  // Do these log commands, chained on from recorded link `from − 1`, give every recorded link from `from` on?
  const matches = (cmds: LoggedCommand[], from: number) =>
    from <= m && cmds.length === m - from && commandChain(cmds, from > 0 ? recorded[from - 1] : '').every((l, k) => l === recorded[from + k]);
  let change: LogDifference['change'];
  if (i < n && matches(commands.slice(i + 1), i)) change = 'inserted';
  else if (i < m && matches(commands.slice(i), i + 1)) change = 'removed';
  else if (i < n && i < m && matches(commands.slice(i + 1), i + 1)) change = 'changed';
  const at = `commands[${i}]`;
  switch (change) {
    case 'changed':
      return { part: 'commands', index: i, change, zh: `${at}：这条指令与运行时记录的不同（运行后被改动过）`, en: `${at} differs from the command the run recorded there (changed after the run)` };
    case 'inserted':
      return { part: 'commands', index: i, change, zh: `${at}：运行时没有这条指令（运行后被插入）`, en: `${at} was not given in the run (inserted after the run)` };
    case 'removed':
      return { part: 'commands', index: i, change, zh: `运行时记录的 ${at} 不见了（运行后被删除）`, en: `the command the run recorded as ${at} is missing (removed after the run)` };
    default:
      return {
        part: 'commands', index: i,
        zh: `从 ${at} 起指令与运行时记录的不同（日志有 ${n} 条指令，运行时记录了 ${m} 条）`,
        en: `the commands differ from the recorded ones from ${at} on (the log has ${n} commands, the run recorded ${m})`
      };
  }
}
