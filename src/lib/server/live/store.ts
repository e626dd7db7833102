/**
 * The live exercises' durable store: one SQLite file in WAL mode (better-sqlite3, synchronous).
 * A command is written here before the engine sees it, so a command that was answered survives a
 * crash of the server; everything else of a running exercise is derived from this log by replay.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CommandBody } from '../../../../engine/index.ts';
import type { ScenarioBundle } from './scenarioSource.ts';
import type { MselRow } from './msel.ts';

export type Role = 'facilitator' | string;

export interface ClockRow {
  id: string;
  speed: number;
  /** 1 while the wall clock drives sim time. */
  running: number;
  /** The sim-time last reached (minutes); where a resumed exercise stands. */
  t: number;
}

export interface ExerciseRow {
  id: string;
  name: string;
  group_id: string | null;
  clock_id: string;
  scenario_id: string;
  bundle: string;
  seed: string;
  autopilot: number;
  started: number;
  forked_from: string | null;
  fork_at: number | null;
  created_at: string;
}

export interface GroupRow {
  id: string;
  name: string;
  clock_id: string;
  created_at: string;
}

export interface CommandRow {
  exercise_id: string;
  idx: number;
  t: number;
  seat: string;
  body: string;
  msel_row: string | null;
}

export interface ObservationRow {
  id: number;
  exercise_id: string;
  t: number;
  text: string;
  created_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS clocks (
  id TEXT PRIMARY KEY,
  speed REAL NOT NULL,
  running INTEGER NOT NULL DEFAULT 0,
  t REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  clock_id TEXT NOT NULL REFERENCES clocks(id),
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS exercises (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  group_id TEXT REFERENCES groups(id),
  clock_id TEXT NOT NULL REFERENCES clocks(id),
  scenario_id TEXT NOT NULL,
  bundle TEXT NOT NULL,
  seed TEXT NOT NULL,
  autopilot INTEGER NOT NULL DEFAULT 0,
  started INTEGER NOT NULL DEFAULT 0,
  forked_from TEXT,
  fork_at REAL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_scope ON tokens(scope, role);
CREATE TABLE IF NOT EXISTS commands (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  idx INTEGER NOT NULL,
  t REAL NOT NULL,
  seat TEXT NOT NULL,
  body TEXT NOT NULL,
  msel_row TEXT,
  PRIMARY KEY (exercise_id, idx)
);
CREATE TABLE IF NOT EXISTS observations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  t REAL NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS msel (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  pos INTEGER NOT NULL,
  row TEXT NOT NULL,
  PRIMARY KEY (exercise_id, pos)
);
CREATE TABLE IF NOT EXISTS reports (
  exercise_id TEXT NOT NULL REFERENCES exercises(id),
  format TEXT NOT NULL,
  lang TEXT NOT NULL,
  t REAL NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (exercise_id, format, lang)
);
`;

export class LiveStore {
  readonly db: Database.Database;
  private st: ReturnType<LiveStore['prepare']>;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: an answered command is on disk even if the machine, not only the process, goes down.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.st = this.prepare();
  }

  private prepare() {
    const d = this.db;
    return {
      insClock: d.prepare('INSERT INTO clocks (id, speed, running, t) VALUES (?, ?, ?, ?)'),
      getClock: d.prepare('SELECT * FROM clocks WHERE id = ?'),
      setClock: d.prepare('UPDATE clocks SET speed = ?, running = ?, t = ? WHERE id = ?'),
      setClockT: d.prepare('UPDATE clocks SET t = ? WHERE id = ?'),
      insGroup: d.prepare('INSERT INTO groups (id, name, clock_id, created_at) VALUES (?, ?, ?, ?)'),
      getGroup: d.prepare('SELECT * FROM groups WHERE id = ?'),
      insExercise: d.prepare(
        'INSERT INTO exercises (id, name, group_id, clock_id, scenario_id, bundle, seed, autopilot, started, forked_from, fork_at, created_at) VALUES (@id, @name, @group_id, @clock_id, @scenario_id, @bundle, @seed, @autopilot, @started, @forked_from, @fork_at, @created_at)'
      ),
      getExercise: d.prepare('SELECT * FROM exercises WHERE id = ?'),
      allExercises: d.prepare('SELECT * FROM exercises ORDER BY created_at, id'),
      groupCells: d.prepare('SELECT * FROM exercises WHERE group_id = ? ORDER BY created_at, id'),
      setStarted: d.prepare('UPDATE exercises SET started = 1 WHERE id = ?'),
      insToken: d.prepare('INSERT INTO tokens (token, scope, role) VALUES (?, ?, ?)'),
      getToken: d.prepare('SELECT * FROM tokens WHERE token = ?'),
      tokensOf: d.prepare('SELECT * FROM tokens WHERE scope = ?'),
      insCommand: d.prepare('INSERT INTO commands (exercise_id, idx, t, seat, body, msel_row) VALUES (?, ?, ?, ?, ?, ?)'),
      commandsOf: d.prepare('SELECT * FROM commands WHERE exercise_id = ? ORDER BY idx'),
      insObservation: d.prepare('INSERT INTO observations (exercise_id, t, text, created_at) VALUES (?, ?, ?, ?)'),
      observationsOf: d.prepare('SELECT * FROM observations WHERE exercise_id = ? ORDER BY t, id'),
      delMsel: d.prepare('DELETE FROM msel WHERE exercise_id = ?'),
      insMsel: d.prepare('INSERT INTO msel (exercise_id, pos, row) VALUES (?, ?, ?)'),
      mselOf: d.prepare('SELECT row FROM msel WHERE exercise_id = ? ORDER BY pos'),
      putReport: d.prepare('INSERT OR REPLACE INTO reports (exercise_id, format, lang, t, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    };
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- clocks ----
  insertClock(c: ClockRow): void {
    this.st.insClock.run(c.id, c.speed, c.running, c.t);
  }
  clock(id: string): ClockRow | undefined {
    return this.st.getClock.get(id) as ClockRow | undefined;
  }
  saveClock(c: ClockRow): void {
    this.st.setClock.run(c.speed, c.running, c.t, c.id);
  }
  saveClockT(id: string, t: number): void {
    this.st.setClockT.run(t, id);
  }

  // ---- groups and exercises ----
  insertGroup(g: GroupRow): void {
    this.st.insGroup.run(g.id, g.name, g.clock_id, g.created_at);
  }
  group(id: string): GroupRow | undefined {
    return this.st.getGroup.get(id) as GroupRow | undefined;
  }
  insertExercise(e: ExerciseRow): void {
    this.st.insExercise.run(e);
  }
  exercise(id: string): ExerciseRow | undefined {
    return this.st.getExercise.get(id) as ExerciseRow | undefined;
  }
  exercises(): ExerciseRow[] {
    return this.st.allExercises.all() as ExerciseRow[];
  }
  cells(groupId: string): ExerciseRow[] {
    return this.st.groupCells.all(groupId) as ExerciseRow[];
  }
  markStarted(id: string): void {
    this.st.setStarted.run(id);
  }
  bundleOf(row: ExerciseRow): ScenarioBundle {
    return JSON.parse(row.bundle) as ScenarioBundle;
  }

  // ---- tokens: scope is an exercise id or a group id ----
  insertToken(token: string, scope: string, role: Role): void {
    this.st.insToken.run(token, scope, role);
  }
  token(token: string): { token: string; scope: string; role: Role } | undefined {
    return this.st.getToken.get(token) as { token: string; scope: string; role: Role } | undefined;
  }
  tokensOf(scope: string): { token: string; scope: string; role: Role }[] {
    return this.st.tokensOf.all(scope) as { token: string; scope: string; role: Role }[];
  }
  deleteTokens(scope: string, role: Role): void {
    this.db.prepare('DELETE FROM tokens WHERE scope = ? AND role = ?').run(scope, role);
  }

  /** Remove exercises (and their group and clock) with everything kept for them. */
  removeExercises(ids: string[], groupId: string | null, clockId: string): void {
    this.transaction(() => {
      for (const id of ids) {
        for (const table of ['tokens'] as const) this.db.prepare(`DELETE FROM ${table} WHERE scope = ?`).run(id);
        for (const table of ['commands', 'observations', 'msel', 'reports'] as const) this.db.prepare(`DELETE FROM ${table} WHERE exercise_id = ?`).run(id);
        this.db.prepare('DELETE FROM exercises WHERE id = ?').run(id);
      }
      if (groupId) {
        this.db.prepare('DELETE FROM tokens WHERE scope = ?').run(groupId);
        this.db.prepare('DELETE FROM groups WHERE id = ?').run(groupId);
      }
      this.db.prepare('DELETE FROM clocks WHERE id = ?').run(clockId);
    });
  }

  // ---- the command log ----
  appendCommand(exerciseId: string, idx: number, t: number, seat: string, cmd: unknown, mselRow: string | null = null): void {
    this.st.insCommand.run(exerciseId, idx, t, seat, JSON.stringify(cmd ?? null), mselRow);
  }
  commands(exerciseId: string): { idx: number; t: number; seat: string; cmd: CommandBody; mselRow: string | null }[] {
    return (this.st.commandsOf.all(exerciseId) as CommandRow[]).map((r) => ({ idx: r.idx, t: r.t, seat: r.seat, cmd: JSON.parse(r.body) as CommandBody, mselRow: r.msel_row }));
  }

  // ---- observations ----
  addObservation(exerciseId: string, t: number, text: string): ObservationRow {
    const created = new Date().toISOString();
    const info = this.st.insObservation.run(exerciseId, t, text, created);
    return { id: Number(info.lastInsertRowid), exercise_id: exerciseId, t, text, created_at: created };
  }
  observations(exerciseId: string): ObservationRow[] {
    return this.st.observationsOf.all(exerciseId) as ObservationRow[];
  }

  // ---- MSEL rows added live (the scenario's own injects are in its bundle) ----
  replaceMsel(exerciseId: string, rows: MselRow[]): void {
    this.transaction(() => {
      this.st.delMsel.run(exerciseId);
      rows.forEach((r, i) => this.st.insMsel.run(exerciseId, i, JSON.stringify(r)));
    });
  }
  msel(exerciseId: string): MselRow[] {
    return (this.st.mselOf.all(exerciseId) as { row: string }[]).map((r) => JSON.parse(r.row) as MselRow);
  }

  // ---- reports (kept as rendered, for the debrief's record) ----
  saveReport(exerciseId: string, format: string, lang: string, t: number, body: string): void {
    this.st.putReport.run(exerciseId, format, lang, t, body, new Date().toISOString());
  }
}
