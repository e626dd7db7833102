import { describe, expect, it } from 'vitest';
import { pasquillStability } from '../../engine/hazards/stability.ts';

// Pasquill (1961) / Turner (1970) Table 1; intermediate classes resolved to the more stable one.
describe('pasquillStability', () => {
  it('day, strong insolation', () => {
    expect(pasquillStability({ windSpeed10m: 1.5, isDay: true, insolation: 'strong' })).toBe('A');
    expect(pasquillStability({ windSpeed10m: 2.5, isDay: true, insolation: 'strong' })).toBe('B'); // A–B → B
    expect(pasquillStability({ windSpeed10m: 4, isDay: true, insolation: 'strong' })).toBe('B');
    expect(pasquillStability({ windSpeed10m: 5.5, isDay: true, insolation: 'strong' })).toBe('C');
    expect(pasquillStability({ windSpeed10m: 8, isDay: true, insolation: 'strong' })).toBe('C');
  });

  it('day, moderate insolation (default)', () => {
    expect(pasquillStability({ windSpeed10m: 1, isDay: true })).toBe('B'); // A–B → B
    expect(pasquillStability({ windSpeed10m: 2.5, isDay: true })).toBe('B');
    expect(pasquillStability({ windSpeed10m: 4, isDay: true })).toBe('C'); // B–C → C
    expect(pasquillStability({ windSpeed10m: 5.5, isDay: true })).toBe('D'); // C–D → D
    expect(pasquillStability({ windSpeed10m: 7, isDay: true, insolation: 'moderate' })).toBe('D');
  });

  it('day, slight insolation', () => {
    expect(pasquillStability({ windSpeed10m: 1, isDay: true, insolation: 'slight' })).toBe('B');
    expect(pasquillStability({ windSpeed10m: 2.5, isDay: true, insolation: 'slight' })).toBe('C');
    expect(pasquillStability({ windSpeed10m: 4, isDay: true, insolation: 'slight' })).toBe('C');
    expect(pasquillStability({ windSpeed10m: 5.5, isDay: true, insolation: 'slight' })).toBe('D');
  });

  it('night, by cloud cover', () => {
    expect(pasquillStability({ windSpeed10m: 2.5, isDay: false, cloudCoverOktas: 5 })).toBe('E');
    expect(pasquillStability({ windSpeed10m: 2.5, isDay: false, cloudCoverOktas: 2 })).toBe('F');
    expect(pasquillStability({ windSpeed10m: 4, isDay: false, cloudCoverOktas: 4 })).toBe('D');
    expect(pasquillStability({ windSpeed10m: 4, isDay: false, cloudCoverOktas: 3 })).toBe('E');
    expect(pasquillStability({ windSpeed10m: 5.5, isDay: false, cloudCoverOktas: 0 })).toBe('D');
    // unspecified cloud at night → treated as clear (more stable)
    expect(pasquillStability({ windSpeed10m: 4, isDay: false })).toBe('E');
    // calm night (blank in the table) → F
    expect(pasquillStability({ windSpeed10m: 0.5, isDay: false, cloudCoverOktas: 6 })).toBe('F');
  });

  it('overcast → D day and night', () => {
    expect(pasquillStability({ windSpeed10m: 1, isDay: true, insolation: 'strong', cloudCoverOktas: 8 })).toBe('D');
    expect(pasquillStability({ windSpeed10m: 1, isDay: false, cloudCoverOktas: 8 })).toBe('D');
  });

  it('row boundaries: 2, 3, 5, 6 m/s belong to the higher row', () => {
    expect(pasquillStability({ windSpeed10m: 1.999, isDay: true, insolation: 'slight' })).toBe('B');
    expect(pasquillStability({ windSpeed10m: 2, isDay: true, insolation: 'slight' })).toBe('C');
    expect(pasquillStability({ windSpeed10m: 3, isDay: false, cloudCoverOktas: 0 })).toBe('E');
    expect(pasquillStability({ windSpeed10m: 5, isDay: false, cloudCoverOktas: 0 })).toBe('D');
    expect(pasquillStability({ windSpeed10m: 6, isDay: true, insolation: 'moderate' })).toBe('D');
  });

  it('rejects invalid inputs', () => {
    expect(() => pasquillStability({ windSpeed10m: NaN, isDay: true })).toThrow(RangeError);
    expect(() => pasquillStability({ windSpeed10m: -1, isDay: true })).toThrow(RangeError);
    expect(() => pasquillStability({ windSpeed10m: 3, isDay: false, cloudCoverOktas: 9 })).toThrow(RangeError);
    expect(() => pasquillStability({ windSpeed10m: 3, isDay: false, cloudCoverOktas: NaN })).toThrow(RangeError);
  });
});
