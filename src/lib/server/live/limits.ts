/**
 * The live server's limits: how much one request may carry and how often a seat may order, so
 * that no single caller can exhaust the server. Each is documented in docs/live-api.md
 * ("Limits"); going over answers a 4xx JSON error in both languages, never a 500.
 */
import { badRequest, tooMany, type Issue } from './errors.ts';

const KiB = 1024;

function envInt(name: string, dflt: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : dflt;
}

const MiB = 1024 * 1024;

export const LIMITS = {
  /** A JSON body of any endpoint not named below (clock, fork, observations, …). */
  jsonBody: 64 * KiB,
  /** A command's body. */
  commandBody: 64 * KiB,
  /** Any string inside a command (free text of a report, an inject, …), in characters. */
  commandText: 2_000,
  /** Elements of any array inside a command. */
  commandArray: 500,
  /** `POST /api/exercises` with an uploaded scenario (its YAML and files). */
  createBody: 24 * MiB,
  /** One uploaded scenario file (the YAML or one of its files), in UTF-8 bytes. */
  uploadFile: 8 * MiB,
  /** Files an upload may carry besides its YAML. */
  uploadFiles: 50,
  /** `PUT …/msel` (the console's editor, JSON rows). */
  mselJson: 4 * MiB,
  /** An uploaded MSEL file (CSV or .xlsx), in bytes as sent. */
  mselFile: 2 * MiB,
  /** The uncompressed size of everything in an .xlsx (the zip's declared and actual sizes). */
  xlsxUncompressed: 16 * MiB,
  /** Entries in an .xlsx (zip). */
  xlsxEntries: 200,
  /** Rows of a MSEL (CSV, .xlsx or JSON), not counting the header. */
  mselRows: 1_000,
  /** A MSEL cell, in characters. */
  mselCell: 2_000,
  /** Commands per seat (and per facilitator) of one exercise: a burst, then a steady rate per second. */
  ordersBurst: 10,
  ordersPerSecond: 5,
  /** Open event streams per token (and exercise: a group's facilitator token has as many per cell). `YANLIAN_STREAMS_PER_TOKEN` overrides it (the load benchmark holds many streams per seat). */
  streamsPerToken: envInt('YANLIAN_STREAMS_PER_TOKEN', 4),
  /** An Idempotency-Key header, in characters. */
  idempotencyKey: 200
} as const;

/** Every string and array inside a command within bounds; 400 naming the paths otherwise. */
export function checkCommandSize(body: unknown): void {
  const issues: Issue[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (issues.length >= 10) return;
    if (depth > 20) {
      issues.push({ path, message: 'nested too deeply' });
      return;
    }
    if (typeof v === 'string') {
      if (v.length > LIMITS.commandText) issues.push({ path, message: `expected at most ${LIMITS.commandText} characters, got ${v.length}` });
    } else if (Array.isArray(v)) {
      if (v.length > LIMITS.commandArray) issues.push({ path, message: `expected at most ${LIMITS.commandArray} items, got ${v.length}` });
      else v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(body, '', 0);
  if (issues.length) throw badRequest(`指令过长：文本最多 ${LIMITS.commandText} 字`, `the command is too long: text fields take at most ${LIMITS.commandText} characters`, issues);
}

/**
 * A token bucket per key: `burst` requests at once, refilled at `perSecond`. `take` throws 429 with
 * Retry-After when the bucket is empty. Keys are held in a Map (ids from outside are data).
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly wall: () => number = Date.now
  ) {}

  take(key: string): void {
    const now = this.wall();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      const wait = (1 - b.tokens) / this.perSecond;
      throw tooMany(
        `指令过于频繁：每个席位每秒最多 ${this.perSecond} 条，请 ${Math.ceil(wait)} 秒后重试`,
        `too many commands: at most ${this.perSecond} a second per seat; retry in ${Math.ceil(wait)} s`,
        wait
      );
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.prune(now);
  }

  /** Forget full buckets (they would be full again anyway). */
  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(k);
  }
}

const KEY = Symbol.for('yanlian.live.orderLimiter');
type WithLimiter = typeof globalThis & { [KEY]?: RateLimiter };

/** The server's limiter of commands per (exercise, role). */
export function orderLimiter(): RateLimiter {
  const g = globalThis as WithLimiter;
  return (g[KEY] ??= new RateLimiter(LIMITS.ordersBurst, LIMITS.ordersPerSecond));
}

const STREAMS = Symbol.for('yanlian.live.streamsPerToken');
type WithStreams = typeof globalThis & { [STREAMS]?: Map<string, number> };

/**
 * Count an open stream of `token`; 429 when it already has `streamsPerToken` open. Returns the
 * release function (call it once, when the stream ends).
 */
export function openStreamSlot(token: string, exerciseId: string): () => void {
  const g = globalThis as WithStreams;
  const open = (g[STREAMS] ??= new Map<string, number>());
  const key = `${token}\n${exerciseId}`;
  const n = open.get(key) ?? 0;
  if (n >= LIMITS.streamsPerToken) {
    throw tooMany(
      `此令牌已打开 ${n} 个实时连接（上限 ${LIMITS.streamsPerToken}）；请关闭多余的页面`,
      `this token already has ${n} open streams (at most ${LIMITS.streamsPerToken}); close a page first`,
      5
    );
  }
  open.set(key, n + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(key) ?? 1) - 1;
    if (left <= 0) open.delete(key);
    else open.set(key, left);
  };
}
