import { describe, expect, it } from 'vitest';
import { flashFraction, flashFractionIntegrated, liquidOrificeRate } from '../../engine/hazards/release.ts';
import { SUBSTANCES } from '../../engine/hazards/substances.ts';

describe('liquidOrificeRate (Crowl & Louvar, liquid through a hole)', () => {
  it('10 mm hole, water, 1 bar gauge', () => {
    // A = π·0.01²/4 = 7.853982e-5 m²; sqrt(2·1000·1e5) = 14142.136
    // Qm = 0.61 · 7.853982e-5 · 14142.136 = 0.677540 kg/s
    expect(liquidOrificeRate({ holeDiameter: 0.01, liquidDensity: 1000, gaugePressure: 1e5 })).toBeCloseTo(0.67754, 4);
  });
  it('25 mm hole, liquid chlorine, 5 bar gauge, C0 = 1', () => {
    // A = π·0.025²/4 = 4.908739e-4; sqrt(2·1410·5e5) = sqrt(1.41e9) = 37549.97
    // Qm = 4.908739e-4 · 37549.97 = 18.4323 kg/s
    expect(
      liquidOrificeRate({ holeDiameter: 0.025, liquidDensity: 1410, gaugePressure: 5e5, dischargeCoefficient: 1 }),
    ).toBeCloseTo(18.4323, 3);
  });
  it('scales with d² and sqrt(P)', () => {
    const a = liquidOrificeRate({ holeDiameter: 0.01, liquidDensity: 600, gaugePressure: 2e5 });
    expect(liquidOrificeRate({ holeDiameter: 0.02, liquidDensity: 600, gaugePressure: 8e5 }) / a).toBeCloseTo(8, 10);
  });
  it('0 without overpressure or hole; invalid inputs rejected', () => {
    expect(liquidOrificeRate({ holeDiameter: 0.01, liquidDensity: 1000, gaugePressure: 0 })).toBe(0);
    expect(liquidOrificeRate({ holeDiameter: 0.01, liquidDensity: 1000, gaugePressure: -5e4 })).toBe(0);
    expect(liquidOrificeRate({ holeDiameter: 0, liquidDensity: 1000, gaugePressure: 1e5 })).toBe(0);
    expect(() => liquidOrificeRate({ holeDiameter: NaN, liquidDensity: 1000, gaugePressure: 1e5 })).toThrow(RangeError);
    expect(() => liquidOrificeRate({ holeDiameter: 0.01, liquidDensity: 0, gaugePressure: 1e5 })).toThrow(RangeError);
    expect(() =>
      liquidOrificeRate({ holeDiameter: 0.01, liquidDensity: 1000, gaugePressure: 1e5, dischargeCoefficient: 1.5 }),
    ).toThrow(RangeError);
  });
});

describe('flashFraction (Crowl & Louvar, adiabatic flash)', () => {
  const at20C = (s: (typeof SUBSTANCES)['chlorine']) => ({
    cp: s.cpLiquid!, tStorage: 293.15, tBoil: s.boilingPointK!, latentHeat: s.latentHeat!,
  });
  it('chlorine stored at 20 °C', () => {
    // fv = 930 · (293.15 − 239.1) / 287 800 = 930 · 54.05 / 287 800 = 0.174658
    // (literature: roughly 17–18 % of liquid chlorine flashes at ambient temperature)
    expect(flashFraction(at20C(SUBSTANCES.chlorine))).toBeCloseTo(0.174658, 5);
  });
  it('ammonia and propane at 20 °C', () => {
    // NH3: 4700 · (293.15 − 239.81) / 1 371 000 = 4700 · 53.34 / 1 371 000 = 0.182858
    expect(flashFraction(at20C(SUBSTANCES.ammonia))).toBeCloseTo(0.182858, 5);
    // C3H8: 2500 · 62.05 / 426 000 = 0.364143 (≈ one third flashes)
    expect(flashFraction(at20C(SUBSTANCES.lpg))).toBeCloseTo(0.364143, 5);
  });
  it('integrated form 1 − exp(−x) is slightly smaller', () => {
    // 1 − exp(−0.364143) = 0.305208
    expect(flashFractionIntegrated(at20C(SUBSTANCES.lpg))).toBeCloseTo(0.305208, 5);
    expect(flashFractionIntegrated({ cp: 1, tStorage: 200, tBoil: 250, latentHeat: 1 })).toBe(0);
  });
  it('clamped to 0..1; NaN rejected', () => {
    expect(flashFraction({ cp: 2500, tStorage: 220, tBoil: 231.1, latentHeat: 426e3 })).toBe(0);
    expect(flashFraction({ cp: 5000, tStorage: 600, tBoil: 231.1, latentHeat: 100e3 })).toBe(1);
    expect(() => flashFraction({ cp: NaN, tStorage: 293, tBoil: 231, latentHeat: 4e5 })).toThrow(RangeError);
    expect(() => flashFraction({ cp: 2500, tStorage: 293, tBoil: 231, latentHeat: 0 })).toThrow(RangeError);
  });
});
