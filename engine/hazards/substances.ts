/**
 * Substance data for the chlor-alkali plant scenario: chlorine, ammonia, LPG (as propane).
 * Every number carries its source; see docs/models-chemical.md for confidence notes.
 */

import { requireFinite } from './guard.ts';
import { probitFromDose, probitToProbability } from './probit.ts';

export interface Substance {
  id: string;
  nameZh: string;
  nameEn: string;
  molecularWeight: number;
  /** Saturated liquid density near 20 °C, kg/m³. */
  liquidDensity: number;
  /**
   * AEGL values in ppm at 10, 30, 60, 240, 480 min (US EPA / NRC). Empty arrays mean no AEGL
   * is published or used for this substance (aeglPpm then returns Infinity).
   */
  aegl: { 1: number[]; 2: number[]; 3: number[] };
  /** Lethality probit Y = k1 + k2 ln(Σ Cⁿ Δt), C in ppm, t in min. */
  probit?: { k1: number; k2: number; n: number };
  /** heatOfCombustion: net (lower) heat of combustion, J/kg; lfl: lower flammable limit, % v/v in air. */
  flammable?: { heatOfCombustion: number; lfl?: number };
  /** Normal boiling point, K. */
  boilingPointK?: number;
  /** Latent heat of vaporisation at the normal boiling point, J/kg. */
  latentHeat?: number;
  /** Liquid heat capacity (average between boiling point and ~20 °C), J/(kg·K). */
  cpLiquid?: number;
}

/** Durations (min) at which AEGLs are tabulated. */
export const AEGL_DURATIONS_MIN: readonly number[] = [10, 30, 60, 240, 480];

export const SUBSTANCES: Record<'chlorine' | 'ammonia' | 'lpg', Substance> = {
  chlorine: {
    id: 'chlorine',
    nameZh: '氯气',
    nameEn: 'Chlorine',
    molecularWeight: 70.906, // IUPAC atomic weight Cl 35.453 × 2
    liquidDensity: 1410, // saturated liquid at 20 °C; Euro Chlor / Perry's Chemical Engineers' Handbook
    // US EPA AEGL (NRC 2004, "AEGLs for Selected Airborne Chemicals", vol. 4, chlorine), ppm
    aegl: {
      1: [0.5, 0.5, 0.5, 0.5, 0.5],
      2: [2.8, 2.8, 2.0, 1.0, 0.71],
      3: [50, 28, 20, 10, 7.1],
    },
    // Withers, R.M.J. & Lees, F.P. (1985) "The assessment of major hazards: the lethal toxicity
    // of chlorine, Part 2, model of toxicity to man", J. Hazard. Mater. 12:283–302:
    // Y = −8.29 + 0.92 ln(Σ C² T), C ppm, T min (regular population, standard activity);
    // reproduced in Crowl & Louvar (2011) probit table (ch. 2).
    probit: { k1: -8.29, k2: 0.92, n: 2 },
    boilingPointK: 239.1, // −34.0 °C, Perry's Handbook
    latentHeat: 287.8e3, // 20.41 kJ/mol ÷ 70.906 g/mol, Perry's Handbook
    cpLiquid: 930, // ≈0.93 kJ/(kg K), liquid, Perry's Handbook (approximate, ±3 %)
  },
  ammonia: {
    id: 'ammonia',
    nameZh: '氨',
    nameEn: 'Ammonia',
    molecularWeight: 17.031,
    liquidDensity: 610, // saturated liquid at 20 °C, Perry's Handbook
    // US EPA AEGL (NRC 2008, "AEGLs for Selected Airborne Chemicals", vol. 6, ammonia), ppm
    aegl: {
      1: [30, 30, 30, 30, 30],
      2: [220, 220, 160, 110, 110],
      3: [2700, 1600, 1100, 550, 390],
    },
    // Eisenberg, N.A., Lynch, C.J. & Breeding, R.J. (1975) "Vulnerability Model: a simulation
    // system for assessing damage resulting from marine spills", US Coast Guard report
    // CG-D-136-75: Y = −35.9 + 1.85 ln(Σ C² T), C ppm, T min; as tabulated in Crowl & Louvar
    // (2011) probit table (ch. 2), via Lees (1996) "Loss Prevention in the Process Industries".
    probit: { k1: -35.9, k2: 1.85, n: 2 },
    boilingPointK: 239.81, // −33.34 °C
    latentHeat: 1371e3, // 23.35 kJ/mol ÷ 17.031 g/mol
    cpLiquid: 4700, // ≈4.4–4.7 kJ/(kg K) between −33 °C and 20 °C, Perry's Handbook
    // Ammonia is flammable (LFL ≈ 15 % v/v; lower heat of combustion 18.6 MJ/kg, SFPE Handbook
    // table of heats of combustion) though hard to ignite: the 2013 Dehui (Jilin) poultry-plant
    // fire shows an ammonia plant can burn and then release. The engine keeps the ignition branch.
    flammable: { heatOfCombustion: 18.6e6, lfl: 15 },
  },
  lpg: {
    id: 'lpg',
    nameZh: '液化石油气（按丙烷）',
    nameEn: 'LPG (as propane)',
    molecularWeight: 44.097,
    liquidDensity: 500, // saturated propane at 20 °C, Perry's Handbook
    // No AEGL used: the hazard of LPG is fire/explosion (propane AEGLs, where they exist, are
    // far above the LFL-related concentrations of concern).
    aegl: { 1: [], 2: [], 3: [] },
    flammable: {
      heatOfCombustion: 46.35e6, // net heat of combustion of propane, J/kg (CCPS 1994 / Perry's)
      lfl: 2.1, // % v/v, propane; NFPA / Perry's
    },
    boilingPointK: 231.1, // −42.1 °C
    latentHeat: 426e3, // ≈426 kJ/kg at the normal boiling point (literature 420–430)
    cpLiquid: 2500, // ≈2.4–2.6 kJ/(kg K), liquid propane, Perry's Handbook
  },
};

/**
 * AEGL (ppm) for an exposure of `durationMin` minutes: the value at the smallest tabulated
 * duration ≥ durationMin (10, 30, 60, 240, 480 min), with durations above 480 min using the
 * 8-h value and durations ≤ 10 min using the 10-min value. No interpolation: the NRC (2001)
 * "Standing Operating Procedures for Developing AEGLs" gives values only at these durations,
 * and picking the next longer duration is conservative (AEGLs fall with duration).
 * Returns Infinity when the substance has no AEGL of that level.
 */
export function aeglPpm(s: Substance, level: 1 | 2 | 3, durationMin: number): number {
  requireFinite('durationMin', durationMin);
  const values = s.aegl[level];
  if (values === undefined) throw new RangeError(`aeglPpm: level must be 1, 2 or 3, got ${String(level)}`);
  if (values.length === 0) return Infinity;
  for (let i = 0; i < AEGL_DURATIONS_MIN.length && i < values.length; i++) {
    if (durationMin <= AEGL_DURATIONS_MIN[i]) return values[i];
  }
  return values[Math.min(values.length, AEGL_DURATIONS_MIN.length) - 1];
}

/**
 * Probability of death from the substance's lethality probit, given the toxic load
 * dose = ∫ Cⁿ dt (C ppm, t min; the caller accumulates with the substance's n).
 * P = Φ(k1 + k2 ln dose − 5). 0 when the substance has no probit or dose ≤ 0.
 */
export function toxicLethality(s: Substance, doseppmNMin: number): number {
  requireFinite('dose', doseppmNMin);
  if (!s.probit || doseppmNMin <= 0) return 0;
  return probitToProbability(probitFromDose(s.probit.k1, s.probit.k2, doseppmNMin));
}

/**
 * Cⁿ, the concentration term of the toxic load. For n = 2 (ammonia, chlorine) it is c·c: the same
 * double as Math.pow(c, 2), since fdlibm's pow, which V8 uses, returns x*x for y = 2 ("y is 2"
 * case of e_pow.c), and c·c is one correctly rounded product on any IEEE machine; it is cheaper.
 */
export function toxicLoadPower(c: number, n: number): number {
  return n === 2 ? c * c : Math.pow(c, n);
}

/** Toxic-load increment Cⁿ·Δt for a constant concentration over a step (C ppm, Δt min). */
export function toxicLoadIncrement(s: Substance, cPpm: number, dtMin: number): number {
  requireFinite('cPpm', cPpm);
  requireFinite('dtMin', dtMin);
  if (!s.probit || cPpm <= 0 || dtMin <= 0) return 0;
  return toxicLoadPower(cPpm, s.probit.n) * dtMin;
}
