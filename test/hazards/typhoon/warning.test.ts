import { describe, expect, it } from 'vitest';
import { typhoonWarningSignal } from '../../../engine/hazards/typhoon/warning.ts';

const e = (hoursAhead: number, sustainedMs: number, gustMs: number) => ({ hoursAhead, sustainedMs, gustMs });

describe('CMA typhoon warning signal', () => {
  it('null when nothing reaches blue or it is beyond 24 h', () => {
    expect(typhoonWarningSignal([])).toBeNull();
    expect(typhoonWarningSignal([e(0, 10, 13)])).toBeNull(); // force 5 mean, force 6 gust
    expect(typhoonWarningSignal([e(30, 40, 60)])).toBeNull();
  });
  it('blue: force-6 mean (10.8 m/s) or force-8 gust (17.2 m/s) within 24 h', () => {
    expect(typhoonWarningSignal([e(0, 12, 16)])).toBe('blue');
    expect(typhoonWarningSignal([e(20, 5, 17.2)])).toBe('blue');
    expect(typhoonWarningSignal([e(24, 10.8, 10.8)])).toBe('blue');
  });
  it('yellow: force-8 mean or force-10 gust within 24 h', () => {
    expect(typhoonWarningSignal([e(20, 17.2, 17.2)])).toBe('yellow');
    expect(typhoonWarningSignal([e(13, 10, 32.7)])).toBe('yellow'); // force-12 gust but outside 12 h
  });
  it('orange: force-10 mean or force-12 gust within 12 h', () => {
    expect(typhoonWarningSignal([e(10, 10, 32.7)])).toBe('orange');
    expect(typhoonWarningSignal([e(12, 24.5, 24.5)])).toBe('orange');
    expect(typhoonWarningSignal([e(7, 33, 40)])).toBe('orange'); // force 12 but outside 6 h
  });
  it('red: force-12 mean or force-14 gust within 6 h; the highest entry wins', () => {
    expect(typhoonWarningSignal([e(5, 33, 40)])).toBe('red');
    expect(typhoonWarningSignal([e(20, 12, 16), e(6, 20, 41.5)])).toBe('red');
    expect(typhoonWarningSignal([e(0, 32.6, 46.1)])).toBe('red');
  });
  it('rejects negative lead times', () => {
    expect(() => typhoonWarningSignal([e(-1, 10, 10)])).toThrow(RangeError);
  });
});
