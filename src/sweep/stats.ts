/**
 * Distribution-free statistics for sweep results, all deterministic:
 *  - quantiles as order statistics, x₍⌈pn⌉₎ (Hyndman & Fan 1996, definition 1);
 *  - their confidence intervals from the binomial distribution of the number of values below
 *    the true quantile: the interval [x₍r₎, x₍s₎] with r, s the α/2 and 1−α/2 binomial
 *    quantiles (Conover, Practical Nonparametric Statistics, 3rd ed. 1999, §3.2). A bound whose
 *    rank falls outside 1..n is null: there are too few runs to bound it;
 *  - the CI of a mean by a percentile bootstrap (Efron & Tibshirani, An Introduction to the
 *    Bootstrap, 1993, ch. 13) with a generator seeded by name, so the same data give the same CI.
 */
import seedrandom from 'seedrandom';

export const CONFIDENCE = 0.95;
export const BOOTSTRAP_RESAMPLES = 1000;

export interface Estimate {
  value: number | null;
  /** 95 % confidence interval; a null bound: not enough runs to bound it. */
  ci: [number | null, number | null];
}

/** Round for reports: results are exact, but 1e-12 noise helps nobody. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Smallest k in 0..n with P(B ≤ k) ≥ q, B ~ Binomial(n, p); the pmf is summed in log space from 0. */
export function binomialQuantile(n: number, p: number, q: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const lr = Math.log(p / (1 - p));
  let logPmf = n * Math.log1p(-p);
  let cdf = 0;
  for (let k = 0; k <= n; k++) {
    cdf += Math.exp(logPmf);
    if (cdf >= q) return k;
    logPmf += Math.log((n - k) / (k + 1)) + lr;
  }
  return n;
}

/** The p-quantile of sorted values with its order-statistic CI. */
export function quantile(sorted: number[], p: number, confidence = CONFIDENCE): Estimate {
  const n = sorted.length;
  if (n === 0) return { value: null, ci: [null, null] };
  const k = Math.min(n, Math.max(1, Math.ceil(p * n)));
  const a = (1 - confidence) / 2;
  // P(B < r) ≤ α/2 with B the count of values below the quantile: r = qbinom(α/2) (1-based rank).
  const r = binomialQuantile(n, p, a);
  const s = binomialQuantile(n, p, 1 - a) + 1;
  return { value: sorted[k - 1], ci: [r >= 1 ? sorted[r - 1] : null, s <= n ? sorted[s - 1] : null] };
}

export function mean(xs: number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Percentile-bootstrap CI of the mean; `name` seeds the resampling so the CI is reproducible. */
export function bootstrapMean(xs: number[], name: string, resamples = BOOTSTRAP_RESAMPLES, confidence = CONFIDENCE): Estimate {
  const n = xs.length;
  const m = mean(xs);
  if (m === null) return { value: null, ci: [null, null] };
  const rng = seedrandom.alea(`yanlian/sweep/bootstrap::${name}`);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[Math.floor(rng() * n)];
    means[b] = s / n;
  }
  means.sort();
  const a = (1 - confidence) / 2;
  return { value: m, ci: [means[Math.floor(a * resamples)], means[Math.ceil((1 - a) * resamples) - 1]] };
}

export function roundEstimate(e: Estimate): Estimate {
  return { value: e.value === null ? null : round(e.value), ci: [e.ci[0] === null ? null : round(e.ci[0]), e.ci[1] === null ? null : round(e.ci[1])] };
}
