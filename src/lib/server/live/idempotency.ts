/**
 * Safe retries of commands: a command sent with an `Idempotency-Key` header is applied once per
 * (exercise, role, key); a second request with the same key gets the first one's answer (status
 * and body) without being applied again. Answers are kept in the store, so a retry after a restart
 * of the server is answered too. The same key with a different body is a 409.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ApiError, badRequest } from './errors.ts';
import { LIMITS } from './limits.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency (
  exercise_id TEXT NOT NULL,
  role TEXT NOT NULL,
  key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  answer TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (exercise_id, role, key)
);
`;

export interface StoredAnswer {
  status: number;
  answer: unknown;
}

export class IdempotencyStore {
  private get: Database.Statement;
  private put: Database.Statement;
  private del: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.del = db.prepare('DELETE FROM idempotency WHERE exercise_id = ?');
    this.get = db.prepare('SELECT body_hash, status, answer FROM idempotency WHERE exercise_id = ? AND role = ? AND key = ?');
    this.put = db.prepare('INSERT OR IGNORE INTO idempotency (exercise_id, role, key, body_hash, status, answer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /** The answer given before to this key, or null; 409 when the key came with another body. */
  lookup(exerciseId: string, role: string, key: string, bodyText: string): StoredAnswer | null {
    const row = this.get.get(exerciseId, role, key) as { body_hash: string; status: number; answer: string } | undefined;
    if (!row) return null;
    if (row.body_hash !== hashOf(bodyText)) {
      throw new ApiError(409, 'idempotency-conflict', '同一 Idempotency-Key 已用于另一条指令', 'this Idempotency-Key was already used with a different command');
    }
    return { status: row.status, answer: JSON.parse(row.answer) };
  }

  /** Forget an exercise's keys and answers (it is being removed). */
  forget(exerciseId: string): void {
    this.del.run(exerciseId);
  }

  save(exerciseId: string, role: string, key: string, bodyText: string, status: number, answer: unknown): void {
    this.put.run(exerciseId, role, key, hashOf(bodyText), status, JSON.stringify(answer), new Date().toISOString());
  }
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** The request's Idempotency-Key (printable ASCII, 1–200 characters), null without one; 400 when malformed. */
export function idempotencyKeyOf(request: Request): string | null {
  const k = request.headers.get('idempotency-key');
  if (k === null) return null;
  if (k.length < 1 || k.length > LIMITS.idempotencyKey || !/^[\x21-\x7e]+$/.test(k)) {
    throw badRequest(`Idempotency-Key 应为 1 到 ${LIMITS.idempotencyKey} 个可打印 ASCII 字符`, `Idempotency-Key must be 1 to ${LIMITS.idempotencyKey} printable ASCII characters`, [{ path: 'Idempotency-Key', message: 'expected printable ASCII without spaces' }]);
  }
  return k;
}

const stores = new WeakMap<Database.Database, IdempotencyStore>();

export function idempotency(db: Database.Database): IdempotencyStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = new IdempotencyStore(db)));
  return s;
}
