import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../engine/random/streams.ts';

describe('named random streams', () => {
  it('gives the same draws for the same seed and name', () => {
    const a = new RandomStreams('42');
    const b = new RandomStreams('42');
    expect([a.uniform('x'), a.uniform('x'), a.uniform('x')]).toEqual([b.uniform('x'), b.uniform('x'), b.uniform('x')]);
  });

  it('keeps streams independent: drawing from one never shifts another', () => {
    const a = new RandomStreams('42');
    const b = new RandomStreams('42');
    for (let i = 0; i < 10; i++) b.uniform('team/extra');
    expect(a.uniform('hazard/wind')).toBe(b.uniform('hazard/wind'));
  });

  it('differs between seeds and between names', () => {
    const a = new RandomStreams('1');
    const b = new RandomStreams('2');
    expect(a.uniform('x')).not.toBe(b.uniform('x'));
    expect(new RandomStreams('1').uniform('x')).not.toBe(new RandomStreams('1').uniform('y'));
  });

  it('saves and restores every stream mid-sequence', () => {
    const a = new RandomStreams('7');
    a.uniform('p');
    a.normal('q');
    const saved = JSON.parse(JSON.stringify(a.save()));
    const b = new RandomStreams('7', saved);
    expect([b.uniform('p'), b.normal('q'), b.uniform('fresh')]).toEqual([a.uniform('p'), a.normal('q'), a.uniform('fresh')]);
  });

  it('normal draws have about the right mean and spread', () => {
    const r = new RandomStreams('n');
    const xs = Array.from({ length: 20000 }, () => r.normal('n', 10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });
});
