import { describe, expect, it } from 'vitest';
import {
  criticalAccelerationG, landslideProbability, newmarkDisplacementCm, slopeFailureProbability,
} from '../../../engine/hazards/quake/landslide.ts';

describe('Newmark sliding block, Jibson (2007) and Jibson et al. (2000)', () => {
  it('critical acceleration (FS − 1) sin α', () => {
    expect(criticalAccelerationG(1.5, 30)).toBeCloseTo(0.25, 12);
    expect(criticalAccelerationG(0.9, 30)).toBe(0);
    expect(() => criticalAccelerationG(1.5, 95)).toThrow(RangeError);
  });

  it('displacement by hand at a_c/a_max = 0.5', () => {
    // lg Dn = 0.215 + (2.341 − 1.438) lg 0.5 = 0.215 − 0.903 · 0.301030 = −0.056830 → Dn = 0.877344 cm
    expect(newmarkDisplacementCm(0.1, 0.2)).toBeCloseTo(0.877344, 5);
    // a_c/a_max = 0.1: lg Dn = 0.215 + 2.341 lg 0.9 + 1.438 = 0.215 − 0.107118 + 1.438 = 1.545882 → 35.1465 cm
    expect(newmarkDisplacementCm(0.05, 0.5)).toBeCloseTo(35.1465, 3);
    expect(newmarkDisplacementCm(0.3, 0.2)).toBe(0);
  });

  it('probability of failure by hand, saturating at 0.335', () => {
    // Dn = 0.877344: 0.877344^1.565 = e^(1.565 · −0.130853) = 0.814833; 0.048 · 0.814833 = 0.039112;
    // P = 0.335 (1 − e^−0.039112) = 0.335 · 0.038357 = 0.012850
    expect(landslideProbability(0.877344)).toBeCloseTo(0.01285, 5);
    expect(landslideProbability(1000)).toBeCloseTo(0.335, 6);
    expect(landslideProbability(0)).toBe(0);
    // chain: FS 1.2 on 35° → a_c = 0.2 · 0.573576 = 0.114715 g; stronger shaking, likelier slide
    expect(slopeFailureProbability(1.2, 35, 0.6)).toBeGreaterThan(slopeFailureProbability(1.2, 35, 0.3));
    expect(slopeFailureProbability(1.2, 35, 0.1)).toBe(0);
  });
});
