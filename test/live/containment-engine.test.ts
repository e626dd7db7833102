// Containment of a command that really throws inside the engine, in-process. The engine now refuses
// the ids that used to break it (an incident named "constructor" is an ordinary refusal), so the
// API test (containment.test.ts) may meet no throwing command at all; here one order is made to
// throw halfway through the engine's own work (after the engine has logged it and emitted its
// events), and the server side must refuse it, leave nothing of it behind, and replay it as the
// same refusal after a restart, also when the failure was not yet recorded.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exercise } from '../../engine/index.ts';
import { Registry } from '../../src/lib/server/live/registry.ts';
import { INTERNAL_REASON } from '../../src/lib/server/live/containment.ts';
import { tempDb } from './server.ts';

const db = tempDb();
const BOOM = 'make the engine throw';
const original = Exercise.prototype.submit;

beforeAll(() => {
  // The engine applies the order in full, then throws: a failure in the middle of its work.
  Exercise.prototype.submit = function (this: Exercise, seat: string, cmd: unknown) {
    const r = original.call(this, seat, cmd);
    if ((cmd as { text?: { en?: string } } | null)?.text?.en === BOOM) throw new Error('boom inside the engine');
    return r;
  } as typeof original;
  process.env.YANLIAN_SCENARIOS ??= 'scenarios';
});

afterAll(() => {
  Exercise.prototype.submit = original;
  db.remove();
});

type Created = { id: string; facilitator: { token: string }; seats: { id: string; token: string }[] };

describe('a command that throws inside the engine', () => {
  let reg: Registry;
  let x: Created;
  let boomIdx = -1;
  let events: unknown[] = [];
  const tiexi = () => x.seats.find((s) => s.id === 'district-tiexi')!.token;
  const failedRows = () => {
    const sql = new Database(db.db, { readonly: true });
    try {
      return sql.prepare('SELECT idx FROM failed_commands WHERE exercise_id = ?').all(x.id) as { idx: number }[];
    } finally {
      sql.close();
    }
  };

  it('is refused with the internal-error reason, nothing of it stays, and the exercise goes on', () => {
    reg = new Registry(db.db);
    x = reg.create({ scenario: 'chemical-leak', seed: 21, speed: 1, name: 'engine failure' }, 'http://127.0.0.1') as unknown as Created;
    const fac = reg.facilitator(x.id, x.facilitator.token);
    reg.control(fac, 'start', undefined);
    reg.control(fac, 'next-inject', undefined); // 45 min: Tiexi knows of the leak
    const a = reg.access(x.id, tiexi());
    const before = a.live.ex.events.length;
    const commandsBefore = a.live.ex.commands.length;
    const r = a.live.submit(a.role, { type: 'report-up', incident: 'leak', text: { zh: '炸', en: BOOM } });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.reason.en).toBe(INTERNAL_REASON);
    expect(r.ok ? null : r.reason.zh).toMatch(/内部错误/);
    // The seat gets the refusal only; the engine (rebuilt from the log) holds none of the order's effects.
    expect(r.events.map((e) => e.type)).toEqual(['command.refused']);
    const after = a.live.ex.events.slice(before);
    expect(after.map((e) => e.type)).toEqual(['command.refused']);
    expect(after[0].data).toMatchObject({ seat: 'district-tiexi', reason: INTERNAL_REASON, internal: true });
    expect(a.live.ex.commands.length).toBe(commandsBefore);
    expect(failedRows().length).toBe(1);
    boomIdx = failedRows()[0].idx;
    // The exercise goes on.
    const ok = a.live.submit(a.role, { type: 'report-up', incident: 'leak', text: { zh: '泄漏', en: 'a leak' } });
    expect(ok.ok).toBe(true);
    expect(a.live.failure).toBeNull();
    reg.control(fac, 'pause', undefined);
    events = reg.access(x.id, x.facilitator.token).live.ex.events.map((e) => JSON.stringify(e));
    reg.close();
  });

  it('is the same refusal after a restart', () => {
    reg = new Registry(db.db);
    expect(reg.broken.size).toBe(0);
    const live = reg.access(x.id, x.facilitator.token).live;
    expect(live.ex.events.map((e) => JSON.stringify(e))).toEqual(events);
    expect(live.failure).toBeNull();
    reg.close();
  });

  it('is found by the replay when the server went down before recording it', () => {
    const sql = new Database(db.db);
    sql.prepare('DELETE FROM failed_commands WHERE exercise_id = ?').run(x.id);
    sql.close();
    reg = new Registry(db.db);
    expect(reg.broken.size).toBe(0);
    const live = reg.access(x.id, x.facilitator.token).live;
    expect(live.ex.events.map((e) => JSON.stringify(e))).toEqual(events);
    expect(failedRows().map((r) => r.idx)).toEqual([boomIdx]);
    reg.close();
  });
});
