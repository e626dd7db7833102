// The wall clock that drives sim time: speed N means N/60 sim-minutes per real second.
import { describe, expect, it } from 'vitest';
import { LiveClock, checkSpeed } from '../../src/lib/server/live/clock.ts';

function fakeWall(start = 1_000_000) {
  let now = start;
  return { wall: () => now, advance: (ms: number) => (now += ms) };
}

describe('LiveClock', () => {
  it('runs at speed/60 sim-minutes per real second and stands still when stopped', () => {
    const w = fakeWall();
    const c = new LiveClock('c', 60, 10, w.wall);
    expect(c.now()).toBe(10);
    w.advance(5_000);
    expect(c.now()).toBe(10); // not started
    c.start();
    w.advance(30_000);
    expect(c.now()).toBe(40); // 60×: a sim-minute a second
    c.stop();
    w.advance(60_000);
    expect(c.now()).toBe(40);
    c.setSpeed(1);
    c.start();
    w.advance(120_000);
    expect(c.now()).toBe(42); // 1×: real time
  });

  it('keeps the sim-time reached when the speed changes while running, and jumps on setTime', () => {
    const w = fakeWall();
    const c = new LiveClock('c', 30, 0, w.wall);
    c.start();
    w.advance(10_000);
    c.setSpeed(60);
    expect(c.now()).toBe(5);
    w.advance(10_000);
    expect(c.now()).toBe(15);
    c.setTime(45);
    w.advance(1_000);
    expect(c.now()).toBe(46);
  });

  it('accepts speeds from 1 to 60 only', () => {
    expect([1, 10, 60, 0.5, 61, Number.NaN, '10'].map(checkSpeed)).toEqual([1, 10, 60, null, null, null, null]);
  });
});
