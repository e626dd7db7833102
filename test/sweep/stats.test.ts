import { describe, expect, it } from 'vitest';
import { binomialQuantile, quantile, bootstrapMean, mean } from '../../src/sweep/stats.ts';

const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('sweep statistics', () => {
  it('binomial quantiles match published tables', () => {
    // R qbinom / SciPy binom.ppf: (0.025, 0.975) quantiles of Bin(20, 0.5) = 6, 14; of Bin(100, 0.9) = 84, 95
    expect(binomialQuantile(20, 0.5, 0.025)).toBe(6);
    expect(binomialQuantile(20, 0.5, 0.975)).toBe(14);
    expect(binomialQuantile(100, 0.9, 0.025)).toBe(84);
    expect(binomialQuantile(100, 0.9, 0.975)).toBe(95);
    // Large n (pmf at 0 underflows): Bin(10000, 0.5) gives 4902, 5098 (SciPy), as 5000 ± 1.96·50 suggests.
    expect(binomialQuantile(10000, 0.5, 0.025)).toBe(4902);
    expect(binomialQuantile(10000, 0.5, 0.975)).toBe(5098);
  });

  it('the median of 20 values has the textbook interval x(6)..x(15)', () => {
    // Conover (1999), §3.2: for n = 20 the 95 % CI of the median is (X(6), X(15)), coverage 95.9 %.
    const q = quantile(seq(20), 0.5);
    expect(q).toEqual({ value: 10, ci: [6, 15] });
  });

  it('a percentile beyond what the runs can bound has an open side', () => {
    const q = quantile(seq(30), 0.99);
    expect(q.value).toBe(30);
    expect(q.ci[1]).toBeNull();
    expect(q.ci[0]).not.toBeNull();
    expect(quantile([], 0.5)).toEqual({ value: null, ci: [null, null] });
  });

  it('the bootstrap CI of a mean is reproducible, brackets the mean, and narrows with more data', () => {
    const xs = seq(200).map((i) => (i * 37) % 101);
    const a = bootstrapMean(xs, 'test');
    expect(bootstrapMean(xs, 'test')).toEqual(a);
    expect(a.value).toBeCloseTo(mean(xs)!, 10);
    expect(a.ci[0]!).toBeLessThan(a.value!);
    expect(a.ci[1]!).toBeGreaterThan(a.value!);
    // Standard error of the mean of ~uniform(0,100) with n = 200 is about 2.05: the 95 % CI is about ±4.
    expect(a.ci[1]! - a.ci[0]!).toBeGreaterThan(5);
    expect(a.ci[1]! - a.ci[0]!).toBeLessThan(11);
    const wide = bootstrapMean(xs.slice(0, 20), 'test');
    expect(wide.ci[1]! - wide.ci[0]!).toBeGreaterThan(a.ci[1]! - a.ci[0]!);
    expect(bootstrapMean([], 'x')).toEqual({ value: null, ci: [null, null] });
  });
});
