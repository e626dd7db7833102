/**
 * The typhoon in a run (engine/sim/typhoon.ts), checked by hand against its formulas: the track
 * shift, the bucket model at low points (rain × concentration − drainage, pumps only when powered),
 * the linear-reservoir river and its rating curve, and the warning signal from the forecast.
 */
import { describe, expect, it } from 'vitest';
import { Exercise } from '../../engine/index.ts';
import { stormAt } from '../../engine/sim/typhoon.ts';
import { parseBestTrackCsv, interpolateTrack, isoUtcToEpochMinutes } from '../../engine/hazards/typhoon/index.ts';
import { setFacility } from '../../engine/cascade/run.ts';
import { variant } from '../helpers/scenario.ts';

// No seeded jitter, no cascades: the fields alone, so every number can be worked out by hand.
const sc = variant('typhoon', (y) =>
  y.replace('crossTrackSdKm: 40', 'crossTrackSdKm: 0').replace('timingSdMin: 90', 'timingSdMin: 0').replace('rainSpreadLn: 0.3', 'rainSpreadLn: 0')
);
const spec = sc.data.typhoon!;

function started(): Exercise {
  const ex = new Exercise(sc, { seed: 1, plan: null });
  ex.start();
  return ex;
}

describe('typhoon run', () => {
  it('moves the whole track by shiftKm: 185 km west at the latitude of each fix', () => {
    const ex = started();
    const t = 17 * 60;
    const storm = stormAt(ex, spec, t)!;
    const fixes = parseBestTrackCsv(sc.refs[spec.track as string]);
    const real = interpolateTrack(fixes, isoUtcToEpochMinutes(spec.trackTimeAtStart) + t)!;
    expect(storm.fix.lat).toBeCloseTo(real.lat, 9);
    expect(storm.fix.lon).toBeCloseTo(real.lon - 185 / (111.32 * Math.cos((real.lat * Math.PI) / 180)), 9);
  });

  it('ponds water at a low point as (rain × concentration − drainage) × Δt, with pumps counted only while powered', () => {
    const ex = started();
    const lp = sc.data.facilities.find((f) => f.id === 'lp-beizhan')!;
    if (lp.kind !== 'low-point') throw new Error('lp-beizhan is a low point');
    ex.advanceTo(15 * 60 - 1);
    const depth0 = ex.state.typhoon!.depthMm['lp-beizhan'];
    ex.advanceTo(15 * 60);
    const rain = ex.state.infra.fields['district:210103'].rainMmH;
    // pump-beizhan (45 mm/h) drains it while sub-beizhan has power.
    const expected = Math.max(0, depth0 + ((rain * lp.concentration - (lp.drainageMmH + 45)) * 30) / 60);
    expect(ex.state.typhoon!.depthMm['lp-beizhan']).toBeCloseTo(expected, 9);

    const dark = started();
    dark.advanceTo(15 * 60 - 1);
    setFacility(dark, 'sub-beizhan', 'offline', 0);
    const d0 = dark.state.typhoon!.depthMm['lp-beizhan'];
    dark.advanceTo(15 * 60);
    const r = dark.state.infra.fields['district:210103'].rainMmH;
    expect(dark.state.typhoon!.depthMm['lp-beizhan']).toBeCloseTo(Math.max(0, d0 + ((r * lp.concentration - lp.drainageMmH) * 30) / 60), 9);
  });

  it('steps the river as a linear reservoir (exact for constant inflow) and reads the stage off h = a·Q^b', () => {
    const ex = started();
    const river = sc.data.rivers.find((r) => r.id === 'hun')!;
    const c = river.catchment!;
    ex.advanceTo(14 * 60 - 1);
    const s0 = ex.state.typhoon!.riverStorage.hun;
    ex.advanceTo(14 * 60);
    const meanRate = c.districts.reduce((s, id) => s + ex.state.infra.fields[`district:${id}`].rainMmH, 0) / c.districts.length;
    const inflow = (c.runoffCoefficient * meanRate * 1e-3 * c.areaKm2 * 1e6) / 3600;
    const k = c.lag * 60;
    const s1 = inflow * k + (s0 - inflow * k) * Math.exp(-(30 * 60) / k);
    expect(ex.state.typhoon!.riverStorage.hun).toBeCloseTo(s1, 3);
    const q = river.flowM3s + s1 / k;
    expect(ex.state.infra.fields['river:hun'].stageM).toBeCloseTo(c.rating.a * Math.pow(q, c.rating.b), 3);
    // At base flow alone the gauge reads a·Q0^b: 0.239 · 150^0.424 ≈ 2.00 m.
    expect(c.rating.a * Math.pow(river.flowM3s, c.rating.b)).toBeCloseTo(2.0, 1);
  });

  it('publishes each district signal change to every seat, and never flips a district back and forth within two hours', () => {
    const ex = new Exercise(sc, { seed: 1, plan: null });
    ex.runToEnd();
    const signals = ex.events.filter((e) => e.type === 'hazard.signal');
    expect(signals.length).toBeGreaterThan(0);
    for (const e of signals) expect(e.audience).toBe('all');
    const byDistrict = new Map<string, number[]>();
    for (const e of signals) byDistrict.set(String(e.data.district), [...(byDistrict.get(String(e.data.district)) ?? []), e.t]);
    for (const times of byDistrict.values()) for (let i = 2; i < times.length; i++) expect(times[i] - times[i - 2]).toBeGreaterThanOrEqual(120);
  });
});
