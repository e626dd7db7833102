/**
 * A small Redis client speaking RESP2 over a TCP socket, shaped as BullMQ's `IRedisClient`.
 * BullMQ 6 leaves the Redis driver to the application (ioredis, node-redis, … are optional peer
 * packages); this client lets the project talk to a real redis-server with no further package.
 * Replies come back raw, as ioredis gives them (bulk strings as UTF-8 text, integers as numbers,
 * nil as null), except HGETALL, which is an object — the same contract as BullMQ's own ioredis
 * adapter. Lua scripts are loaded once per connection (SCRIPT LOAD) and run by EVALSHA.
 *
 * It does not reconnect: when the connection drops, pending commands fail with BullMQ's
 * ConnectionClosedError and the client ends, which stops the queue objects built on it.
 * Protocol: https://redis.io/docs/latest/develop/reference/protocol-spec/ (RESP2).
 */
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ConnectionClosedError } from 'bullmq';

export interface RespOptions {
  host?: string;
  port?: number;
  db?: number;
  username?: string;
  password?: string;
  /** Connect only when `connect()` is called. */
  lazyConnect?: boolean;
  [k: string]: unknown;
}

type Arg = string | number | Buffer | null | undefined | boolean;
type Reply = string | number | null | Error | Reply[];

/** An error reply from the server ("-ERR …"). */
export class ReplyError extends Error {}

const CRLF = Buffer.from('\r\n');

function encode(args: Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(a === null || a === undefined ? '' : String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, CRLF);
  }
  return Buffer.concat(parts);
}

/** Parse one reply at `pos`; undefined when the buffer does not yet hold all of it. */
function parse(buf: Buffer, pos: number): { value: Reply; end: number } | undefined {
  const nl = buf.indexOf(CRLF, pos);
  if (nl < 0) return undefined;
  const type = buf[pos];
  const line = buf.toString('utf8', pos + 1, nl);
  const next = nl + 2;
  switch (type) {
    case 0x2b: return { value: line, end: next }; // +
    case 0x2d: return { value: new ReplyError(line), end: next }; // -
    case 0x3a: return { value: Number(line), end: next }; // :
    case 0x24: { // $
      const len = Number(line);
      if (len < 0) return { value: null, end: next };
      if (buf.length < next + len + 2) return undefined;
      return { value: buf.toString('utf8', next, next + len), end: next + len + 2 };
    }
    case 0x2a: { // *
      const n = Number(line);
      if (n < 0) return { value: null, end: next };
      const out: Reply[] = [];
      let p = next;
      for (let i = 0; i < n; i++) {
        const r = parse(buf, p);
        if (!r) return undefined;
        out.push(r.value);
        p = r.end;
      }
      return { value: out, end: p };
    }
    default:
      throw new Error(`unexpected Redis reply byte 0x${type.toString(16)}`);
  }
}

function flatten(args: unknown[]): Arg[] {
  const out: Arg[] = [];
  for (const a of args) {
    if (Array.isArray(a)) out.push(...flatten(a));
    else out.push(a as Arg);
  }
  return out;
}

function pairsToObject(r: Reply): Record<string, string> {
  const o: Record<string, string> = {};
  if (Array.isArray(r)) for (let i = 0; i + 1 < r.length; i += 2) o[String(r[i])] = r[i + 1] as string;
  return o;
}

interface Script {
  sha: string;
  lua: string;
  keys: number;
}

interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

export class RespClient extends EventEmitter {
  status: 'wait' | 'connecting' | 'connect' | 'ready' | 'end' = 'wait';
  readonly isCluster = false;
  readonly options: RespOptions;
  private socket: Socket | null = null;
  private pending: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private scripts = new Map<string, Script>();
  private loadedScripts = new Map<string, Promise<unknown>>();
  private connecting: Promise<void> | null = null;

  constructor(options: RespOptions = {}) {
    super();
    this.options = { ...options };
    if (!options.lazyConnect) this.connect().catch(() => { /* reported through 'error' */ });
  }

  connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    this.status = 'connecting';
    this.connecting = new Promise<void>((resolve, reject) => {
      const socket = createConnection({ host: this.options.host ?? '127.0.0.1', port: this.options.port ?? 6379 });
      this.socket = socket;
      socket.setNoDelay(true);
      socket.on('data', (d) => this.onData(d));
      socket.once('connect', async () => {
        this.status = 'connect';
        this.emit('connect');
        try {
          if (this.options.password !== undefined) {
            await this.call(this.options.username ? ['AUTH', this.options.username, this.options.password] : ['AUTH', this.options.password], true);
          }
          if (this.options.db) await this.call(['SELECT', this.options.db], true);
          this.status = 'ready';
          this.emit('ready');
          resolve();
        } catch (e) {
          this.emit('error', e);
          reject(e);
          this.disconnect();
        }
      });
      socket.on('error', (e) => {
        if (this.status === 'connecting') reject(e);
        this.emit('error', e);
      });
      socket.on('close', () => this.ended(new ConnectionClosedError()));
    });
    return this.connecting;
  }

  private ended(err: Error): void {
    if (this.status === 'end') return;
    this.status = 'end';
    const p = this.pending;
    this.pending = [];
    for (const x of p) x.reject(err);
    this.emit('close');
    this.emit('end');
  }

  private onData(d: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
    let pos = 0;
    for (;;) {
      if (pos >= this.buffer.length) break;
      const r = parse(this.buffer, pos);
      if (!r) break;
      pos = r.end;
      const p = this.pending.shift();
      if (!p) continue;
      if (r.value instanceof Error) p.reject(r.value);
      else p.resolve(r.value);
    }
    this.buffer = pos >= this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(pos);
  }

  /** Send one command; `early` lets the connection handshake run before the client is ready. */
  call(args: Arg[], early = false): Promise<Reply> {
    if (this.status === 'end') return Promise.reject(new ConnectionClosedError());
    const go = (): Promise<Reply> =>
      new Promise((resolve, reject) => {
        if (!this.socket || this.status === 'end') return reject(new ConnectionClosedError());
        this.pending.push({ resolve, reject });
        this.socket.write(encode(args));
      });
    if (early || this.status === 'ready') return go();
    return this.connect().then(go);
  }

  private async callMany(cmds: Arg[][]): Promise<Reply[]> {
    return Promise.all(cmds.map((c) => this.call(c).catch((e: Error) => e)));
  }

  disconnect(_reconnect?: boolean): void {
    this.socket?.destroy();
    this.ended(new ConnectionClosedError());
  }

  async quit(): Promise<string> {
    if (this.status === 'end') return 'OK';
    try {
      const r = await this.call(['QUIT']);
      return String(r);
    } finally {
      this.disconnect();
    }
  }

  duplicate(overrides: RespOptions = {}): RespClient {
    return new RespClient({ ...this.options, ...overrides });
  }

  // ---- scripts ----

  defineCommand(name: string, def: { numberOfKeys: number; lua: string }): void {
    this.scripts.set(name, { sha: createHash('sha1').update(def.lua).digest('hex'), lua: def.lua, keys: def.numberOfKeys });
  }

  private script(name: string): Script {
    const s = this.scripts.get(name);
    if (!s) throw new Error(`Redis script "${name}" was not defined`);
    return s;
  }

  private ensureLoaded(s: Script): Promise<unknown> {
    let p = this.loadedScripts.get(s.sha);
    if (!p) {
      p = this.call(['SCRIPT', 'LOAD', s.lua]);
      p.catch(() => this.loadedScripts.delete(s.sha));
      this.loadedScripts.set(s.sha, p);
    }
    return p;
  }

  private evalArgs(s: Script, args: unknown[]): Arg[] {
    return ['EVALSHA', s.sha, s.keys, ...flatten(args)];
  }

  async runCommand(name: string, args: unknown[]): Promise<unknown> {
    const s = this.script(name);
    await this.ensureLoaded(s);
    try {
      return await this.call(this.evalArgs(s, args));
    } catch (e) {
      if (!String((e as Error).message).startsWith('NOSCRIPT')) throw e;
      // The server lost its script cache (restart, SCRIPT FLUSH): load again once.
      this.loadedScripts.delete(s.sha);
      await this.ensureLoaded(s);
      return this.call(this.evalArgs(s, args));
    }
  }

  // ---- transactions and pipelines ----

  multi(): RespTransaction {
    return new RespTransaction(this, true);
  }

  pipeline(): RespTransaction {
    return new RespTransaction(this, false);
  }

  /** Run queued commands, in a MULTI/EXEC block or as a plain pipeline; replies as [error, value]. */
  async execQueued(cmds: { args: Arg[]; map?: (r: Reply) => unknown; script?: Script }[], atomic: boolean): Promise<[Error | null, unknown][]> {
    for (const c of cmds) if (c.script) await this.ensureLoaded(c.script);
    if (!atomic) {
      const replies = await this.callMany(cmds.map((c) => c.args));
      return replies.map((r, i) => (r instanceof Error ? [r, null] : [null, cmds[i].map ? cmds[i].map!(r) : r]));
    }
    const all = await this.callMany([['MULTI'], ...cmds.map((c) => c.args), ['EXEC']]);
    const exec = all[all.length - 1];
    if (exec instanceof Error) throw exec;
    if (exec === null) return null as unknown as [Error | null, unknown][];
    return (exec as Reply[]).map((r, i) => (r instanceof Error ? [r, null] : [null, cmds[i].map ? cmds[i].map!(r) : r]));
  }

  scriptFor(name: string): Script {
    return this.script(name);
  }

  // ---- commands BullMQ uses ----

  async hgetall(key: string): Promise<Record<string, string>> {
    return pairsToObject(await this.call(['HGETALL', key]));
  }
  hget(key: string, field: string) { return this.call(['HGET', key, field]) as Promise<string | null>; }
  hmget(key: string, ...fields: string[]) { return this.call(['HMGET', key, ...flatten(fields)]) as Promise<(string | null)[]>; }
  hset(key: string, data: Record<string, string | number> | string, ...rest: Arg[]) {
    const args: Arg[] = ['HSET', key];
    if (typeof data === 'string') args.push(data, ...rest);
    else for (const [f, v] of Object.entries(data)) args.push(f, v);
    return this.call(args) as Promise<number>;
  }
  hdel(key: string, ...fields: string[]) { return this.call(['HDEL', key, ...fields]) as Promise<number>; }
  hexists(key: string, field: string) { return this.call(['HEXISTS', key, field]) as Promise<number>; }
  get(key: string) { return this.call(['GET', key]) as Promise<string | null>; }
  set(key: string, value: string | number, options?: { PX?: number; EX?: number } | string, ...rest: Arg[]) {
    const args: Arg[] = ['SET', key, value];
    if (typeof options === 'string') args.push(options, ...rest);
    else if (options?.PX != null) args.push('PX', options.PX);
    else if (options?.EX != null) args.push('EX', options.EX);
    return this.call(args) as Promise<string | null>;
  }
  del(...keys: string[]) { return this.call(['DEL', ...flatten(keys)]) as Promise<number>; }
  zrange(key: string, start: number, end: number, options?: { WITHSCORES?: boolean } | string) {
    const ws = options === 'WITHSCORES' || (typeof options === 'object' && options?.WITHSCORES);
    return this.call(['ZRANGE', key, start, end, ...(ws ? ['WITHSCORES'] : [])]) as Promise<string[]>;
  }
  zrevrange(key: string, start: number, end: number, options?: { WITHSCORES?: boolean } | string) {
    const ws = options === 'WITHSCORES' || (typeof options === 'object' && options?.WITHSCORES);
    return this.call(['ZREVRANGE', key, start, end, ...(ws ? ['WITHSCORES'] : [])]) as Promise<string[]>;
  }
  zcard(key: string) { return this.call(['ZCARD', key]) as Promise<number>; }
  zscore(key: string, member: string) { return this.call(['ZSCORE', key, member]) as Promise<string | null>; }
  lrange(key: string, start: number, end: number) { return this.call(['LRANGE', key, start, end]) as Promise<string[]>; }
  llen(key: string) { return this.call(['LLEN', key]) as Promise<number>; }
  ltrim(key: string, start: number, end: number) { return this.call(['LTRIM', key, start, end]) as Promise<string>; }
  lpos(key: string, value: string) { return this.call(['LPOS', key, value]) as Promise<number | null>; }
  smembers(key: string) { return this.call(['SMEMBERS', key]) as Promise<string[]>; }
  xadd(key: string, id: string, fields: Record<string, string | number>, options?: { MAXLEN?: number; approximate?: boolean }) {
    const args: Arg[] = ['XADD', key];
    if (options?.MAXLEN != null) args.push('MAXLEN', ...(options.approximate !== false ? ['~'] : []), options.MAXLEN);
    args.push(id);
    for (const [f, v] of Object.entries(fields)) args.push(f, v);
    return this.call(args) as Promise<string>;
  }
  xread(streams: { key: string; id: string }[], options?: { BLOCK?: number; COUNT?: number }) {
    const args: Arg[] = ['XREAD'];
    if (options?.BLOCK != null) args.push('BLOCK', options.BLOCK);
    if (options?.COUNT != null) args.push('COUNT', options.COUNT);
    args.push('STREAMS', ...streams.map((s) => s.key), ...streams.map((s) => s.id));
    return this.call(args);
  }
  xtrim(key: string, strategy: 'MAXLEN', threshold: number, options?: { approximate?: boolean }) {
    return this.call(['XTRIM', key, strategy, ...(options?.approximate !== false ? ['~'] : []), threshold]) as Promise<number>;
  }
  bzpopmin(key: string, timeout: number) { return this.call(['BZPOPMIN', key, timeout]) as Promise<[string, string, string] | null>; }
  info() { return this.call(['INFO']) as Promise<string>; }
  clientSetName(name: string) { return this.call(['CLIENT', 'SETNAME', name]); }
  clientList() { return this.call(['CLIENT', 'LIST']) as Promise<string>; }
  clientInfo() { return this.call(['CLIENT', 'INFO']) as Promise<string>; }
  scan(cursor: string | number, options: { MATCH?: string; COUNT?: number } = {}) {
    const args: Arg[] = ['SCAN', cursor];
    if (options.MATCH != null) args.push('MATCH', options.MATCH);
    if (options.COUNT != null) args.push('COUNT', options.COUNT);
    return this.call(args) as Promise<[string, string[]]>;
  }
  scanStream(options: { match: string; count?: number }): Readable {
    let cursor = '0';
    let finished = false;
    const client = this;
    return new Readable({
      objectMode: true,
      read() {
        if (finished) return void this.push(null);
        client.scan(cursor, { MATCH: options.match, COUNT: options.count }).then(([next, keys]) => {
          cursor = next;
          finished = next === '0';
          this.push(keys);
        }, (e: Error) => this.destroy(e));
      }
    });
  }
}

/** Commands queued for one MULTI/EXEC block or pipeline. */
export class RespTransaction {
  private cmds: { args: Arg[]; map?: (r: Reply) => unknown; script?: Script }[] = [];

  constructor(
    private client: RespClient,
    private atomic: boolean
  ) {}

  private add(args: Arg[], map?: (r: Reply) => unknown): this {
    this.cmds.push({ args, map });
    return this;
  }

  hgetall(key: string) { return this.add(['HGETALL', key], pairsToObject); }
  hset(key: string, data: Record<string, string | number>) {
    const args: Arg[] = ['HSET', key];
    for (const [f, v] of Object.entries(data)) args.push(f, v);
    return this.add(args);
  }
  hscan(key: string, cursor: string | number, options?: { COUNT?: number }) {
    return this.add(['HSCAN', key, cursor, ...(options?.COUNT != null ? ['COUNT', options.COUNT] : [])]);
  }
  smembers(key: string) { return this.add(['SMEMBERS', key]); }
  sscan(key: string, cursor: string | number, options?: { COUNT?: number }) {
    return this.add(['SSCAN', key, cursor, ...(options?.COUNT != null ? ['COUNT', options.COUNT] : [])]);
  }
  zrange(key: string, start: number, end: number) { return this.add(['ZRANGE', key, start, end]); }
  lrange(key: string, start: number, end: number) { return this.add(['LRANGE', key, start, end]); }
  llen(key: string) { return this.add(['LLEN', key]); }
  del(...keys: string[]) { return this.add(['DEL', ...flatten(keys)]); }
  runCommand(name: string, args: unknown[]) {
    const s = this.client.scriptFor(name);
    this.cmds.push({ args: ['EVALSHA', s.sha, s.keys, ...flatten(args)], script: s });
    return this;
  }
  exec(): Promise<[Error | null, unknown][] | null> {
    const cmds = this.cmds;
    this.cmds = [];
    return this.client.execQueued(cmds, this.atomic);
  }
}
