import { describe, expect, it } from 'vitest';
import { createScheduler, schedule, pop, cancel, cancelAll, pendingCount } from '../../engine/time/scheduler.ts';

describe('scheduler', () => {
  it('pops timers by due time, and equal times in the order they were added', () => {
    const s = createScheduler<string>();
    schedule(s, 30, 'a', '1', 'third');
    schedule(s, 10, 'a', '2', 'first');
    schedule(s, 30, 'b', '3', 'fourth');
    schedule(s, 20, 'c', '4', 'second');
    schedule(s, 10, 'd', '5', 'first-tie');
    const order: string[] = [];
    for (let t = pop(s); t; t = pop(s)) order.push(t.payload);
    expect(order).toEqual(['first', 'first-tie', 'second', 'third', 'fourth']);
  });

  it('keeps heap order over many random insertions', () => {
    const s = createScheduler<number>();
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      schedule(s, x % 500, 't', String(i), i);
    }
    let last = { due: -1, seq: -1 };
    for (let t = pop(s); t; t = pop(s)) {
      expect(t.due > last.due || (t.due === last.due && t.seq > last.seq)).toBe(true);
      last = t;
    }
  });

  it('cancels a timer by target and id, and all timers of a target', () => {
    const s = createScheduler<string>();
    schedule(s, 5, 'team:a', 'after.mobilizing', 'x');
    schedule(s, 6, 'team:b', 'after.mobilizing', 'y');
    schedule(s, 7, 'team:a', 'other', 'z');
    expect(cancel(s, 'team:a', 'after.mobilizing')).toBe(1);
    expect(pop(s)!.payload).toBe('y');
    expect(cancelAll(s, 'team:a')).toBe(1);
    expect(pendingCount(s)).toBe(0);
  });

  it('is plain data: a JSON copy pops the same sequence', () => {
    const s = createScheduler<{ k: number }>();
    for (let i = 0; i < 50; i++) schedule(s, (i * 37) % 11, 'e', `t${i}`, { k: i });
    const copy = JSON.parse(JSON.stringify(s));
    const a: number[] = [];
    const b: number[] = [];
    for (let t = pop(s); t; t = pop(s)) a.push(t.payload.k);
    for (let t = pop(copy); t; t = pop(copy)) b.push((t.payload as { k: number }).k);
    expect(b).toEqual(a);
  });

  it('refuses a non-finite due time', () => {
    expect(() => schedule(createScheduler(), Infinity, 'x', 'y', null)).toThrow(/finite/);
  });
});
