/**
 * The typhoon in a run: the track (a real CMA best track, shifted and jittered as the scenario
 * says), and every `tick` the wind and rain at each district, the warning signal each district's
 * forecast implies, standing water at low points, and river stage. The fields feed the cascade
 * rules (engine/cascade/run.ts), which turn them into outages, floods, blocked roads, landslides.
 * The physics is in engine/hazards/typhoon/ (docs/models-typhoon.md); this file only steps it.
 */
import type { Exercise } from './exercise.ts';
import type { Scenario } from '../scenario/load.ts';
import type { TyphoonSpec } from '../scenario/schema.ts';
import {
  parseBestTrackCsv, interpolateTrack, forwardMotion, isoUtcToEpochMinutes, windAtPoint, beaufort,
  rainRateMmH, waterloggingDepthStep, caineThreshold, typhoonWarningSignal, type TrackFix, type WindForecastEntry
} from '../hazards/typhoon/index.ts';
import { evaluateCascades, isPowered } from '../cascade/run.ts';
import { round } from './events.ts';
import { districtCentroids } from '../world/centroids.ts';

export interface TyphoonState {
  /** Track shift actually used in this run (scenario shift + seeded cross-track offset), km east/north. */
  shiftKm: [number, number];
  /** Seeded timing offset of the storm (minutes; positive = later). */
  delayMin: number;
  rainMultiplier: number;
  /** Rain per tick (mm) for the last 24 h, per district. */
  rainHist: Record<string, number[]>;
  rainMm: Record<string, number>;
  /** Ponded water at each low point, mm. */
  depthMm: Record<string, number>;
  /** Storm runoff stored in each river's catchment (linear reservoir), m³. */
  riverStorage: Record<string, number>;
  signal: Record<string, string | null>;
  ticks: number;
}

const SIGNALS = ['blue', 'yellow', 'orange', 'red'];
/** Where the storm centre counts as over land (north of the Yellow Sea coast, ~39°N): see docs/models-typhoon.md. */
const LAND_LATITUDE = 39;

interface TyphoonStatic {
  fixes: TrackFix[];
  centroids: Map<string, [number, number]>;
}
const statics = new WeakMap<Scenario, TyphoonStatic>();

/** The parsed track and the district centroids, once per loaded scenario. */
function staticOf(sc: Scenario): TyphoonStatic {
  let s = statics.get(sc);
  if (s) return s;
  const spec = sc.data.typhoon!;
  const fixes = typeof spec.track === 'string'
    ? parseBestTrackCsv(sc.refs[spec.track])
    : spec.track.map((f) => ({ tMin: isoUtcToEpochMinutes(f.time), lat: f.lat, lon: f.lon, pressureHpa: f.pressureHpa, vmaxMs: f.vmaxMs, grade: '' }));
  s = { fixes, centroids: districtCentroids(sc.world) };
  statics.set(sc, s);
  return s;
}

export function startTyphoon(ex: Exercise): void {
  const spec = ex.scenario.data.typhoon!;
  const cross = spec.crossTrackSdKm > 0 ? ex.rng.normal('hazard/typhoon/cross-track', 0, spec.crossTrackSdKm) : 0;
  const delay = spec.timingSdMin > 0 ? ex.rng.normal('hazard/typhoon/timing', 0, spec.timingSdMin) : 0;
  const rain = spec.rainSpreadLn > 0 ? Math.exp(ex.rng.normal('hazard/typhoon/rain', 0, spec.rainSpreadLn)) : 1;
  const districts = ex.scenario.world.districts.map((d) => d.id);
  ex.state.typhoon = {
    shiftKm: [spec.shiftKm[0] + cross, spec.shiftKm[1]],
    delayMin: delay,
    rainMultiplier: spec.rainMultiplier * rain,
    rainHist: Object.fromEntries(districts.map((d) => [d, []])),
    rainMm: Object.fromEntries(districts.map((d) => [d, 0])),
    depthMm: {},
    riverStorage: {},
    signal: Object.fromEntries(districts.map((d) => [d, null])),
    ticks: 0
  };
  for (const f of ex.scenario.data.facilities) if (f.kind === 'low-point') ex.state.typhoon.depthMm[f.id] = 0;
  for (const r of ex.scenario.data.rivers) if (r.catchment) ex.state.typhoon.riverStorage[r.id] = 0;
  ex.emit('hazard.typhoon-track', {
    name: spec.name, shiftKm: ex.state.typhoon.shiftKm.map((v) => round(v, 1)), delayMin: round(delay, 1), rainMultiplier: round(ex.state.typhoon.rainMultiplier, 3)
  }, { audience: 'facilitator' });
  ex.at(0, 'engine', 'typhoon', { kind: 'hazard-tick', hazard: 'typhoon' });
}

/** The storm state (shifted track) at sim-time t, or null before the first or after the last fix. */
export function stormAt(ex: Exercise, spec: TyphoonSpec, t: number): { fix: TrackFix; motion: ReturnType<typeof forwardMotion> } | null {
  const st = ex.state.typhoon!;
  const { fixes } = staticOf(ex.scenario);
  const epoch = isoUtcToEpochMinutes(spec.trackTimeAtStart) + t - st.delayMin;
  const fix = interpolateTrack(fixes, epoch);
  if (!fix) return null;
  const dLat = st.shiftKm[1] / 110.574; // km per degree of latitude
  const dLon = st.shiftKm[0] / (111.32 * Math.cos((fix.lat * Math.PI) / 180));
  return { fix: { ...fix, lat: fix.lat + dLat, lon: fix.lon + dLon }, motion: forwardMotion(fixes, epoch) };
}

function windAt(storm: NonNullable<ReturnType<typeof stormAt>>, point: [number, number], ambientHpa: number) {
  return windAtPoint({ fix: storm.fix, motion: storm.motion, point, overLand: true, centreOverLand: storm.fix.lat >= LAND_LATITUDE, ambientHpa });
}

export function typhoonTick(ex: Exercise): void {
  const spec = ex.scenario.data.typhoon!;
  const st = ex.state.typhoon!;
  const { centroids } = staticOf(ex.scenario);
  const infra = ex.state.infra;
  const t = ex.state.t;
  const dt = spec.tick;
  const storm = stormAt(ex, spec, t);
  const histLen = Math.max(1, Math.round((24 * 60) / dt));
  const hourly = st.ticks % Math.max(1, Math.round(60 / dt)) === 0;
  const gusts: Record<string, number> = {};
  const rains: Record<string, number> = {};

  for (const d of ex.scenario.world.districts) {
    const f = infra.fields[`district:${d.id}`];
    let gust = 0, wind = 0, rate = 0;
    if (storm) {
      const w = windAt(storm, centroids.get(d.id)!, spec.ambientHpa);
      gust = w.gustMs; wind = w.sustainedMs;
      rate = rainRateMmH({ r: w.rKm * 1000, vmaxMs: storm.fix.vmaxMs, multiplier: st.rainMultiplier });
    }
    const hist = st.rainHist[d.id];
    hist.push((rate * dt) / 60);
    if (hist.length > histLen) hist.shift();
    st.rainMm[d.id] += (rate * dt) / 60;
    f.gustMs = round(gust, 2); f.windMs = round(wind, 2); f.beaufort = beaufort(wind);
    f.rainMmH = round(rate, 2); f.rainMm = round(st.rainMm[d.id], 1);
    f.rain6hMm = round(sumLast(hist, Math.round(360 / dt)), 1);
    f.rain24hMm = round(sumLast(hist, histLen), 1);
    f.caine = caineExceeded(hist, dt) ? 1 : 0;
    gusts[d.id] = f.gustMs; rains[d.id] = f.rainMm;
  }

  if (hourly) updateSignals(ex, spec, t, centroids);

  // Low points: rain in, gravity drainage and powered pumps out (bucket model, hazards/typhoon/rain.ts).
  for (const f of ex.scenario.data.facilities) {
    if (f.kind !== 'low-point') continue;
    const district = ex.scenario.world.points.get(f.id)!.district;
    let drainage = f.drainageMmH * infra.drainageFactor[district];
    for (const p of ex.scenario.data.facilities) {
      if (p.kind === 'pump-station' && p.drains === f.id && infra.facilities[p.id].status === 'ok' && isPowered(ex, p.id)) drainage += p.capacityMmH;
    }
    // Mobile pump teams on scene at the low point (sent to it, or to an incident there).
    for (const team of ex.scenario.data.teams) {
      const ts = ex.state.teams[team.id];
      if (ts.lc.value === 'onScene' && ts.location === f.id && team.capabilities.includes('pumping')) drainage += f.pumpTeamMmH;
    }
    const rain = (infra.fields[`district:${district}`].rainMmH ?? 0) * f.concentration;
    st.depthMm[f.id] = waterloggingDepthStep({ rainMmH: rain, drainageMmH: drainage, storageMm: st.depthMm[f.id], dtMin: dt });
    infra.fields[`facility:${f.id}`] = { waterDepthM: round(st.depthMm[f.id] / 1000, 3), drainageMmH: round(drainage, 1) };
  }

  // Rivers: a linear reservoir (storage S, outflow S/K) fed by catchment runoff; stage from a power-law rating.
  // Linear reservoir: Chow, Maidment & Mays (1988) Applied Hydrology §8.5 (Zoch 1934);
  // rating curve h = a·Q^b: WMO (2010) Manual on Stream Gauging vol. II, WMO-No. 1044, ch. 1.
  for (const r of ex.scenario.data.rivers) {
    const c = r.catchment;
    if (!c) continue;
    const meanRate = c.districts.reduce((s, id) => s + (infra.fields[`district:${id}`].rainMmH ?? 0), 0) / c.districts.length;
    const inflow = (c.runoffCoefficient * meanRate * 1e-3 * c.areaKm2 * 1e6) / 3600; // m³/s
    const k = c.lag * 60; // s
    const s0 = st.riverStorage[r.id];
    // Exact step of dS/dt = I − S/K with I constant over the tick.
    const s1 = inflow * k + (s0 - inflow * k) * Math.exp(-(dt * 60) / k);
    st.riverStorage[r.id] = s1;
    const q = r.flowM3s + s1 / k;
    const stage = c.rating.a * Math.pow(q, c.rating.b);
    infra.fields[`river:${r.id}`] = {
      stageM: round(stage, 3), flowM3s: round(q, 1), warningStageM: c.warningStageM, guaranteeStageM: c.guaranteeStageM,
      rainMm: round(c.districts.reduce((s, id) => s + st.rainMm[id], 0) / c.districts.length, 1)
    };
  }

  // Roads: the worst wind at either end; standing water where a road dips through a low point.
  ex.scenario.data.roads.forEach((r, i) => {
    const id = r.id ?? `road-${i}`;
    const da = ex.scenario.world.points.get(r.from)!.district;
    const db = ex.scenario.world.points.get(r.to)!.district;
    const g = Math.max(infra.fields[`district:${da}`].gustMs ?? 0, infra.fields[`district:${db}`].gustMs ?? 0);
    infra.fields[`road:${id}`] = { gustMs: g, beaufort: beaufort(g), waterDepthM: r.lowPoint ? round((st.depthMm[r.lowPoint] ?? 0) / 1000, 3) : 0 };
  });

  if (hourly) {
    // The storm for the map, then one field event per quantity (the map colours districts by `byDistrict`).
    const e = ex.emit('hazard.typhoon', {
      storm: storm ? { lon: round(storm.fix.lon, 3), lat: round(storm.fix.lat, 3), pressureHpa: round(storm.fix.pressureHpa, 1), vmaxMs: round(storm.fix.vmaxMs, 1) } : null,
      waterDepthM: Object.fromEntries(Object.entries(st.depthMm).map(([k, v]) => [k, round(v / 1000, 2)])),
      riverStageM: Object.fromEntries(ex.scenario.data.rivers.filter((r) => r.catchment).map((r) => [r.id, infra.fields[`river:${r.id}`].stageM]))
    }, { audience: 'facilitator' });
    ex.emit('hazard.field', { kind: 'wind', unit: 'm/s (3-s gust)', byDistrict: gusts }, { audience: 'facilitator', cause: e.seq });
    ex.emit('hazard.field', { kind: 'rain', unit: 'mm (storm total)', byDistrict: rains }, { audience: 'facilitator', cause: e.seq });
    infra.fieldCause = e.seq;
  }
  st.ticks++;
  evaluateCascades(ex);
  if (t + dt <= ex.scenario.data.duration) ex.at(dt, 'engine', 'typhoon', { kind: 'hazard-tick', hazard: 'typhoon' });
}

function sumLast(hist: number[], n: number): number {
  let s = 0;
  for (let i = Math.max(0, hist.length - n); i < hist.length; i++) s += hist[i];
  return s;
}

/** Whether the mean rain intensity over the last D hours exceeds Caine's threshold for some D in 1–24 h. */
function caineExceeded(hist: number[], dtMin: number): boolean {
  for (const hours of [1, 3, 6, 12, 24]) {
    const n = Math.round((hours * 60) / dtMin);
    if (hist.length < n) break;
    if (sumLast(hist, n) / hours >= caineThreshold(hours)) return true;
  }
  return false;
}

/**
 * The warning signal each district's 24-hour forecast implies (CMA criteria, hazards/typhoon/warning.ts).
 * The forecast is the scenario's own track (a perfect forecast): a drill judges the response to
 * the forecast, not the forecaster. Signals are published by the meteorological service to all.
 */
function updateSignals(ex: Exercise, spec: TyphoonSpec, t: number, centroids: Map<string, [number, number]>): void {
  const st = ex.state.typhoon!;
  const forecasts = new Map<string, WindForecastEntry[]>();
  // Now, then every even sim-hour up to 24 h ahead: a fixed 2-hour grid, so a district's signal
  // does not flip back and forth with the phase of the sampling.
  const leads = [0];
  for (let h = 2 * Math.floor(t / 120) + 2; h * 60 - t <= 24 * 60; h += 2) leads.push((h * 60 - t) / 60);
  for (const h of leads) {
    const storm = stormAt(ex, spec, t + h * 60);
    if (!storm) continue;
    for (const [id, c] of centroids) {
      const w = windAt(storm, c, spec.ambientHpa);
      let list = forecasts.get(id);
      if (!list) forecasts.set(id, (list = []));
      list.push({ hoursAhead: h, sustainedMs: w.sustainedMs, gustMs: w.gustMs });
    }
  }
  for (const d of ex.scenario.world.districts) {
    const signal = typhoonWarningSignal(forecasts.get(d.id) ?? []);
    ex.state.infra.fields[`district:${d.id}`].signal = signal ? SIGNALS.indexOf(signal) + 1 : 0;
    const prev = st.signal[d.id];
    if (signal === prev) continue;
    st.signal[d.id] = signal;
    ex.emit('hazard.signal', { district: d.id, colour: signal, previous: prev, rank: signal ? SIGNALS.indexOf(signal) + 1 : 0 }, { audience: 'all' });
  }
}
