import { describe, expect, it } from 'vitest';
import {
  briggsSigmas,
  briggsSigmasInto,
  briggsSyShape,
  plumeWithSigmas,
  gPerM3ToPpm,
  plumeConcentration,
  ppmToGPerM3,
  puffConcentration,
} from '../../engine/hazards/dispersion.ts';

/** |actual/expected − 1| < tol */
function expectRel(actual: number, expected: number, tol = 1e-4): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(tol);
}

describe('briggsSigmas (Briggs 1973) at x = 1000 m', () => {
  it('rural', () => {
    // A: σy = 0.22·1000/√1.1 = 220/1.0488088 = 209.762; σz = 0.20·1000 = 200
    let s = briggsSigmas(1000, 'A', 'rural');
    expectRel(s.sy, 209.7618);
    expectRel(s.sz, 200);
    // D: σy = 80/√1.1 = 76.2770; σz = 60/√(1+1.5) = 60/1.5811388 = 37.9473
    s = briggsSigmas(1000, 'D', 'rural');
    expectRel(s.sy, 76.2770);
    expectRel(s.sz, 37.9473);
    // F: σy = 40/√1.1 = 38.1385; σz = 16/(1+0.3) = 12.3077
    s = briggsSigmas(1000, 'F', 'rural');
    expectRel(s.sy, 38.1385);
    expectRel(s.sz, 12.3077);
  });

  it('urban', () => {
    // A–B: σy = 320/√1.4 = 320/1.1832160 = 270.449; σz = 240·√2 = 339.411
    let s = briggsSigmas(1000, 'B', 'urban');
    expectRel(s.sy, 270.4494);
    expectRel(s.sz, 339.4113);
    expect(briggsSigmas(1000, 'A', 'urban')).toEqual(s);
    // D: σy = 160/√1.4 = 135.2247; σz = 140/√1.3 = 140/1.1401754 = 122.7881
    s = briggsSigmas(1000, 'D', 'urban');
    expectRel(s.sy, 135.2247);
    expectRel(s.sz, 122.7881);
    // E–F: σy = 110/√1.4 = 92.9670; σz = 80/√2.5 = 50.5964
    s = briggsSigmas(1000, 'F', 'urban');
    expectRel(s.sy, 92.9670);
    expectRel(s.sz, 50.5964);
    expect(briggsSigmas(1000, 'E', 'urban')).toEqual(s);
  });

  it('σ grows with distance and more stable classes are narrower', () => {
    expect(briggsSigmas(2000, 'D', 'rural').sz).toBeGreaterThan(briggsSigmas(1000, 'D', 'rural').sz);
    expect(briggsSigmas(1000, 'F', 'rural').sz).toBeLessThan(briggsSigmas(1000, 'D', 'rural').sz);
  });

  it('clamps x below 1 m and rejects NaN', () => {
    expect(briggsSigmas(0, 'D', 'rural')).toEqual(briggsSigmas(1, 'D', 'rural'));
    expect(briggsSigmas(-50, 'D', 'rural')).toEqual(briggsSigmas(1, 'D', 'rural'));
    expect(() => briggsSigmas(NaN, 'D', 'rural')).toThrow(RangeError);
  });
});

describe('plumeConcentration', () => {
  const base = { q: 1000, u: 5, h: 0, x: 1000, y: 0, z: 0, cls: 'D' as const, terrain: 'rural' as const };

  it('ground-level centreline, ground release', () => {
    // H = 0, y = z = 0: C = Q/(π u σy σz) = 1000/(π·5·76.2770·37.9473)
    //   = 1000/45466.5 = 2.19941e-2 g/m³
    expectRel(plumeConcentration(base), 2.19941e-2);
  });

  it('elevated source, off-axis receptor', () => {
    // H = 50, y = 100, z = 0:
    // C = Q/(2π u σy σz) · exp(−y²/2σy²) · 2 exp(−H²/2σz²)
    //   = 2.19941e-2 · exp(−10000/11636.3) · exp(−2500/2880.0)
    //   = 2.19941e-2 · 0.423427 · 0.419767 = 3.9092e-3 g/m³
    expectRel(plumeConcentration({ ...base, h: 50, y: 100 }), 3.9092e-3, 2e-4);
  });

  it('is symmetric in y and reflects at the ground', () => {
    expect(plumeConcentration({ ...base, y: 30 })).toBeCloseTo(plumeConcentration({ ...base, y: -30 }), 15);
    // at z = H = 20 m the vertical terms are 1 and exp(−(2H)²/2σz²) = exp(−1600/2880) = 0.573753:
    // C = 1000/(2π·5·76.2770·37.9473) · 1.573753 = 1.099705e-2 · 1.573753 = 1.73066e-2 g/m³
    expectRel(plumeConcentration({ ...base, h: 20, z: 20 }), 1.73066e-2, 2e-4);
  });

  it('returns 0 upwind, at the source plane, below ground and for q = 0', () => {
    expect(plumeConcentration({ ...base, x: 0 })).toBe(0);
    expect(plumeConcentration({ ...base, x: -100 })).toBe(0);
    expect(plumeConcentration({ ...base, z: -1 })).toBe(0);
    expect(plumeConcentration({ ...base, q: 0 })).toBe(0);
  });

  it('clamps wind below 1 m/s', () => {
    const c1 = plumeConcentration({ ...base, u: 1 });
    expect(plumeConcentration({ ...base, u: 0.2 })).toBe(c1);
    expect(plumeConcentration({ ...base, u: 0 })).toBe(c1);
    // and scales as 1/u above it: 5× the wind, 1/5 the concentration
    expectRel(c1 / 5, plumeConcentration(base), 1e-12);
  });

  it('rejects NaN / negative inputs', () => {
    expect(() => plumeConcentration({ ...base, q: NaN })).toThrow(RangeError);
    expect(() => plumeConcentration({ ...base, x: NaN })).toThrow(RangeError);
    expect(() => plumeConcentration({ ...base, u: NaN })).toThrow(RangeError);
    expect(() => plumeConcentration({ ...base, q: -1 })).toThrow(RangeError);
  });
});

describe('puffConcentration', () => {
  const base = { mass: 1e6, u: 2, t: 500, x: 1000, y: 0, z: 0, h: 0, cls: 'F' as const, terrain: 'rural' as const };

  it('centre of a ground-level puff', () => {
    // travel u·t = 1000 m; σx = σy = 38.1385, σz = 12.3077 (class F rural)
    // C = 2M/((2π)^{3/2} σy² σz) = 2e6/(15.74961 · 1454.545 · 12.30769)
    //   = 2e6/281951 = 7.0934 g/m³
    expectRel(puffConcentration(base), 7.0934, 2e-4);
  });

  it('falls by e^{-1/2} one σx along-wind from the centre', () => {
    const c = puffConcentration({ ...base, x: 1000 + 38.13850 });
    expectRel(c / puffConcentration(base), Math.exp(-0.5), 1e-5);
  });

  it('returns 0 before release, below ground, for zero mass', () => {
    expect(puffConcentration({ ...base, t: 0 })).toBe(0);
    expect(puffConcentration({ ...base, t: -10 })).toBe(0);
    expect(puffConcentration({ ...base, z: -1 })).toBe(0);
    expect(puffConcentration({ ...base, mass: 0 })).toBe(0);
  });

  it('is ~0 far upwind of the puff centre', () => {
    expect(puffConcentration({ ...base, x: -500 })).toBeLessThan(1e-100);
  });

  it('rejects NaN', () => {
    expect(() => puffConcentration({ ...base, t: NaN })).toThrow(RangeError);
    expect(() => puffConcentration({ ...base, mass: NaN })).toThrow(RangeError);
  });
});

describe('gPerM3ToPpm', () => {
  it('matches NIOSH conversion factors', () => {
    // chlorine: NIOSH 1 ppm = 2.90 mg/m³ → 1 g/m³ = 1000·24.45/70.906 = 344.82 ppm
    expectRel(gPerM3ToPpm(1, 70.906), 344.82, 1e-4);
    // ammonia: NIOSH 1 ppm = 0.70 mg/m³ → 1 mg/m³ = 24.45/17.031 = 1.4356 ppm
    expectRel(gPerM3ToPpm(0.001, 17.031), 1.4356, 1e-4);
  });
  it('round-trips and rejects bad molecular weight', () => {
    expect(ppmToGPerM3(gPerM3ToPpm(0.37, 44.097), 44.097)).toBeCloseTo(0.37, 12);
    expect(() => gPerM3ToPpm(1, 0)).toThrow(RangeError);
    expect(() => gPerM3ToPpm(NaN, 17)).toThrow(RangeError);
  });
});

describe('per-cell fast paths give the same numbers', () => {
  const classes = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
  const xs = [0, 0.5, 1, 37.3, 100, 412.9, 1000, 5321.7, 10_000, 40_000];

  it('briggsSigmasInto writes exactly what briggsSigmas returns, into the object given', () => {
    const out = { sy: 0, sz: 0 };
    for (const terrain of ['rural', 'urban'] as const)
      for (const cls of classes)
        for (const x of xs) {
          expect(briggsSigmasInto(out, x, cls, terrain)).toBe(out);
          expect(out).toEqual(briggsSigmas(x, cls, terrain));
        }
  });

  it('briggsSyShape: σy = c·d/√(1 + a·d), and the squared cone test agrees with |y| > 5σy', () => {
    for (const terrain of ['rural', 'urban'] as const)
      for (const cls of classes) {
        const { c, a } = briggsSyShape(cls, terrain);
        for (const x of xs) {
          const d = Math.max(x, 1);
          expectRel(briggsSigmas(x, cls, terrain).sy, (c * d) / Math.sqrt(1 + a * d), 1e-12);
          const sy = briggsSigmas(x, cls, terrain).sy;
          // Points just inside and just outside 5σy, and one well outside.
          for (const [y, outside] of [[5 * sy * (1 - 1e-6), false], [5 * sy * (1 + 1e-6), true], [20 * sy, true]] as const) {
            expect(y * y * (1 + a * d) > 25 * c * c * d * d * (1 + 1e-9)).toBe(outside);
          }
        }
      }
  });

  it('the plume at a ground-level source: one exp doubled is the two-image sum', () => {
    // Turner (1970) reflection term with H = 0: exp(−z²/2σz²) + exp(−z²/2σz²), computed by hand here.
    const sy = 76.277;
    const sz = 37.9473;
    const z = 1.5;
    const byHand = (100 / (2 * Math.PI * 3 * sy * sz)) * Math.exp(-(20 * 20) / (2 * sy * sy)) * (Math.exp(-(z * z) / (2 * sz * sz)) + Math.exp(-(z * z) / (2 * sz * sz)));
    expect(plumeWithSigmas(100, 3, 0, 20, z, sy, sz)).toBe(byHand);
    expect(plumeConcentration({ q: 100, u: 3, h: 0, x: 1000, y: 20, z, cls: 'D', terrain: 'rural' })).toBeGreaterThan(0);
  });
});
