import { describe, expect, it } from 'vitest';
import {
  GB17742_2020_TABLE, degreeMotion, instrumentalIntensity, intensityDegree, intensityToPga, intensityToPgaG, intensityToPgv,
  intensityToPgvCmS, pgaToIntensity, pgvToIntensity, romanDegree,
} from '../../../engine/hazards/quake/scale.ts';

describe('GB/T 17742-2020 instrumental intensity (Appendix A)', () => {
  it('eq. (A.5) PGA at whole degrees, hand-computed', () => {
    // PGA = 10^((I − 6.59)/3.17): VI 10^−0.186120 = 0.651449; VII 10^0.129338 = 1.346907;
    // VIII 10^0.444795 = 2.784806; IX 10^0.760252 = 5.757744; X 10^1.075710 = 11.90446 m/s²
    expect(intensityToPga(6)).toBeCloseTo(0.651449, 5);
    expect(intensityToPga(7)).toBeCloseTo(1.346907, 5);
    expect(intensityToPga(8)).toBeCloseTo(2.784806, 5);
    expect(intensityToPga(9)).toBeCloseTo(5.757744, 5);
    expect(intensityToPga(10)).toBeCloseTo(11.90446, 4);
  });

  it('eq. (A.6) PGV at whole degrees, hand-computed', () => {
    // PGV = 10^((I − 9.77)/3): VII 10^−0.923333 = 0.119307; IX 10^−0.256667 = 0.553775 m/s
    expect(intensityToPgv(7)).toBeCloseTo(0.119307, 6);
    expect(intensityToPgv(9)).toBeCloseTo(0.553775, 6);
    expect(intensityToPgvCmS(9)).toBeCloseTo(55.3775, 4);
    expect(intensityToPgaG(9)).toBeCloseTo(5.757744 / 9.80665, 6);
  });

  it('degree medians agree with the Table A.1 medians as widely quoted (VI–XII, within 1 %)', () => {
    // PGA medians (m/s²) VI 6.53e-1, VII 1.35, VIII 2.79, IX 5.77, X 11.9, XI 24.7, XII 51.0;
    // PGV medians (m/s) VI 5.57e-2, VII 1.20e-1, VIII 2.58e-1, IX 5.55e-1, X 1.19, XI 2.57, XII 5.55
    const pga = [0.653, 1.35, 2.79, 5.77, 11.9, 24.7, 51.0];
    const pgv = [0.0557, 0.12, 0.258, 0.555, 1.19, 2.57, 5.55];
    for (let k = 0; k < 7; k++) {
      const row = GB17742_2020_TABLE[k + 5]!;
      expect(row.degree).toBe(k + 6);
      expect(Math.abs(row.pgaMs2.median / pga[k]! - 1)).toBeLessThan(0.01);
      expect(Math.abs(row.pgvMs.median / pgv[k]! - 1)).toBeLessThan(0.01);
    }
  });

  it('degree ranges tile the axis: VI ends where VII begins, at I = 6.5', () => {
    // 10^((6.5 − 6.59)/3.17) = 10^−0.028391 = 0.936718 m/s²
    expect(degreeMotion(6).pgaMs2.upper).toBeCloseTo(0.936718, 5);
    expect(degreeMotion(7).pgaMs2.lower).toBe(degreeMotion(6).pgaMs2.upper);
    expect(degreeMotion(1).pgaMs2.lower).toBe(0);
    expect(degreeMotion(12).pgvMs.upper).toBe(Infinity);
    expect(() => degreeMotion(13)).toThrow(RangeError);
    expect(() => degreeMotion(6.5)).toThrow(RangeError);
  });

  it('forward and inverse formulas agree', () => {
    for (const i of [3.2, 6, 7.7, 10.1]) {
      expect(pgaToIntensity(intensityToPga(i))).toBeCloseTo(i, 10);
      expect(pgvToIntensity(intensityToPgv(i))).toBeCloseTo(i, 10);
    }
    expect(() => pgaToIntensity(0)).toThrow(RangeError);
    expect(() => pgvToIntensity(-1)).toThrow(RangeError);
    expect(() => intensityToPga(NaN)).toThrow(RangeError);
  });

  it('combined instrumental intensity: PGV decides at VI and above, the mean below', () => {
    // PGA 2 m/s² → I_A = 3.17·0.301030 + 6.59 = 7.54426; PGV 0.2 m/s → I_V = 3·(−0.698970) + 9.77 = 7.67309
    expect(instrumentalIntensity(2, 0.2)).toBeCloseTo(7.67309, 4);
    // PGA 0.3 → I_A = 3.17·(−0.522879) + 6.59 = 4.93247; PGV 0.02 → I_V = 3·(−1.698970) + 9.77 = 4.67309
    expect(instrumentalIntensity(0.3, 0.02)).toBeCloseTo((4.93247 + 4.67309) / 2, 4);
    expect(instrumentalIntensity(1e-6, 1e-7)).toBe(1);
  });

  it('degrees round continuous intensity and print as Roman numerals', () => {
    expect(intensityDegree(6.49)).toBe(6);
    expect(intensityDegree(6.5)).toBe(7);
    expect(intensityDegree(0.2)).toBe(1);
    expect(intensityDegree(13)).toBe(12);
    expect(romanDegree(9)).toBe('IX');
  });
});
