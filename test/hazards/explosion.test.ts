import { describe, expect, it } from 'vitest';
import {
  equipmentDamageProbability,
  kinneyGrahamOverpressure,
  kinneyGrahamRatio,
  tntEquivalentMass,
} from '../../engine/hazards/explosion.ts';

describe('tntEquivalentMass', () => {
  it('1 t of propane, 3 % yield', () => {
    // W = 0.03 · 1000 · 46.35e6 / 4.68e6 = 297.115 kg TNT
    expect(tntEquivalentMass({ fuelMass: 1000, heatOfCombustion: 46.35e6 })).toBeCloseTo(297.115, 2);
  });
  it('explicit yield, zero mass, invalid', () => {
    // 0.1 · 100 · 46.35e6 / 4.68e6 = 99.038 kg
    expect(tntEquivalentMass({ fuelMass: 100, heatOfCombustion: 46.35e6, yieldFactor: 0.1 })).toBeCloseTo(99.038, 2);
    expect(tntEquivalentMass({ fuelMass: 0, heatOfCombustion: 46.35e6 })).toBe(0);
    expect(() => tntEquivalentMass({ fuelMass: NaN, heatOfCombustion: 46.35e6 })).toThrow(RangeError);
    expect(() => tntEquivalentMass({ fuelMass: 1, heatOfCombustion: 46.35e6, yieldFactor: 2 })).toThrow(RangeError);
  });
});

describe('kinneyGrahamOverpressure (Kinney & Graham 1985, free air)', () => {
  it('Z = 10 m/kg^(1/3)', () => {
    // numerator 808 · (1 + (10/4.5)²) = 808 · 5.938272 = 4798.123
    // denominator √(1+(10/0.048)²)·√(1+(10/0.32)²)·√(1+(10/1.35)²) = 208.33573 · 31.26600 · 7.474603 = 48688.4
    // ratio = 0.0985479 → 0.0985479 · 101.325 = 9.98536 kPa
    expect(kinneyGrahamRatio(10)).toBeCloseTo(0.0985479, 6);
    expect(kinneyGrahamOverpressure(10, 1)).toBeCloseTo(9.98536, 4);
  });
  it('Z = 1: ≈ 10 bar', () => {
    // ratio 9.95598 → 1008.79 kPa
    expect(kinneyGrahamOverpressure(1, 1)).toBeCloseTo(1008.79, 1);
  });
  it('same Z, same pressure (cube-root scaling)', () => {
    expect(kinneyGrahamOverpressure(20, 8)).toBeCloseTo(kinneyGrahamOverpressure(10, 1), 10);
  });
  it('297 kg TNT at 100 m', () => {
    // Z = 100 / 297.115^(1/3) = 100 / 6.672804 = 14.98620 → ratio 0.0599316 → 6.07257 kPa
    expect(kinneyGrahamOverpressure(100, 297.11538)).toBeCloseTo(6.07257, 4);
  });
  it('ground reflection factor 2 doubles the charge', () => {
    // Z = 10 / 2^(1/3) = 7.937005 → 13.7489 kPa
    expect(kinneyGrahamOverpressure(10, 1, 2)).toBeCloseTo(13.7489, 3);
  });
  it('edge cases', () => {
    expect(kinneyGrahamOverpressure(50, 0)).toBe(0);
    expect(kinneyGrahamOverpressure(0, 1)).toBeCloseTo(808 * 101.325, 6);
    expect(kinneyGrahamOverpressure(1e6, 1)).toBeGreaterThan(0);
    expect(() => kinneyGrahamOverpressure(-1, 1)).toThrow(RangeError);
    expect(() => kinneyGrahamOverpressure(NaN, 1)).toThrow(RangeError);
    expect(() => kinneyGrahamOverpressure(10, NaN)).toThrow(RangeError);
  });
});

describe('equipmentDamageProbability (Cozzani & Salzano 2004 probits, Ps in Pa)', () => {
  it('atmospheric vessel at 30 kPa', () => {
    // Y = −18.96 + 2.44 · ln(30000) = −18.96 + 2.44 · 10.308953 = 6.193844 → P = Φ(1.193844) = 0.883731
    expect(equipmentDamageProbability(30, 'atmospheric')).toBeCloseTo(0.883731, 5);
  });
  it('pressurised vessel at 100 kPa', () => {
    // Y = −42.44 + 4.33 · ln(1e5) = −42.44 + 4.33 · 11.512925 = 7.410967 → P = Φ(2.410967) = 0.992045
    expect(equipmentDamageProbability(100, 'pressurized')).toBeCloseTo(0.992045, 5);
  });
  it('pressurised vessels are tougher at moderate overpressure', () => {
    expect(equipmentDamageProbability(20, 'pressurized')).toBeLessThan(equipmentDamageProbability(20, 'atmospheric'));
  });
  it('0 without overpressure; NaN rejected', () => {
    expect(equipmentDamageProbability(0, 'atmospheric')).toBe(0);
    expect(equipmentDamageProbability(-3, 'pressurized')).toBe(0);
    expect(() => equipmentDamageProbability(NaN, 'atmospheric')).toThrow(RangeError);
  });
});
