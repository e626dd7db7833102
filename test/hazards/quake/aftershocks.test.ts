import { describe, expect, it } from 'vitest';
import {
  RJ89_GENERIC, aftershockRate, akiBValue, bathLargestAftershock, expectedAftershockCount, nextAftershockDays,
  sampleAftershocks, sampleGutenbergRichter, type Aftershock,
} from '../../../engine/hazards/quake/aftershocks.ts';
import { RandomStreams } from '../../../engine/random/streams.ts';

const HAICHENG = { mainMagnitude: 7.3, minMagnitude: 4 };

function streamFor(seed: number): () => number {
  const rs = new RandomStreams(`seed-${seed}`);
  return () => rs.uniform('quake/aftershocks');
}

describe('Reasenberg & Jones (1989) aftershock rate', () => {
  it('rate by hand, generic California parameters', () => {
    expect(RJ89_GENERIC).toEqual({ a: -1.67, b: 0.91, p: 1.08, cDays: 0.05 });
    // Mm 7.3, M ≥ 4, t = 1 d: 10^(−1.67 + 0.91·3.3) · 1.05^−1.08 = 10^1.333 · 0.948671 = 21.5278 · 0.948671 = 20.4228 /day
    expect(aftershockRate(1, 4, 7.3)).toBeCloseTo(20.4228, 3);
    // a unit of magnitude costs a factor 10^0.91 = 8.1283
    expect(aftershockRate(1, 4, 7.3) / aftershockRate(1, 5, 7.3)).toBeCloseTo(8.1283, 3);
  });

  it('expected count: closed-form integral by hand and against a numerical integral', () => {
    // K = 21.5278 · (1 − 10^(−0.91·3.3)) = 21.5278 · 0.999007; ∫₀³ (t+0.05)^−1.08 dt =
    // (0.05^−0.08 − 3.05^−0.08)/0.08 = (1.270819 − 0.914653)/0.08 = 4.452078 → N = 95.747
    expect(expectedAftershockCount(HAICHENG, 0, 3)).toBeCloseTo(95.747, 2);
    const n = 30_000;
    let sum = 0;
    const h = 3 / n;
    for (let i = 0; i < n; i++) {
      const t = (i + 0.5) * h;
      sum += (aftershockRate(t, 4, 7.3) - aftershockRate(t, 7.3, 7.3)) * h;
    }
    expect(expectedAftershockCount(HAICHENG, 0, 3)).toBeCloseTo(sum, 2);
    // p = 1: the logarithm; 10^(a + b(Mm−Mmin)) · (1 − 10^(−b·3.3)) · ln(3.05/0.05)
    const p1 = { ...HAICHENG, params: { ...RJ89_GENERIC, p: 1 } };
    expect(expectedAftershockCount(p1, 0, 3)).toBeCloseTo(21.5278 * 0.999007 * Math.log(61), 2);
    expect(() => expectedAftershockCount(HAICHENG, 2, 1)).toThrow(RangeError);
    expect(() => expectedAftershockCount({ mainMagnitude: 5, minMagnitude: 5 }, 0, 1)).toThrow(RangeError);
  });

  it("Båth's law", () => {
    expect(bathLargestAftershock(7.3)).toBeCloseTo(6.1, 12);
  });
});

describe('seeded aftershock sampler', () => {
  const SEEDS = 2000;
  const runs: Aftershock[][] = [];
  for (let s = 0; s < SEEDS; s++) runs.push(sampleAftershocks(HAICHENG, 0, 3, streamFor(s)));
  const mu = expectedAftershockCount(HAICHENG, 0, 3);

  it('counts are Poisson: mean within 4 standard errors, variance ≈ mean', () => {
    const counts = runs.map((r) => r.length);
    const mean = counts.reduce((a, b) => a + b, 0) / SEEDS;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (SEEDS - 1);
    expect(Math.abs(mean - mu)).toBeLessThan(4 * Math.sqrt(mu / SEEDS)); // SE = 0.219
    // dispersion index: SE ≈ √(2/(n−1)) = 0.032
    expect(variance / mean).toBeGreaterThan(0.87);
    expect(variance / mean).toBeLessThan(1.13);
  });

  it('times follow the Omori decay: share in the first day matches N(0,1)/N(0,3)', () => {
    const all = runs.flat();
    const share = all.filter((a) => a.tDays <= 1).length / all.length;
    const expected = expectedAftershockCount(HAICHENG, 0, 1) / mu;
    expect(Math.abs(share - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / all.length));
    for (const r of runs.slice(0, 50)) {
      for (let i = 1; i < r.length; i++) expect(r[i]!.tDays).toBeGreaterThanOrEqual(r[i - 1]!.tDays);
    }
  });

  it('magnitudes follow truncated Gutenberg–Richter: Aki b-value ≈ 0.91', () => {
    const mags = runs.flat().map((a) => a.magnitude);
    expect(mags.every((m) => m >= 4 && m < 7.3)).toBe(true);
    // truncated exponential, β = b ln 10 = 2.095367, L = 3.3: mean excess 1/β − L/(e^{βL} − 1) = 0.474008
    const beta = 0.91 * Math.LN10;
    const meanExcess = 1 / beta - 3.3 / Math.expm1(beta * 3.3);
    const observed = mags.reduce((a, b) => a + b, 0) / mags.length - 4;
    expect(Math.abs(observed - meanExcess)).toBeLessThan((4 / beta) / Math.sqrt(mags.length));
    expect(Math.abs(akiBValue(mags, 4) - 0.91)).toBeLessThan(0.02);
  });

  it('same seed, same sequence; another seed, another sequence', () => {
    expect(sampleAftershocks(HAICHENG, 0, 3, streamFor(7))).toEqual(runs[7]);
    expect(sampleAftershocks(HAICHENG, 0, 3, streamFor(8))).not.toEqual(runs[7]);
  });

  it('streaming: nextAftershockDays continues a sequence; p > 1 may end it', () => {
    const rand = streamFor(1);
    const t1 = nextAftershockDays(HAICHENG, 0, rand);
    expect(t1).toBeGreaterThan(0);
    expect(nextAftershockDays(HAICHENG, t1, rand)).toBeGreaterThan(t1);
    // u → 1 gives an Exp(1) draw larger than the whole remaining rate: no further event
    expect(nextAftershockDays({ mainMagnitude: 5, minMagnitude: 4.5 }, 100, () => 1 - 1e-15)).toBe(Infinity);
  });

  it('GR inversion by hand: u = 0.5 gives the median magnitude', () => {
    // M = 4 − lg(1 − 0.5 (1 − 10^−3.003))/0.91 = 4 − lg(0.500497)/0.91 = 4 + 0.300599/0.91 = 4.330328
    expect(sampleGutenbergRichter(4, 7.3, 0.91, () => 0.5)).toBeCloseTo(4.330328, 5);
    expect(() => sampleGutenbergRichter(5, 5, 1, () => 0.5)).toThrow(RangeError);
  });
});
