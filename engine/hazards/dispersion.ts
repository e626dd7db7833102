/**
 * Passive (neutrally buoyant) Gaussian dispersion: Briggs σ, continuous plume, instantaneous puff.
 *
 * Limitations (see docs/models-chemical.md): chlorine and flashing ammonia/LPG form dense
 * clouds near the source; a passive Gaussian model is a screening/drill approximation that is
 * most defensible beyond a few hundred metres, where the cloud has been diluted.
 */

import { requireFinite, requireNonNegative } from './guard.ts';
import type { StabilityClass } from './stability.ts';

export type Terrain = 'rural' | 'urban';

/** Smallest downwind distance (m) at which σ is evaluated; below it σ is held at its 1 m value. */
export const MIN_SIGMA_DISTANCE_M = 1;

/**
 * Lowest wind speed (m/s) used by the Gaussian formulas. C ∝ 1/u diverges in calm air and the
 * model is not valid there; US EPA (1995) "User's Guide for the ISC3 Dispersion Models",
 * EPA-454/B-95-003b, vol. II, likewise replaces wind speeds below 1 m/s by 1 m/s.
 */
export const MIN_WIND_SPEED_MS = 1;

/**
 * Briggs (1973) σy, σz (m) at downwind distance x (m).
 * Briggs, G.A. (1973) "Diffusion estimation for small emissions", ATDL Contribution 79,
 * NOAA; formulas as tabulated in Hanna, Briggs & Hosker (1982) "Handbook on Atmospheric
 * Diffusion", DOE/TIC-11223, Table 4.5 (open country) and Table 4.6 (urban, from the
 * St Louis data of McElroy & Pooler 1968). Fitted for 100 m < x < 10 km; outside that
 * range the formulas are extrapolated. x is clamped below at 1 m so σ > 0.
 */
export function briggsSigmas(x: number, cls: StabilityClass, terrain: Terrain): { sy: number; sz: number } {
  return briggsSigmasInto({ sy: 0, sz: 0 }, x, cls, terrain);
}

/**
 * The same σy, σz written into `out` (returned): for per-cell loops, which would otherwise make
 * an object per cell for the collector to clear.
 */
export function briggsSigmasInto<T extends { sy: number; sz: number }>(out: T, x: number, cls: StabilityClass, terrain: Terrain): T {
  requireFinite('x', x);
  const d = Math.max(x, MIN_SIGMA_DISTANCE_M);
  if (terrain === 'rural') {
    const fy = 1 / Math.sqrt(1 + 0.0001 * d);
    switch (cls) {
      case 'A': out.sy = 0.22 * d * fy; out.sz = 0.2 * d; return out;
      case 'B': out.sy = 0.16 * d * fy; out.sz = 0.12 * d; return out;
      case 'C': out.sy = 0.11 * d * fy; out.sz = (0.08 * d) / Math.sqrt(1 + 0.0002 * d); return out;
      case 'D': out.sy = 0.08 * d * fy; out.sz = (0.06 * d) / Math.sqrt(1 + 0.0015 * d); return out;
      case 'E': out.sy = 0.06 * d * fy; out.sz = (0.03 * d) / (1 + 0.0003 * d); return out;
      case 'F': out.sy = 0.04 * d * fy; out.sz = (0.016 * d) / (1 + 0.0003 * d); return out;
    }
  } else if (terrain === 'urban') {
    const fy = 1 / Math.sqrt(1 + 0.0004 * d);
    switch (cls) {
      case 'A':
      case 'B': out.sy = 0.32 * d * fy; out.sz = 0.24 * d * Math.sqrt(1 + 0.001 * d); return out;
      case 'C': out.sy = 0.22 * d * fy; out.sz = 0.2 * d; return out;
      case 'D': out.sy = 0.16 * d * fy; out.sz = (0.14 * d) / Math.sqrt(1 + 0.0003 * d); return out;
      case 'E':
      case 'F': out.sy = 0.11 * d * fy; out.sz = (0.08 * d) / Math.sqrt(1 + 0.0015 * d); return out;
    }
  }
  throw new RangeError(`briggsSigmas: unknown class/terrain ${String(cls)}/${String(terrain)}`);
}

/**
 * The shape of the Briggs σy above as σy = c·d / √(1 + a·d), d = max(x, MIN_SIGMA_DISTANCE_M):
 * c is the class's leading factor, a the terrain's growth damping (Hanna, Briggs & Hosker 1982,
 * Tables 4.5/4.6). Lets a caller skip, exactly, the points that lie outside k σy without
 * evaluating σ there: |y| > k·σy ⇔ y²·(1 + a·d) > k²·c²·d².
 */
export function briggsSyShape(cls: StabilityClass, terrain: Terrain): { c: number; a: number } {
  if (terrain === 'rural') return { c: { A: 0.22, B: 0.16, C: 0.11, D: 0.08, E: 0.06, F: 0.04 }[cls], a: 0.0001 };
  return { c: { A: 0.32, B: 0.32, C: 0.22, D: 0.16, E: 0.11, F: 0.11 }[cls], a: 0.0004 };
}

/** Vertical term with ground reflection (image source at −H). */
function verticalTerm(z: number, h: number, sz: number): number {
  // A ground-level source (h = 0) has the image at the same distance: the two terms are the same
  // number, and doubling one is exact, so this is the same value for one exp instead of two.
  if (h === 0) return 2 * Math.exp(-(z * z) / (2 * sz * sz));
  const a = z - h;
  const b = z + h;
  return Math.exp(-(a * a) / (2 * sz * sz)) + Math.exp(-(b * b) / (2 * sz * sz));
}

/**
 * Continuous point source, Gaussian plume with total ground reflection (g/m³):
 *   C = Q / (2π u σy σz) · exp(−y²/2σy²) · [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)]
 * Turner (1970) "Workbook of Atmospheric Dispersion Estimates", ch. 3 (plume with ground reflection);
 * Crowl & Louvar (2011) "Chemical Process Safety", 3rd ed., ch. 5 (continuous release, reflection).
 * x downwind, y crosswind, z height (m); returns 0 for x ≤ 0 (upwind) and q = 0.
 * u is clamped to ≥ MIN_WIND_SPEED_MS; z < 0 (below ground) returns 0.
 */
export function plumeConcentration(p: {
  q: number; u: number; h: number; x: number; y: number; z: number; cls: StabilityClass; terrain: Terrain;
}): number {
  const q = requireNonNegative('q', p.q);
  const u = Math.max(requireNonNegative('u', p.u), MIN_WIND_SPEED_MS);
  const h = requireNonNegative('h', p.h);
  const x = requireFinite('x', p.x);
  const y = requireFinite('y', p.y);
  const z = requireFinite('z', p.z);
  if (x <= 0 || q === 0 || z < 0) return 0;
  const { sy, sz } = briggsSigmas(x, p.cls, p.terrain);
  return plumeWithSigmas(q, u, h, y, z, sy, sz);
}

/**
 * The same plume formula for callers that already hold σy, σz (the engine's per-cell loop, which
 * needs σy first to skip cells far off the centre line). No input checks: inputs must be valid,
 * u ≥ MIN_WIND_SPEED_MS and the receptor downwind.
 */
export function plumeWithSigmas(q: number, u: number, h: number, y: number, z: number, sy: number, sz: number): number {
  return (q / (2 * Math.PI * u * sy * sz)) * Math.exp(-(y * y) / (2 * sy * sy)) * verticalTerm(z, h, sz);
}

/**
 * Instantaneous point release, Gaussian puff with ground reflection (g/m³):
 *   C = M / ((2π)^{3/2} σx σy σz) · exp(−(x−ut)²/2σx²) · exp(−y²/2σy²) · [vertical reflection term]
 * Crowl & Louvar (2011) "Chemical Process Safety", 3rd ed., ch. 5 (instantaneous puff with reflection).
 * σx = σy; σ's are Briggs plume σ evaluated at the puff's travel distance u·t (a common
 * simplification — dedicated puff σ's such as Slade (1968) are smaller near the source).
 * Returns 0 for t ≤ 0 or mass = 0 or z < 0. u clamped to ≥ MIN_WIND_SPEED_MS.
 */
export function puffConcentration(p: {
  mass: number; u: number; t: number; x: number; y: number; z: number; h: number; cls: StabilityClass; terrain: Terrain;
}): number {
  const m = requireNonNegative('mass', p.mass);
  const u = Math.max(requireNonNegative('u', p.u), MIN_WIND_SPEED_MS);
  const t = requireFinite('t', p.t);
  const x = requireFinite('x', p.x);
  const y = requireFinite('y', p.y);
  const z = requireFinite('z', p.z);
  const h = requireNonNegative('h', p.h);
  if (t <= 0 || m === 0 || z < 0) return 0;
  const travel = u * t;
  const { sy, sz } = briggsSigmas(travel, p.cls, p.terrain);
  const sx = sy;
  const dx = x - travel;
  return (
    (m / (Math.pow(2 * Math.PI, 1.5) * sx * sy * sz)) *
    Math.exp(-(dx * dx) / (2 * sx * sx)) *
    Math.exp(-(y * y) / (2 * sy * sy)) *
    verticalTerm(z, h, sz)
  );
}

/** Molar volume of an ideal gas at 25 °C, 1 atm (L/mol): 24.45. */
export const MOLAR_VOLUME_25C_L = 24.45;

/** ppm(v) = C[mg/m³] · 24.45 / MW at 25 °C, 1 atm (ideal gas law; NIOSH Pocket Guide to Chemical Hazards, conversion note). */
export function gPerM3ToPpm(c: number, molecularWeight: number): number {
  requireFinite('c', c);
  if (!(Number.isFinite(molecularWeight) && molecularWeight > 0)) {
    throw new RangeError(`molecularWeight must be > 0, got ${String(molecularWeight)}`);
  }
  return (c * 1000 * MOLAR_VOLUME_25C_L) / molecularWeight;
}

/** Inverse of gPerM3ToPpm. */
export function ppmToGPerM3(ppm: number, molecularWeight: number): number {
  requireFinite('ppm', ppm);
  if (!(Number.isFinite(molecularWeight) && molecularWeight > 0)) {
    throw new RangeError(`molecularWeight must be > 0, got ${String(molecularWeight)}`);
  }
  return (ppm * molecularWeight) / (MOLAR_VOLUME_25C_L * 1000);
}
