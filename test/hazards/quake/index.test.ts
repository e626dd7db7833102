import { describe, expect, it } from 'vitest';
import * as hazards from '../../../engine/hazards/index.ts';
import * as q from '../../../engine/hazards/quake/index.ts';

describe('engine/hazards/quake index', () => {
  it('re-exports the public API, also as hazards.quake', () => {
    const names = [
      'intensityAt', 'ellipticalIntensity', 'epicentralIntensity', 'isoseismalAxesKm', 'EAST_CHINA_GB18306', 'HAICHENG_1975',
      'intensityToPga', 'intensityToPgaG', 'intensityToPgv', 'intensityToPgvCmS', 'instrumentalIntensity', 'intensityDegree',
      'GB17742_2020_TABLE', 'BUILDING_CLASSES', 'damageStateProbabilities', 'damageStateProbabilitiesAtIntensity',
      'collapseProbability', 'mixDamageStateProbabilities', 'occupancyShare', 'partOfDay', 'indoorCasualties', 'districtIndoorCasualties', 'collapseCasualties', 'districtCollapseCasualties',
      'deathsWithRescueAt', 'survivalProbability', 'expectedDeathsRescuedAt', 'expectedDeathsRescuedBetween',
      'deathFractionDuring', 'aftershockRate', 'expectedAftershockCount', 'nextAftershockDays', 'sampleAftershocks',
      'alaRepairRatePerKm', 'hazusRepairRatePerKm', 'slopeFailureProbability',
    ];
    for (const n of names) {
      expect(q, n).toHaveProperty(n);
      expect(hazards.quake, n).toHaveProperty(n);
    }
  });

  it('chains: Haicheng-like Ms 7.3 → Shenyang intensity → damage → casualties → rescue time matters', () => {
    const src = { magnitude: 7.3, epicentre: q.HAICHENG_1975.epicentre, longAxisAzimuthDeg: 290 };
    const i = q.intensityAt(src, [123.43, 41.8]);
    expect(q.intensityDegree(i)).toBe(6); // observed VI in 1975
    // the same quake under a district 30 km away along the long axis is much worse
    const near = q.intensityAt(src, [122.51, 40.79]);
    expect(near).toBeGreaterThan(i + 1.5);
    const mix = { 'urm-pre': 0.3, 'confined-masonry': 0.4, 'rc-frame': 0.3 };
    const evening = q.occupancyShare('residential', 19.6);
    const c = q.districtCollapseCasualties({ population: 300_000, mix, intensity: near, occupancy: evening });
    expect(c.trappedAlive).toBeGreaterThan(0);
    const fast = q.deathsWithRescueAt(c, 6);
    const slow = q.deathsWithRescueAt(c, 72);
    expect(slow).toBeGreaterThan(fast);
    expect(fast).toBeGreaterThanOrEqual(c.killedOutright);
  });
});
