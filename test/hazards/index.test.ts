import { describe, expect, it } from 'vitest';
import * as hz from '../../engine/hazards/index.ts';

describe('engine/hazards index', () => {
  it('re-exports the public API', () => {
    const names = [
      'probitToProbability', 'pasquillStability', 'briggsSigmas', 'plumeConcentration', 'puffConcentration',
      'gPerM3ToPpm', 'SUBSTANCES', 'aeglPpm', 'toxicLethality', 'indoorConcentrationStep', 'ACH_NORMAL',
      'ACH_SHELTERED', 'liquidOrificeRate', 'flashFraction', 'ignitionProbability', 'pointSourceHeatFlux',
      'escalationTimeToFailure', 'tntEquivalentMass', 'kinneyGrahamOverpressure', 'equipmentDamageProbability',
      'riverTravelMinutes', 'intakeConcentrationMgL',
    ];
    for (const n of names) expect(hz, n).toHaveProperty(n);
  });

  it('chains: chlorine release → plume ppm → AEGL comparison', () => {
    // 1 kg/s chlorine, D rural, 5 m/s, 1 km: C = 2.19941e-2 g/m³ per 1000 g/s
    // → 2.19941e-2 · 344.8227 = 7.5841 ppm > AEGL-2 (60 min) 2.0 ppm, < AEGL-3 20 ppm
    const c = hz.plumeConcentration({ q: 1000, u: 5, h: 0, x: 1000, y: 0, z: 0, cls: 'D', terrain: 'rural' });
    const ppm = hz.gPerM3ToPpm(c, hz.SUBSTANCES.chlorine.molecularWeight);
    expect(ppm).toBeCloseTo(7.5841, 3);
    expect(ppm).toBeGreaterThan(hz.aeglPpm(hz.SUBSTANCES.chlorine, 2, 60));
    expect(ppm).toBeLessThan(hz.aeglPpm(hz.SUBSTANCES.chlorine, 3, 60));
  });
});
