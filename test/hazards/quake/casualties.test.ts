import { describe, expect, it } from 'vitest';
import {
  collapseCasualties, deathsWithRescueAt, districtCollapseCasualties, killedAtCollapseShare, lethalityFamily, trappedShare,
} from '../../../engine/hazards/quake/casualties.ts';
import { collapseProbability } from '../../../engine/hazards/quake/fragility.ts';
import { occupancyShare, partOfDay } from '../../../engine/hazards/quake/occupancy.ts';
import { intensityToPgaG } from '../../../engine/hazards/quake/scale.ts';

describe('Coburn & Spence lethality of collapsed buildings', () => {
  it('M3 and M4 by family and intensity', () => {
    expect(trappedShare('masonry', 7)).toBe(0.05);
    expect(trappedShare('masonry', 8.2)).toBe(0.3);
    expect(trappedShare('masonry', 9)).toBe(0.6);
    expect(trappedShare('masonry', 10.6)).toBe(0.7);
    expect(trappedShare('rc', 8)).toBe(0.5);
    expect(killedAtCollapseShare('masonry')).toBe(0.2);
    expect(killedAtCollapseShare('rc')).toBe(0.4);
    expect(lethalityFamily('urm-pre')).toBe('masonry');
    expect(lethalityFamily('steel')).toBe('rc');
  });

  it('worked example by hand: 1000 residents of collapsed brick houses, IX, 2 AM, rescued after 24 h', () => {
    // occupants 1000 · 0.99 = 990; trapped 990 · 0.6 = 594; killed at once 594 · 0.2 = 118.8;
    // trapped alive 475.2; S(24 h) = 0.675300 → K = 118.8 + 475.2 · 0.324700 = 273.097
    const c = collapseCasualties({ residentsInCollapsed: 1000, occupancy: 0.99, family: 'masonry', intensity: 9 });
    expect(c.occupants).toBeCloseTo(990, 9);
    expect(c.trapped).toBeCloseTo(594, 9);
    expect(c.killedOutright).toBeCloseTo(118.8, 9);
    expect(c.trappedAlive).toBeCloseTo(475.2, 9);
    expect(deathsWithRescueAt(c, 24)).toBeCloseTo(273.097, 2);
    // same people rescued in 2 h: (2/54.5)^1.14 = exp(1.14 · −3.305082) = 0.023099 → S = 0.977166;
    // K = 118.8 + 475.2 · 0.022834 = 129.651
    expect(deathsWithRescueAt(c, 2)).toBeCloseTo(129.651, 2);
  });

  it('RC collapses trap and kill a larger share', () => {
    // 990 · 0.5 = 495 trapped, 495 · 0.4 = 198 killed at once
    const rc = collapseCasualties({ residentsInCollapsed: 1000, occupancy: 0.99, family: 'rc', intensity: 9 });
    expect(rc.trapped).toBeCloseTo(495, 9);
    expect(rc.killedOutright).toBeCloseTo(198, 9);
  });

  it('a district sums the classes of its building mix', () => {
    const population = 200_000;
    const mix = { 'urm-pre': 0.2, 'confined-masonry': 0.5, 'rc-shearwall-high': 0.3 };
    const d = districtCollapseCasualties({ population, mix, intensity: 8.6, occupancy: 0.99 });
    const pga = intensityToPgaG(8.6);
    const urm = population * 0.2 * collapseProbability('urm-pre', pga);
    const cm = population * 0.5 * collapseProbability('confined-masonry', pga);
    const rc = population * 0.3 * collapseProbability('rc-shearwall-high', pga);
    expect(d.collapsedResidents).toBeCloseTo(urm + cm + rc, 6);
    // degree IX (8.6 rounds to 9): masonry M3 0.6, RC 0.5
    expect(d.trapped).toBeCloseTo(0.99 * (0.6 * (urm + cm) + 0.5 * rc), 6);
    expect(() => districtCollapseCasualties({ population, mix: { 'urm-pre': 0.9 }, intensity: 8, occupancy: 1 })).toThrow(/sum to 1/);
    expect(() => districtCollapseCasualties({ population, mix: { mud: 1 }, intensity: 8, occupancy: 1 })).toThrow(/unknown building class 'mud'/);
    expect(() => collapseCasualties({ residentsInCollapsed: 1, occupancy: 1.2, family: 'rc', intensity: 8 })).toThrow(RangeError);
  });
});

describe('occupancy by time of day (Hazus night / day / commute)', () => {
  it('the Hazus 5.1 table, by period', () => {
    // night 00–05 and 20–23 h, day 09–15 h, commute 06–08 and 16–19 h
    expect(occupancyShare('residential', 3)).toBe(1);
    expect(occupancyShare('residential', 23.9)).toBe(1);
    expect(occupancyShare('residential', 12)).toBe(0.53);
    expect(occupancyShare('residential', 19.6)).toBe(0.35);
    expect(occupancyShare('commercial', 2)).toBe(0.01);
    expect(occupancyShare('commercial', 8)).toBe(0.75);
    expect(occupancyShare('educational', 10)).toBe(1);
    expect(occupancyShare('industrial', 22)).toBe(0.14);
    expect(occupancyShare('hotel', 14)).toBe(0.19);
    expect(occupancyShare('residential', 27)).toBe(1); // 03:00 next day
    expect(partOfDay(5.99)).toBe('night');
    expect(partOfDay(6)).toBe('commute');
    expect(partOfDay(15.5)).toBe('day');
    expect(() => occupancyShare('castle' as never, 3)).toThrow(/unknown occupancy use 'castle'/);
    expect(() => partOfDay(NaN)).toThrow(RangeError);
  });

  it('a night quake kills more at home than a mid-afternoon one', () => {
    const night = collapseCasualties({ residentsInCollapsed: 1000, occupancy: occupancyShare('residential', 3), family: 'masonry', intensity: 9 });
    const day = collapseCasualties({ residentsInCollapsed: 1000, occupancy: occupancyShare('residential', 15), family: 'masonry', intensity: 9 });
    // 1000 · 1.00 · 0.6 · 0.2 = 120 against 1000 · 0.53 · 0.6 · 0.2 = 63.6
    expect(night.killedOutright).toBeCloseTo(120, 9);
    expect(day.killedOutright).toBeCloseTo(63.6, 9);
  });
});
