/**
 * Aftershock sequences: Reasenberg & Jones (1989) "Earthquake hazard after a mainshock in
 * California", Science 243:1173–1176. The rate (per day) of aftershocks of magnitude ≥ M at time
 * t (days) after a mainshock of magnitude Mm:
 *
 *   λ(t, M) = 10^(a + b (Mm − M)) · (t + c)^(−p)
 *
 * i.e. the modified Omori law (Utsu 1961) times Gutenberg–Richter magnitudes (b-value b).
 * Generic California parameters a = −1.67, b = 0.91, p = 1.08, c = 0.05 d (Reasenberg & Jones
 * 1989, 1994). No generic set for China is given by our sources; a scenario may supply its own.
 *
 * Sampling is a non-homogeneous Poisson process drawn by inversion of the cumulative rate: each
 * gap is an Exp(1) step in Λ-space, so events come out in time order, one uniform per event
 * time and one per magnitude, from a caller-supplied `rand` (a named seeded stream, never the
 * global generator). Magnitudes are Gutenberg–Richter, truncated to [Mmin, Mmax).
 */

import { requireFinite, requireNonNegative, requirePositive } from '../guard.ts';

export interface AftershockParams {
  /** Productivity a. */
  a: number;
  /** Gutenberg–Richter b-value. */
  b: number;
  /** Omori decay exponent p. */
  p: number;
  /** Omori time offset c (days). */
  cDays: number;
}

/** Reasenberg & Jones (1989) generic California parameters. */
export const RJ89_GENERIC: AftershockParams = { a: -1.67, b: 0.91, p: 1.08, cDays: 0.05 };

export interface AftershockSequence {
  mainMagnitude: number;
  /** Smallest magnitude modelled. */
  minMagnitude: number;
  /** Largest magnitude drawn (exclusive); default the mainshock's. */
  maxMagnitude?: number;
  params?: AftershockParams;
}

function checkParams(k: AftershockParams): void {
  requireFinite('a', k.a);
  requirePositive('b', k.b);
  requirePositive('p', k.p);
  requirePositive('cDays', k.cDays);
}

function magnitudeBounds(s: AftershockSequence): { mMin: number; mMax: number } {
  requireFinite('mainMagnitude', s.mainMagnitude);
  requireFinite('minMagnitude', s.minMagnitude);
  const mMax = s.maxMagnitude ?? s.mainMagnitude;
  requireFinite('maxMagnitude', mMax);
  if (!(mMax > s.minMagnitude)) throw new RangeError(`maxMagnitude (${mMax}) must exceed minMagnitude (${s.minMagnitude})`);
  return { mMin: s.minMagnitude, mMax };
}

/** λ(t, M): rate per day of aftershocks with magnitude ≥ M at t days after the mainshock. */
export function aftershockRate(tDays: number, magnitude: number, mainMagnitude: number, k: AftershockParams = RJ89_GENERIC): number {
  requireNonNegative('tDays', tDays);
  requireFinite('magnitude', magnitude);
  requireFinite('mainMagnitude', mainMagnitude);
  checkParams(k);
  return 10 ** (k.a + k.b * (mainMagnitude - magnitude)) * (tDays + k.cDays) ** -k.p;
}

/** Productivity K (per day at t + c = 1 d) of events in [Mmin, Mmax): λ(·, Mmin) − λ(·, Mmax). */
function productivity(s: AftershockSequence, k: AftershockParams): number {
  const { mMin, mMax } = magnitudeBounds(s);
  return 10 ** (k.a + k.b * (s.mainMagnitude - mMin)) * (1 - 10 ** (-k.b * (mMax - mMin)));
}

/** ∫ (t + c)^−p dt from t1 to t2 (closed form; the p = 1 case is the logarithm). */
function omoriIntegral(t1: number, t2: number, k: AftershockParams): number {
  if (Math.abs(k.p - 1) < 1e-12) return Math.log((t2 + k.cDays) / (t1 + k.cDays));
  const q = 1 - k.p;
  return ((t2 + k.cDays) ** q - (t1 + k.cDays) ** q) / q;
}

/**
 * Expected number of aftershocks with magnitude in [Mmin, Mmax) between t1 and t2 days:
 * N = K ∫ (t + c)^−p dt = K [(t1 + c)^(1−p) − (t2 + c)^(1−p)] / (p − 1).
 */
export function expectedAftershockCount(s: AftershockSequence, t1Days: number, t2Days: number): number {
  const k = s.params ?? RJ89_GENERIC;
  checkParams(k);
  requireNonNegative('t1Days', t1Days);
  requireFinite('t2Days', t2Days);
  if (t2Days < t1Days) throw new RangeError(`t2Days (${t2Days}) must be ≥ t1Days (${t1Days})`);
  return productivity(s, k) * omoriIntegral(t1Days, t2Days, k);
}

/**
 * Time (days) of the next aftershock in [Mmin, Mmax) after `fromDays`, by inversion:
 * Λ(t) − Λ(from) = E with E = −ln(1 − u). Infinity when the sequence has no further event
 * (for p > 1 the total remaining rate is finite). Uses one draw of `rand`.
 */
export function nextAftershockDays(s: AftershockSequence, fromDays: number, rand: () => number): number {
  const k = s.params ?? RJ89_GENERIC;
  checkParams(k);
  requireNonNegative('fromDays', fromDays);
  const big = productivity(s, k);
  const e = -Math.log(1 - rand());
  const x0 = fromDays + k.cDays;
  if (Math.abs(k.p - 1) < 1e-12) return x0 * Math.exp(e / big) - k.cDays;
  const q = 1 - k.p;
  const base = x0 ** q + (q * e) / big;
  if (base <= 0) return Infinity;
  return base ** (1 / q) - k.cDays;
}

/** Gutenberg–Richter magnitude truncated to [Mmin, Mmax): M = Mmin − lg(1 − u(1 − 10^(−b(Mmax−Mmin))))/b. */
export function sampleGutenbergRichter(minMagnitude: number, maxMagnitude: number, b: number, rand: () => number): number {
  requireFinite('minMagnitude', minMagnitude);
  requireFinite('maxMagnitude', maxMagnitude);
  requirePositive('b', b);
  if (!(maxMagnitude > minMagnitude)) throw new RangeError(`maxMagnitude (${maxMagnitude}) must exceed minMagnitude (${minMagnitude})`);
  const span = 1 - 10 ** (-b * (maxMagnitude - minMagnitude));
  return minMagnitude - Math.log10(1 - rand() * span) / b;
}

export interface Aftershock {
  /** Days after the mainshock. */
  tDays: number;
  magnitude: number;
}

/** All aftershocks in [t1, t2] days, in time order: alternating draws (time, magnitude) from `rand`. */
export function sampleAftershocks(s: AftershockSequence, t1Days: number, t2Days: number, rand: () => number): Aftershock[] {
  const k = s.params ?? RJ89_GENERIC;
  const { mMin, mMax } = magnitudeBounds(s);
  requireNonNegative('t1Days', t1Days);
  requireFinite('t2Days', t2Days);
  if (t2Days < t1Days) throw new RangeError(`t2Days (${t2Days}) must be ≥ t1Days (${t1Days})`);
  const out: Aftershock[] = [];
  let t = t1Days;
  for (;;) {
    t = nextAftershockDays(s, t, rand);
    if (!(t <= t2Days)) break;
    out.push({ tDays: t, magnitude: sampleGutenbergRichter(mMin, mMax, k.b, rand) });
  }
  return out;
}

/** Båth's law (Båth 1965, Tectonophysics 2:483–514): the largest aftershock is about Mm − 1.2. */
export function bathLargestAftershock(mainMagnitude: number): number {
  requireFinite('mainMagnitude', mainMagnitude);
  return mainMagnitude - 1.2;
}

/** Aki (1965) maximum-likelihood b-value: lg e / (mean M − Mmin), for magnitudes ≥ Mmin. */
export function akiBValue(magnitudes: readonly number[], minMagnitude: number): number {
  if (magnitudes.length === 0) throw new RangeError('akiBValue needs at least one magnitude');
  let sum = 0;
  for (const m of magnitudes) sum += m;
  const excess = sum / magnitudes.length - minMagnitude;
  if (!(excess > 0)) throw new RangeError('akiBValue: mean magnitude must exceed minMagnitude');
  return Math.LOG10E / excess;
}
