/**
 * Every live exercise of this server: created, forked, found by token, driven by their clocks.
 * At start it rebuilds each stored exercise from its log (so a restart resumes where the log
 * stands) and restarts the clocks that were running.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ENGINE_VERSION, FACILITATOR, InputFileError, LOG_FORMAT, digestLog, type RunLog, type Scenario } from '../../../../engine/index.ts';
import { LiveStore, type ExerciseRow } from './store.ts';
import { LiveClock, checkSpeed } from './clock.ts';
import { LiveExercise, type Status } from './liveExercise.ts';
import { loadBundled, loadFromBundle, loadUpload, logSource, type ScenarioBundle } from './scenarioSource.ts';
import { ApiError, badRequest, conflict, formatBytes, forbidden, notFound } from './errors.ts';
import type { MselRow } from './msel.ts';
import { failureLog } from './containment.ts';
import { idempotency } from './idempotency.ts';
import { LIMITS } from './limits.ts';

/** How often the driver moves the clocks on (ms), and how often streams get a clock message. */
const TICK_MS = 100;
const CLOCK_EVERY_MS = 1000;

export type ClockAction = 'start' | 'pause' | 'resume' | 'speed' | 'next-inject' | 'end';

export interface CreateInput {
  scenario: string | { yaml: string; files?: Record<string, string> };
  seed: number | string;
  speed?: number;
  name: string;
  cells?: number;
  autopilot?: boolean;
}

export interface Access {
  live: LiveExercise;
  role: string;
  /** The group the caller's token controls (facilitator of parallel cells), if any. */
  groupId: string | null;
}

export interface SeatLink {
  id: string;
  name: { zh: string; en: string };
  tier: string;
  token: string;
  url: string;
}

const newId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
const newToken = () => randomBytes(32).toString('base64url');

export class Registry {
  readonly store: LiveStore;
  readonly exercises = new Map<string, LiveExercise>();
  readonly clocks = new Map<string, LiveClock>();
  /** Clock id → the exercises it drives (one, or every cell of a group). */
  private members = new Map<string, LiveExercise[]>();
  /** Exercises that could not be rebuilt at start (id → why). */
  readonly broken = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private lastClockMsg = 0;

  constructor(dbFile: string) {
    this.store = new LiveStore(dbFile);
    for (const row of this.store.exercises()) {
      try {
        this.load(row);
      } catch (e) {
        this.broken.set(row.id, (e as Error).message);
        console.warn(`[yanlian] exercise ${row.id} could not be resumed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    for (const [id, clock] of this.clocks) {
      // The clock's stored time may lag the last command by up to a tick of persistence.
      const reached = Math.max(clock.now(), ...(this.members.get(id) ?? []).map((c) => c.t));
      if (reached > clock.now()) clock.setTime(reached);
      if (this.store.clock(id)?.running) clock.start();
    }
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  private clockFor(id: string): LiveClock {
    let c = this.clocks.get(id);
    if (!c) {
      const row = this.store.clock(id);
      if (!row) throw new Error(`clock ${id} is missing from the store`);
      c = new LiveClock(id, row.speed, row.t);
      this.clocks.set(id, c);
    }
    return c;
  }

  private load(row: ExerciseRow, scenario?: Scenario): LiveExercise {
    const sc = scenario ?? loadFromBundle(this.store.bundleOf(row));
    const clock = this.clockFor(row.clock_id);
    const live = new LiveExercise(this.store, row, sc, clock);
    this.exercises.set(row.id, live);
    const list = this.members.get(clock.id) ?? [];
    list.push(live);
    this.members.set(clock.id, list);
    return live;
  }

  /** End every live stream: at shutdown, so that the server need not wait for them. */
  closeStreams(): void {
    this.persistClocks(true);
    for (const live of this.exercises.values()) for (const s of [...live.subscribers]) s.close();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.persistClocks(true);
    this.store.close();
  }

  // ---------- the driver ----------

  private tick(): void {
    const now = Date.now();
    const clockMsg = now - this.lastClockMsg >= CLOCK_EVERY_MS;
    if (clockMsg) this.lastClockMsg = now;
    for (const [id, clock] of this.clocks) {
      if (!clock.running) continue;
      const target = clock.now();
      const cells = this.members.get(id) ?? [];
      // An engine failure halts its exercise and stops the clock (advance never throws): it does not repeat ten times a second.
      for (const live of cells) live.advance(target);
      if (!clock.running || cells.every((c) => c.status !== 'running' || c.failure)) {
        clock.stop();
        this.saveClock(clock);
        for (const c of cells) c.broadcast('clock', c.clockInfo());
        continue;
      }
      if (clockMsg) for (const c of cells) c.broadcast('clock', c.clockInfo());
    }
    if (clockMsg) this.persistClocks(false);
  }

  /** Write each clock's sim-time (where a restart resumes). */
  private persistClocks(all: boolean): void {
    for (const clock of this.clocks.values()) {
      if (!all && !clock.running) continue;
      const t = this.clockT(clock);
      if (t !== clock.persistedT) {
        this.store.saveClockT(clock.id, t);
        clock.persistedT = t;
      }
    }
  }

  /** The sim-time the clock's exercises have reached (not beyond: a restart must not skip what was not yet run). */
  private clockT(clock: LiveClock): number {
    const cells = this.members.get(clock.id) ?? [];
    return cells.length ? Math.max(...cells.map((c) => c.t)) : clock.now();
  }

  private saveClock(clock: LiveClock): void {
    const t = this.clockT(clock);
    this.store.saveClock({ id: clock.id, speed: clock.speed, running: clock.running ? 1 : 0, t });
    clock.persistedT = t;
  }

  // ---------- creating ----------

  private scenarioOf(input: CreateInput['scenario']): { scenario: Scenario; bundle: ScenarioBundle; id: string } {
    if (typeof input === 'string') {
      const found = loadBundled(input);
      if (!found) throw notFound(`scenario "${input}"`);
      return { ...found, id: found.scenario.data.id };
    }
    if (!input || typeof input !== 'object' || typeof input.yaml !== 'string') {
      throw badRequest('scenario 应为内置想定的 id 或 { yaml, files }', 'scenario must be a bundled scenario id or { yaml, files }', [{ path: 'scenario', message: 'expected a string or { yaml: string, files?: { [path]: string } }' }]);
    }
    const files = input.files ?? {};
    if (typeof files !== 'object' || Array.isArray(files) || Object.values(files).some((v) => typeof v !== 'string')) {
      throw badRequest('files 应为 { 相对路径: 文本 }', 'files must be { relative path: text }', [{ path: 'scenario.files', message: 'expected { [relative path]: string }' }]);
    }
    checkUploadSizes(input.yaml, files);
    try {
      const found = loadUpload(input.yaml, files);
      return { ...found, id: found.scenario.data.id };
    } catch (e) {
      if (e instanceof InputFileError) {
        throw new ApiError(400, 'invalid-scenario', '想定文件有错误', `the scenario has mistakes:\n${e.message}`, e.issues.map((i) => ({ path: i.path, message: i.message })));
      }
      throw e;
    }
  }

  create(input: CreateInput, origin: string): Record<string, unknown> {
    const issues: { path: string; message: string }[] = [];
    const name = typeof input?.name === 'string' ? input.name.trim() : '';
    if (!name) issues.push({ path: 'name', message: 'expected a non-empty name' });
    if (name.length > 200) issues.push({ path: 'name', message: 'expected at most 200 characters' });
    const seed = input?.seed;
    if (!((typeof seed === 'number' && Number.isFinite(seed)) || (typeof seed === 'string' && seed.trim() !== ''))) issues.push({ path: 'seed', message: 'expected a number or a non-empty string' });
    else if (typeof seed === 'string' && seed.length > 200) issues.push({ path: 'seed', message: 'expected at most 200 characters' });
    const speed = input?.speed === undefined ? 10 : checkSpeed(input.speed);
    if (speed === null) issues.push({ path: 'speed', message: 'expected a number from 1 to 60' });
    const cells = input?.cells === undefined ? 1 : input.cells;
    if (!(Number.isInteger(cells) && cells >= 1 && cells <= 12)) issues.push({ path: 'cells', message: 'expected a whole number from 1 to 12' });
    if (input?.autopilot !== undefined && typeof input.autopilot !== 'boolean') issues.push({ path: 'autopilot', message: 'expected true or false' });
    if (issues.length) throw badRequest('请求有错误', 'the request has mistakes', issues);
    const { scenario, bundle, id: scenarioId } = this.scenarioOf(input.scenario);
    const created = new Date().toISOString();
    const bundleText = JSON.stringify(bundle);

    const makeCell = (id: string, cellName: string, groupId: string | null, clockId: string): ExerciseRow => ({
      id,
      name: cellName,
      group_id: groupId,
      clock_id: clockId,
      scenario_id: scenarioId,
      bundle: bundleText,
      seed: String(seed),
      autopilot: input.autopilot ? 1 : 0,
      started: 0,
      forked_from: null,
      fork_at: null,
      created_at: created
    });

    const facilitatorToken = newToken();
    if (cells === 1) {
      const id = newId('x');
      const row = makeCell(id, name, null, id);
      const seatTokens = scenario.data.seats.map((s) => ({ seat: s, token: newToken() }));
      this.store.transaction(() => {
        this.store.insertClock({ id, speed: speed!, running: 0, t: 0 });
        this.store.insertExercise(row);
        this.store.insertToken(facilitatorToken, id, FACILITATOR);
        for (const s of seatTokens) this.store.insertToken(s.token, id, s.seat.id);
      });
      this.load(row, scenario);
      return {
        id,
        name,
        facilitator: { token: facilitatorToken, url: this.linkOf(origin, id, FACILITATOR, facilitatorToken) },
        seats: seatTokens.map((s) => this.seatLink(origin, id, s.seat, s.token)),
        cells: [{ id, name }]
      };
    }

    const groupId = newId('g');
    const rows = Array.from({ length: cells }, (_, i) => makeCell(newId('x'), `${name} · ${i + 1}`, groupId, groupId));
    const seatTokens = rows.map((r) => scenario.data.seats.map((s) => ({ cell: r.id, seat: s, token: newToken() })));
    this.store.transaction(() => {
      this.store.insertClock({ id: groupId, speed: speed!, running: 0, t: 0 });
      this.store.insertGroup({ id: groupId, name, clock_id: groupId, created_at: created });
      this.store.insertToken(facilitatorToken, groupId, FACILITATOR);
      for (const r of rows) this.store.insertExercise(r);
      for (const s of seatTokens.flat()) this.store.insertToken(s.token, s.cell, s.seat.id);
    });
    for (const r of rows) this.load(r, scenario);
    return {
      id: groupId,
      name,
      facilitator: { token: facilitatorToken, url: this.linkOf(origin, groupId, FACILITATOR, facilitatorToken) },
      seats: [],
      cells: rows.map((r, i) => ({ id: r.id, name: r.name, seats: seatTokens[i].map((s) => this.seatLink(origin, r.id, s.seat, s.token)) }))
    };
  }

  private seatLink(origin: string, exerciseId: string, seat: { id: string; name: { zh: string; en: string }; tier: string }, token: string): SeatLink {
    return { id: seat.id, name: seat.name, tier: seat.tier, token, url: this.linkOf(origin, exerciseId, seat.id, token) };
  }

  /**
   * Branch an exercise at sim-time `at` (≤ now): a new exercise with the same scenario and seed
   * whose log is the original's commands up to `at`, standing at `at` with its clock stopped.
   */
  fork(source: LiveExercise, at: unknown, name: unknown, origin: string): Record<string, unknown> {
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) throw badRequest('at 应为非负的仿真分钟数', 'at must be a sim-time in minutes, 0 or more', [{ path: 'at', message: 'expected a number ≥ 0' }]);
    if (at > source.t + 1e-9) throw badRequest(`at 不能晚于当前仿真时间 ${source.t}`, `at must not be after the exercise's sim-time now (${source.t})`, [{ path: 'at', message: `expected at most ${source.t}` }]);
    if (name !== undefined && (typeof name !== 'string' || !name.trim())) throw badRequest('name 应为非空文本', 'name must be a non-empty string', [{ path: 'name', message: 'expected a non-empty string' }]);
    if (typeof name === 'string' && name.trim().length > 200) throw badRequest('name 最多 200 个字符', 'name takes at most 200 characters', [{ path: 'name', message: 'expected at most 200 characters' }]);
    const id = newId('x');
    const branchName = typeof name === 'string' ? name.trim() : `${source.row.name} ⑂ ${formatMinutes(at)}`;
    const row: ExerciseRow = {
      ...source.row,
      id,
      name: branchName,
      group_id: null,
      clock_id: id,
      started: source.isStarted ? 1 : 0,
      forked_from: source.id,
      fork_at: at,
      created_at: new Date().toISOString()
    };
    const commands = this.store.commands(source.id).filter((c) => c.t <= at);
    const failed = failureLog(this.store.db).failed(source.id);
    const facilitatorToken = newToken();
    const seats = source.scenario.data.seats.map((s) => ({ seat: s, token: newToken() }));
    this.store.transaction(() => {
      this.store.insertClock({ id, speed: source.clock.speed, running: 0, t: at });
      this.store.insertExercise(row);
      commands.forEach((c, i) => {
        this.store.appendCommand(id, i, c.t, c.seat, c.cmd, c.mselRow);
        // A command that failed in the original is the same refusal in the branch.
        if (failed.has(c.idx)) failureLog(this.store.db).mark(id, i, failed.get(c.idx)!);
      });
      this.store.replaceMsel(id, source.liveRows);
      this.store.insertToken(facilitatorToken, id, FACILITATOR);
      for (const s of seats) this.store.insertToken(s.token, id, s.seat.id);
    });
    this.load(row, source.scenario);
    return {
      id,
      name: branchName,
      forkedFrom: source.id,
      at,
      facilitator: { token: facilitatorToken, url: this.linkOf(origin, id, FACILITATOR, facilitatorToken) },
      seats: seats.map((s) => this.seatLink(origin, id, s.seat, s.token)),
      cells: [{ id, name: branchName }]
    };
  }

  // ---------- access ----------

  /** The exercise `id` (an exercise or a group: a group means its first cell) as seen with `token`; 403 otherwise. */
  access(id: string, token: string | null): Access {
    if (!token) throw forbidden();
    const tok = this.store.token(token);
    if (!tok) throw forbidden();
    const group = this.store.group(id);
    const live = group ? this.cellsOf(group.id)[0] : this.exercises.get(id);
    if (!live) {
      if (this.broken.has(id)) throw new ApiError(503, 'unavailable', '该演练无法恢复', `exercise ${id} could not be resumed: ${this.broken.get(id)}`);
      throw tok.scope === id ? notFound(`exercise ${id}`) : forbidden();
    }
    if (tok.scope === live.id) return { live, role: tok.role, groupId: null };
    if (tok.role === FACILITATOR && live.row.group_id && tok.scope === live.row.group_id) return { live, role: FACILITATOR, groupId: live.row.group_id };
    throw forbidden();
  }

  /**
   * The stored log of an exercise that could not be resumed, for its facilitator (or the
   * facilitator of its group): the commands as logged, with why it could not be resumed.
   */
  brokenLog(id: string, token: string | null): (RunLog & { unavailable: { reason: string } }) | null {
    const reason = this.broken.get(id);
    const row = reason === undefined ? undefined : this.store.exercise(id);
    if (!row || !token) return null;
    const tok = this.store.token(token);
    if (!tok || tok.role !== FACILITATOR || (tok.scope !== row.id && tok.scope !== row.group_id)) throw forbidden();
    let hash = '';
    let plan: RunLog['plan'] = null;
    const bundle = this.store.bundleOf(row);
    try {
      const sc = loadFromBundle(bundle);
      hash = sc.hash;
      plan = row.autopilot ? (sc.data.plan ?? null) : null;
    } catch {
      /* the scenario itself no longer loads: the log names it by file and id */
    }
    // The same JSON form makeLog digests; the stream could not be rebuilt, so its digest covers no events.
    const content = JSON.parse(
      JSON.stringify({
        engine: ENGINE_VERSION,
        scenarioId: row.scenario_id,
        scenarioHash: hash,
        seed: row.seed,
        plan,
        until: this.store.clock(row.clock_id)?.t ?? 0,
        commands: this.store.commands(row.id).map((c) => ({ t: c.t, seat: c.seat, cmd: c.cmd }))
      })
    );
    const source = logSource(bundle.file);
    return {
      format: LOG_FORMAT,
      engine: content.engine,
      scenario: source.scenario,
      ...(source.scenarioUploaded ? { scenarioUploaded: true } : {}),
      scenarioId: content.scenarioId,
      scenarioHash: content.scenarioHash,
      seed: content.seed,
      plan: content.plan,
      until: content.until,
      commands: content.commands,
      digests: digestLog(content, []),
      unavailable: { reason: reason! }
    };
  }

  /** Facilitator access, 403 for a seat. */
  facilitator(id: string, token: string | null): Access {
    const a = this.access(id, token);
    if (a.role !== FACILITATOR) throw forbidden();
    return a;
  }

  cellsOf(groupId: string): LiveExercise[] {
    return this.members.get(groupId) ?? [];
  }

  /** The exercises a clock action applies to: the group's cells when the caller controls the group. */
  scopeOf(a: Access): LiveExercise[] {
    return a.live.row.group_id ? this.cellsOf(a.live.row.group_id) : [a.live];
  }

  // ---------- the clock ----------

  control(a: Access, action: unknown, speed: unknown): { t: number; status: Status; speed: number; clock: 'running' | 'stopped' } {
    const cells = this.scopeOf(a);
    if ((action === 'start' || action === 'resume' || action === 'next-inject') && cells.every((c) => c.failure)) {
      const f = cells[0].failure!;
      throw conflict(`演练在仿真时间 ${f.t} 因内部错误停止，无法继续；可导出其日志`, `the exercise stopped on an internal error at sim-time ${f.t} and cannot go on; its log can be exported (${f.reason})`);
    }
    const clock = a.live.clock;
    const target = clock.now();
    for (const c of cells) c.advance(target);
    switch (action) {
      case 'start':
        for (const c of cells) c.start();
        if (cells.some((c) => c.status === 'running')) clock.start();
        break;
      case 'pause':
        clock.stop();
        for (const c of cells) if (c.status === 'running') c.submit(FACILITATOR, { type: 'pause' });
        break;
      case 'resume': {
        if (cells.some((c) => !c.isStarted)) throw conflict('演练尚未开始，请先“开始”', 'the exercise has not started; use "start"');
        for (const c of cells) if (c.status === 'paused') c.submit(FACILITATOR, { type: 'resume' });
        if (cells.some((c) => c.status === 'running')) clock.start();
        break;
      }
      case 'speed': {
        const s = checkSpeed(speed);
        if (s === null) throw badRequest('速度应为 1 到 60', 'speed must be a number from 1 to 60', [{ path: 'speed', message: 'expected a number from 1 to 60' }]);
        clock.setSpeed(s);
        break;
      }
      case 'next-inject': {
        const times = cells.filter((c) => c.status === 'running').map((c) => c.nextInjectAt()).filter((x): x is number => x !== null);
        if (times.length === 0) throw conflict('没有待发的注入（或演练未在进行）', 'no inject is due later (or the exercise is not running)');
        const next = Math.min(...times);
        for (const c of cells) c.advance(next);
        clock.setTime(next);
        break;
      }
      case 'end':
        clock.stop();
        for (const c of cells) if (c.isStarted && c.status !== 'ended') c.submit(FACILITATOR, { type: 'end' });
        break;
      default:
        throw badRequest('action 应为 start、pause、resume、speed、next-inject 或 end', 'action must be one of start, pause, resume, speed, next-inject, end', [{ path: 'action', message: `unknown action ${JSON.stringify(action)}` }]);
    }
    if (cells.every((c) => c.status !== 'running' || c.failure)) clock.stop();
    this.saveClock(clock);
    for (const c of cells) c.broadcast('clock', c.clockInfo());
    return a.live.clockInfo();
  }

  /** After a facilitator's pause/resume/end given as a command, keep the wall clock in step. */
  syncClock(live: LiveExercise): void {
    const cells = this.members.get(live.clock.id) ?? [live];
    if (cells.every((c) => c.status !== 'running')) live.clock.stop();
    else if (cells.some((c) => c.status === 'running') && !live.clock.running) live.clock.start();
    this.saveClock(live.clock);
    for (const c of cells) c.broadcast('clock', c.clockInfo());
  }

  // ---------- MSEL ----------

  setLiveRows(live: LiveExercise, rows: MselRow[]): void {
    const liveRows = rows.filter((r) => r.origin === 'live');
    this.store.replaceMsel(live.id, liveRows);
    live.liveRows = liveRows;
  }

  // ---------- tokens: join links, exchange for cookies, reissue ----------

  /**
   * For a join link's token opened on a page of exercise `id` as `role`: the API paths its cookie
   * must be scoped to (`id` itself and, for a group's facilitator, the group and every cell), or
   * null when the token does not open that page.
   */
  cookieScopes(token: string, id: string, role: string): string[] | null {
    const tok = this.store.token(token);
    if (!tok || tok.role !== role) return null;
    const group = this.store.group(tok.scope);
    if (group) {
      const cells = this.cellsOf(group.id).map((c) => c.id);
      if (role !== FACILITATOR || (id !== group.id && !cells.includes(id))) return null;
      return [group.id, ...cells];
    }
    return tok.scope === id ? [id] : null;
  }

  private linkOf(origin: string, scope: string, role: string, token: string): string {
    const page = role === FACILITATOR ? 'facilitator' : `seat/${encodeURIComponent(role)}`;
    return `${origin}/x/${scope}/${page}?token=${token}`;
  }

  /** Every exercise with its links (for the organiser): groups as one entry with their cells. */
  organiserList(origin: string) {
    const rows = this.store.exercises();
    const groups = new Map<string, ExerciseRow[]>();
    const out: Record<string, unknown>[] = [];
    const seatsOf = (row: ExerciseRow) => {
      const live = this.exercises.get(row.id);
      const tokens = this.store.tokensOf(row.id);
      const defs = live ? live.scenario.data.seats : [];
      return defs.map((s) => {
        const tok = tokens.find((x) => x.role === s.id);
        return { id: s.id, name: s.name, tier: s.tier, token: tok?.token ?? null, url: tok ? this.linkOf(origin, row.id, s.id, tok.token) : null };
      });
    };
    const cellOf = (row: ExerciseRow) => {
      const live = this.exercises.get(row.id);
      // Why an exercise is stuck, for the organiser: it could not be resumed, or an engine failure halted it.
      const reason = this.broken.get(row.id);
      return {
        id: row.id, name: row.name, status: live ? live.status : 'unavailable', t: live ? live.clockInfo().t : 0, seats: seatsOf(row),
        ...(reason !== undefined ? { reason } : {}),
        ...(live?.failure ? { failure: live.failure } : {})
      };
    };
    const facilitatorOf = (scope: string) => {
      const tok = this.store.tokensOf(scope).find((x) => x.role === FACILITATOR);
      return tok ? { token: tok.token, url: this.linkOf(origin, scope, FACILITATOR, tok.token) } : null;
    };
    for (const r of rows) {
      if (r.group_id) {
        const list = groups.get(r.group_id);
        if (list) {
          list.push(r);
          continue;
        }
        groups.set(r.group_id, [r]);
      }
      const live = this.exercises.get(r.id);
      out.push({
        id: r.group_id ?? r.id,
        kind: r.group_id ? 'group' : r.forked_from ? 'fork' : 'single',
        name: r.group_id ? (this.store.group(r.group_id)?.name ?? r.name) : r.name,
        scenario: r.scenario_id,
        title: live ? live.scenario.data.title : null,
        createdAt: r.created_at,
        forkedFrom: r.forked_from,
        forkAt: r.fork_at,
        facilitator: facilitatorOf(r.group_id ?? r.id),
        cells: [] as unknown[]
      });
    }
    for (const entry of out) {
      // A group's cells in their order (their names end in · 1, · 2, …; ids are random).
      const cells = groups.get(entry.id as string)?.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })) ?? rows.filter((r) => r.id === entry.id);
      entry.cells = cells.map(cellOf);
    }
    return out;
  }

  /**
   * A new token for one role of an exercise (a seat, or the facilitator of an exercise or a
   * group); the old one stops working at once and the streams it opened are closed.
   */
  reissue(id: string, role: unknown, origin: string): { id: string; role: string; token: string; url: string } {
    const group = this.store.group(id);
    const live = group ? undefined : this.exercises.get(id);
    if (!group && !live) throw notFound(`exercise ${id}`);
    if (typeof role !== 'string') throw badRequest('role 应为席位 id 或 facilitator', 'role must be a seat id or "facilitator"', [{ path: 'role', message: 'expected a string' }]);
    if (live?.row.group_id && role === FACILITATOR) throw badRequest('分组演练的导调令牌属于分组', "a cell's facilitator token is its group's: reissue it on the group", [{ path: 'role', message: `use the group ${live.row.group_id}` }]);
    const seats = live ? live.scenario.data.seats.map((s) => s.id) : [];
    if (role !== FACILITATOR && !seats.includes(role)) throw badRequest('没有这个席位', `no seat "${role}" in this exercise`, [{ path: 'role', message: 'expected a seat id of the exercise or "facilitator"' }]);
    const token = newToken();
    this.store.transaction(() => {
      this.store.deleteTokens(id, role);
      this.store.insertToken(token, id, role);
    });
    const affected = group ? this.cellsOf(group.id) : [live!];
    for (const c of affected) for (const s of [...c.subscribers]) if (s.role === role) s.close();
    return { id, role, token, url: this.linkOf(origin, id, role, token) };
  }

  /** Remove an exercise (or a whole group) with its log, tokens and records; its streams are closed. */
  remove(id: string): { removed: string[] } {
    const group = this.store.group(id);
    const row = group ? undefined : this.store.exercise(id);
    if (!group && !row) throw notFound(`exercise ${id}`);
    if (row?.group_id) throw conflict('这是分组演练中的一组，请删除整个分组', `exercise ${id} is a cell of group ${row.group_id}: remove the group`);
    const ids = group ? this.store.cells(group.id).map((r) => r.id) : [id];
    const clockId = group ? group.clock_id : row!.clock_id;
    for (const x of ids) {
      const live = this.exercises.get(x);
      if (live) for (const s of [...live.subscribers]) s.close();
      this.exercises.delete(x);
      this.broken.delete(x);
    }
    this.clocks.get(clockId)?.stop();
    this.clocks.delete(clockId);
    this.members.delete(clockId);
    this.store.transaction(() => {
      // The records kept beside the log: failed commands and the answers kept for Idempotency-Keys.
      for (const x of ids) {
        failureLog(this.store.db).forget(x);
        idempotency(this.store.db).forget(x);
      }
      this.store.removeExercises(ids, group ? group.id : null, clockId);
    });
    return { removed: group ? [group.id, ...ids] : ids };
  }

  // ---------- listing ----------

  /** Every exercise; one that could not be resumed has status 'unavailable' and the reason, one halted by an engine failure its `failure`. */
  list(): { id: string; name: string; scenario: string; status: Status | 'unavailable'; t: number; group: string | null; forkedFrom: string | null; reason?: string; failure?: { t: number; reason: string } }[] {
    return this.store.exercises().map((r) => {
      const live = this.exercises.get(r.id);
      return {
        id: r.id,
        name: r.name,
        scenario: r.scenario_id,
        status: live ? live.status : 'unavailable',
        t: live ? live.clockInfo().t : 0,
        group: r.group_id,
        forkedFrom: r.forked_from,
        ...(live ? {} : { reason: this.broken.get(r.id) ?? 'not loaded' }),
        ...(live?.failure ? { failure: live.failure } : {})
      };
    });
  }
}

/** An upload's files within bounds, in UTF-8 bytes (not characters): 413 naming the file otherwise. */
function checkUploadSizes(yaml: string, files: Record<string, string>): void {
  const names = Object.keys(files);
  if (names.length > LIMITS.uploadFiles) {
    throw new ApiError(413, 'too-large', `上传的文件过多（最多 ${LIMITS.uploadFiles} 个）`, `the upload carries too many files (at most ${LIMITS.uploadFiles})`, [{ path: 'scenario.files', message: `expected at most ${LIMITS.uploadFiles} files, got ${names.length}` }]);
  }
  const issues: { path: string; message: string }[] = [];
  const check = (text: string, path: string) => {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > LIMITS.uploadFile) issues.push({ path, message: `${bytes} bytes; at most ${LIMITS.uploadFile} (${formatBytes(LIMITS.uploadFile)})` });
  };
  check(yaml, 'scenario.yaml');
  for (const name of names) check(files[name], `scenario.files[${JSON.stringify(name)}]`);
  if (issues.length) throw new ApiError(413, 'too-large', `上传的文件超过上限（每个文件 ${formatBytes(LIMITS.uploadFile)}）`, `an uploaded file is larger than the limit (${formatBytes(LIMITS.uploadFile)} each)`, issues);
}

function formatMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = Math.round(min % 60);
  return `${h}h${String(m).padStart(2, '0')}`;
}

const KEY = Symbol.for('yanlian.live.registry');
type WithRegistry = typeof globalThis & { [KEY]?: Registry };

/** The server's registry, opened on first use at $YANLIAN_DB (default data/yanlian.db). */
export function registry(): Registry {
  const g = globalThis as WithRegistry;
  if (!g[KEY]) {
    const file = path.resolve(process.env.YANLIAN_DB ?? path.join('data', 'yanlian.db'));
    g[KEY] = new Registry(file);
    process.once('sveltekit:shutdown' as NodeJS.Signals, () => g[KEY]?.close());
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => g[KEY]?.closeStreams());
  }
  return g[KEY]!;
}
