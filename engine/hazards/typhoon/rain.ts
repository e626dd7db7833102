/**
 * Typhoon rain and its consequences: a parametric rain-rate profile (R-CLIPER), a bucket model
 * for waterlogging at a low point, and the Caine (1980) landslide trigger threshold.
 * See docs/models-typhoon.md §5 for sources and confidence.
 */

import { requireFinite, requireNonNegative, requirePositive } from '../guard.ts';

const MS_PER_KNOT = 0.514444; // 1 kt = 1852 m / 3600 s
const MM_PER_INCH = 25.4;

/**
 * R-CLIPER coefficients: Tuleya, R.E., DeMaria, M. & Kuligowski, R.J. (2007) "Evaluation of GFDL
 * and simple statistical model rainfall forecasts for U.S. landfalling tropical storms", Weather
 * and Forecasting 22:56–70 (bias-adjusted R-CLIPER, building on Lonfat, Marks & Chen 2004,
 * Mon. Wea. Rev. 132:1645). Values as transcribed in the CLIMADA R-CLIPER implementation
 * ("CLIPER NHC bias adjusted (Tuleya, 2007)"); not checked against the paper — see docs.
 * T in inch/day, radii in km; U = 1 + (Vmax[kt] − 35)/33.
 */
export const RCLIPER = {
  a1: -1.1, b1: 3.96, // T0 = a1 + b1 U  (rain rate at the centre)
  a2: -1.6, b2: 4.8, // Tm = a2 + b2 U  (maximum rain rate)
  a3: 64, b3: -13, // rm = a3 + b3 U  (radius of maximum rain, km)
  a4: 150, b4: -16, // re = a4 + b4 U  (e-folding radius beyond rm, km)
} as const;

export interface RainProfile {
  t0MmH: number;
  tmMmH: number;
  rmKm: number;
  reKm: number;
}

/** The four R-CLIPER profile parameters for a storm of maximum wind vmaxMs (m/s). */
export function rcliperProfile(vmaxMs: number): RainProfile {
  const vkt = requireNonNegative('vmaxMs', vmaxMs) / MS_PER_KNOT;
  const u = 1 + (vkt - 35) / 33;
  const toMmH = MM_PER_INCH / 24;
  return {
    t0MmH: (RCLIPER.a1 + RCLIPER.b1 * u) * toMmH,
    tmMmH: (RCLIPER.a2 + RCLIPER.b2 * u) * toMmH,
    rmKm: RCLIPER.a3 + RCLIPER.b3 * u,
    reKm: RCLIPER.a4 + RCLIPER.b4 * u,
  };
}

/**
 * Azimuthally symmetric rain rate (mm/h) at distance r (m) from the centre, R-CLIPER:
 *   r < rm:  T(r) = T0 + (Tm − T0) r/rm;   r ≥ rm:  T(r) = Tm exp(−(r − rm)/re).
 * Negative values (very weak storms) are returned as 0. `multiplier` (default 1) lets a scenario
 * scale the field, e.g. for extratropical transition or orographic enhancement, which the
 * model does not represent.
 */
export function rainRateMmH(p: { r: number; vmaxMs: number; multiplier?: number }): number {
  const rKm = requireNonNegative('r', p.r) / 1000;
  const mult = requireNonNegative('multiplier', p.multiplier ?? 1);
  const prof = rcliperProfile(p.vmaxMs);
  const rm = Math.max(prof.rmKm, 1e-6);
  const re = Math.max(prof.reKm, 1e-6);
  const t = rKm < rm ? prof.t0MmH + ((prof.tmMmH - prof.t0MmH) * rKm) / rm : prof.tmMmH * Math.exp(-(rKm - rm) / re);
  return Math.max(0, t) * mult;
}

/**
 * One explicit time step of a single-bucket ponding model at a low point (mm of standing water):
 *   S' = max(0, S + (rain − drainage) · dt/60),
 * i.e. water accumulates when the rain rate exceeds the local drainage capacity (both in mm/h
 * over the contributing area) and drains at the capacity rate otherwise. A drill-level
 * abstraction of the storage-routing idea of urban drainage models (e.g. the nonlinear-reservoir
 * surface runoff of US EPA SWMM, Rossman 2015, EPA/600/R-14/413b); no infiltration or inflow
 * from neighbouring cells. Returns the new depth in mm.
 */
export function waterloggingDepthStep(p: { rainMmH: number; drainageMmH: number; storageMm: number; dtMin: number }): number {
  const rain = requireNonNegative('rainMmH', p.rainMmH);
  const drain = requireNonNegative('drainageMmH', p.drainageMmH);
  const s = requireNonNegative('storageMm', p.storageMm);
  const dt = requireNonNegative('dtMin', p.dtMin);
  return Math.max(0, s + ((rain - drain) * dt) / 60);
}

/**
 * Rainfall intensity–duration threshold for shallow landslides and debris flows, Caine, N.
 * (1980) "The rainfall intensity–duration control of shallow landslides and debris flows",
 * Geografiska Annaler A 62:23–27: I = 14.82 D^−0.39 (I mm/h, D h), fitted for
 * 10 min < D < 10 days.
 */
export function caineThreshold(durationH: number): number {
  const d = requirePositive('durationH', durationH);
  return 14.82 * d ** -0.39;
}

/** True if the mean intensity over the duration reaches the Caine (1980) threshold. */
export function exceedsCaine(intensityMmH: number, durationH: number): boolean {
  requireFinite('intensityMmH', intensityMmH);
  return intensityMmH >= caineThreshold(durationH);
}
