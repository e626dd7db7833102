/**
 * The hazardous-chemical hazard inside a run: releases from tanks, the plume over the population
 * grid, what people breathe outdoors and indoors, protective actions, casualties, and the chain
 * ignition → fire → tank failure (domino) → explosion, plus fire-water runoff to a water intake.
 * The physics are the pure models in engine/hazards (each cited there); this file decides when
 * to sample them and what their results do. Per-cell work is plain loops over arrays, never machines.
 * Method and simplifications: docs/exposure.md.
 */
import {
  SUBSTANCES, aeglPpm, toxicLethality, toxicLoadPower, gPerM3ToPpm, plumeWithSigmas, puffConcentration,
  pasquillStability, indoorDecay, indoorStepWithDecay, briggsSigmasInto, liquidOrificeRate, flashFraction, ignitionProbability,
  pointSourceHeatFlux, escalationTimeToFailure, tntEquivalentMass, kinneyGrahamOverpressure,
  equipmentDamageProbability, intakeConcentrationMgL, riverTravelMinutes, briggsSyShape, MIN_SIGMA_DISTANCE_M, type StabilityClass, type Substance
} from '../hazards/index.ts';
import type { RandomStreams } from '../random/streams.ts';
import type { Scenario } from '../scenario/load.ts';
import type { ScenarioTank } from '../scenario/schema.ts';
import type { Exercise } from './exercise.ts';
import { own } from '../util/own.ts';
import { maybeContain } from './exercise.ts';
import type { ExposureState, SourceState } from './state.ts';
import { round } from './events.ts';
import { sectorIndex, coneCells, type SectorIndex } from '../world/sectors.ts';
import { GRADES, type Grade } from '../machines/incident.ts';

/** Breathing height, m. */
const Z_BREATHING = 1.5;
/** A ground-level release (dense-gas slumping is not modelled: see docs/exposure.md). */
const H_RELEASE = 0;
/** AEGL duration used for exceedance counts: 60 min, as emergency planning tools default to. */
const AEGL_DURATION = 60;
/** A cell is quiet once its indoor air is below this share of AEGL-1: what is left adds no harm worth a tick. */
const QUIET_SHARE_OF_AEGL1 = 0.01;

/**
 * One 0/1 flag per cell, padded to whole 32-bit words so that a loop can read four flags at once
 * through a Uint32Array view of the same memory (the padding stays 0).
 */
function flags(n: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(Math.ceil(n / 4) * 4), 0, n);
}

/** The flags as 32-bit words (four cells each). */
const wordViews = new WeakMap<Uint8Array, Uint32Array>();
function words(f: Uint8Array): Uint32Array {
  let w = wordViews.get(f);
  if (!w) wordViews.set(f, (w = new Uint32Array(f.buffer)));
  return w;
}

/**
 * Per-grid scratch space, reused every tick: cell coordinates as flat arrays (the plume loop reads
 * them for every cell) and the tick's concentration and puff-dose buffers. Reuse keeps a tick
 * allocation-free; the buffers are zeroed before use, so no value carries from one tick to the next.
 */
interface GridScratch {
  xs: Float64Array; ys: Float64Array; cOut: Float64Array; puffDose: Float64Array; puffIntegral: Float64Array; touched: Uint8Array; visit: Int32Array; inCone: Int32Array;
  /** Cells by bearing and distance around each source position (tanks do not move), built on first use. */
  sectors: Map<string, SectorIndex>;
}
const scratch = new WeakMap<object, GridScratch>();
function scratchFor(grid: { cells: { x: number; y: number }[] }): GridScratch {
  let s = scratch.get(grid);
  if (!s) {
    const n = grid.cells.length;
    s = { xs: Float64Array.from(grid.cells, (c) => c.x), ys: Float64Array.from(grid.cells, (c) => c.y), cOut: new Float64Array(n), puffDose: new Float64Array(n), puffIntegral: new Float64Array(n), touched: flags(n), visit: new Int32Array(n), inCone: new Int32Array(n), sectors: new Map() };
    scratch.set(grid, s);
  }
  s.cOut.fill(0); s.puffDose.fill(0); s.puffIntegral.fill(0); s.touched.fill(0);
  return s;
}

function sectorsAround(s: GridScratch, x: number, y: number): SectorIndex {
  const key = `${x},${y}`;
  let idx = s.sectors.get(key);
  if (!idx) s.sectors.set(key, (idx = sectorIndex(s.xs, s.ys, x, y)));
  return idx;
}

/**
 * Cells that need a step even with clean outdoor air: indoor air still holding gas, or people
 * still leaving. Derived from the exposure state (rebuilt by a scan whenever that object is new,
 * as after a restore) and kept up to date by the tick, so a tick visits only the cells where
 * something happens instead of all of them, in the same ascending order.
 */
const lingering = new WeakMap<ExposureState, Uint8Array>();

/** People of the cell are still on their way out of an evacuation area. */
function leaving(e: ExposureState, i: number): boolean {
  return e.protection[i] === 3 && e.peopleOut[i] + e.peopleIn[i] > 0.5;
}

function lingeringCells(e: ExposureState): Uint8Array {
  let m = lingering.get(e);
  if (!m) {
    const n = e.cIn.length;
    m = flags(n);
    for (let i = 0; i < n; i++) m[i] = e.cIn[i] > 0 || leaving(e, i) ? 1 : 0;
    lingering.set(e, m);
  }
  return m;
}

/** Protection orders changed which cells evacuate: the next tick rescans. */
export function protectionChanged(e: ExposureState): void {
  lingering.delete(e);
}

/**
 * Below this toxic load the probit gives Y < −4 (P < 1e-17, i.e. under 1e-10 deaths on the whole
 * grid's two million people): the lethality is 0 to every digit the stream shows, so the erf is skipped.
 */
function negligibleDose(s: Substance): number {
  return s.probit ? Math.exp((-4 - s.probit.k1) / s.probit.k2) : Infinity;
}

/**
 * n copies of v as an array V8 keeps as unboxed doubles from the start. Arrays of small integers
 * turn into double arrays only when the first fraction lands in them, which some runs never reach:
 * the per-cell loops would then meet two array shapes and be compiled again for each.
 */
function doubles(n: number, v: number): number[] {
  return new Array<number>(n).fill(0.5).fill(v);
}

export function initialExposure(scenario: Scenario, outdoorShare: number): ExposureState {
  const cells = scenario.world.grid.cells;
  const n = cells.length;
  const initial = cells.map((c) => c.population);
  const peopleOut = doubles(n, 0);
  const peopleIn = doubles(n, 0);
  for (let i = 0; i < n; i++) {
    peopleOut[i] = initial[i] * outdoorShare;
    peopleIn[i] = initial[i] * (1 - outdoorShare);
  }
  return {
    cIn: doubles(n, 0), doseOut: doubles(n, 0), doseIn: doubles(n, 0), peopleOut, peopleIn, outdoorFrac: doubles(n, 1),
    peakPpm: doubles(n, 0), aeglHit: new Array<number>(n).fill(0), protection: new Array<number>(n).fill(0),
    deathsLocked: doubles(n, 0), deaths: doubles(n, 0), evacuated: doubles(n, 0), initial
  };
}

/** One seeded wind-direction deviation per sim-hour (drawn up front, so tick timing cannot change them). */
export function windJitter(rng: RandomStreams, durationMin: number, sdDeg: number): number[] {
  // Drawn up front, so capped at a year: a pathological duration must not fill memory (later hours keep the last draw).
  const hours = Math.min(Math.ceil(durationMin / 60) + 1, 24 * 366);
  const out: number[] = [];
  for (let h = 0; h < hours; h++) out.push(sdDeg > 0 ? rng.normal('weather/direction', 0, sdDeg) : 0);
  return out;
}

export interface Weather {
  windSpeed: number;
  windFrom: number;
  stability: StabilityClass;
}

/** Wind interpolated between fixes (speed linearly, direction the short way round) plus the hour's jitter. */
export function weatherAt(ex: Exercise, t: number): Weather {
  const fixes = ex.scenario.data.weather.fixes;
  let i = 0;
  while (i + 1 < fixes.length && fixes[i + 1].at <= t) i++;
  const a = fixes[i];
  const b = fixes[i + 1];
  let speed = a.windSpeed;
  let from = a.windFrom;
  if (b && t > a.at) {
    const f = (t - a.at) / (b.at - a.at);
    speed = a.windSpeed + f * (b.windSpeed - a.windSpeed);
    const dd = ((((b.windFrom - a.windFrom) % 360) + 540) % 360) - 180;
    from = a.windFrom + f * dd;
  }
  const jitter = ex.state.windJitter[Math.min(ex.state.windJitter.length - 1, Math.floor(t / 60))] ?? 0;
  from = (((from + jitter) % 360) + 360) % 360;
  const stability = pasquillStability({ windSpeed10m: speed, isDay: a.isDay, insolation: a.insolation, cloudCoverOktas: a.cloudOktas });
  return { windSpeed: speed, windFrom: from, stability };
}

function tankDef(ex: Exercise, plant: string, tank: string): ScenarioTank {
  const f = ex.scenario.data.facilities.find((x) => x.id === plant);
  if (!f || f.kind !== 'chemical-plant') throw new Error(`no chemical plant ${plant}`);
  return f.tanks.find((t) => t.id === tank)!;
}

function tankXY(ex: Exercise, plant: string, tank: ScenarioTank): [number, number] {
  const p = ex.scenario.world.points.get(plant)!;
  return [p.x + tank.offset[0], p.y + tank.offset[1]];
}

/** Airborne share of a liquefied gas released: flash fraction plus an equal mass of aerosol (CCPS rule of thumb: twice the flash, at most all). */
function airborneFraction(s: Substance): number {
  if (s.cpLiquid === undefined || s.boilingPointK === undefined || s.latentHeat === undefined) return 1;
  const fv = flashFraction({ cp: s.cpLiquid, tStorage: 293.15, tBoil: s.boilingPointK, latentHeat: s.latentHeat });
  return Math.min(1, 2 * fv);
}

const DEFAULT_GAUGE_PA: Record<string, number> = {
  // Saturated vapour pressure at 20 °C less 1 atm (NIST Chemistry WebBook values): ammonia 8.57 bar, chlorine 6.78 bar, propane 8.36 bar.
  ammonia: 7.56e5, chlorine: 5.77e5, lpg: 7.35e5
};

export function startRelease(ex: Exercise, releaseId: string, cause?: number): void {
  const rel = ex.scenario.data.releases.find((r) => r.id === releaseId)!;
  const tank = tankDef(ex, rel.plant, rel.tank);
  const substance = SUBSTANCES[tank.substance];
  const place = ex.scenario.world.points.get(rel.plant)!;
  if (own(ex.state.incidents, rel.id)) return; // a release starts once, whatever starts it
  if (!ex.admitIncident()) return;
  const ev = ex.emit('hazard.release-started', { release: rel.id, plant: rel.plant, tank: tank.id, substance: tank.substance, mode: rel.mode }, { audience: 'facilitator', ...(cause !== undefined ? { cause } : {}) });
  ex.state.incidents[rel.id] = {
    lc: ex.layer.start('incident', { grade: rel.grade }).snap, kind: 'chemical-leak', name: rel.name, place: rel.plant,
    district: place.district, startedAt: ex.state.t, knownBy: [], onScene: [], cause: ev.seq
  };
  ex.state.tanks[`${rel.plant}/${tank.id}`].status = 'leaking';
  const src = addSource(ex, { id: rel.id, incident: rel.id, plant: rel.plant, tank, mode: rel.mode, holeDiameterM: rel.holeDiameterM, fraction: rel.instantaneousFraction });
  ex.at(rel.detectAfter, 'engine', `detect:${rel.id}`, { kind: 'detect', incident: rel.id });
  considerIgnition(ex, src, substance, ev.seq);
  ex.ensurePhysics();
}

function addSource(ex: Exercise, o: { id: string; incident: string; plant: string; tank: ScenarioTank; mode: 'continuous' | 'instantaneous'; holeDiameterM?: number; fraction?: number }): SourceState {
  const substance = SUBSTANCES[o.tank.substance];
  const rateKgS = o.mode === 'continuous'
    ? liquidOrificeRate({ holeDiameter: o.holeDiameterM!, liquidDensity: substance.liquidDensity, gaugePressure: o.tank.gaugePressurePa ?? DEFAULT_GAUGE_PA[o.tank.substance] })
    : 0;
  const massKg = o.mode === 'continuous' ? o.tank.massKg : o.tank.massKg * (o.fraction ?? 1);
  const src: SourceState = {
    id: o.id, incident: o.incident, plant: o.plant, tank: o.tank.id, substance: o.tank.substance, mode: o.mode,
    rateKgS, massKg, start: ex.state.t, ignited: false, airborneFraction: airborneFraction(substance)
  };
  if (o.mode === 'instantaneous') src.stop = ex.state.t;
  ex.state.sources.push(src);
  ex.emit('hazard.source', { source: src.id, incident: o.incident, tank: o.tank.id, substance: o.tank.substance, mode: o.mode, rateKgS: round(rateKgS), massKg: round(massKg), airborneFraction: round(src.airborneFraction) }, { audience: 'facilitator' });
  return src;
}

function considerIgnition(ex: Exercise, src: SourceState, s: Substance, cause: number): void {
  if (!s.flammable) return;
  const stream = `hazard/ignition/${src.id}`;
  // Always two draws, so whether it ignites never shifts later draws of this stream.
  const u = ex.rng.uniform(stream);
  const delay = 5 + 25 * ex.rng.uniform(stream);
  const rate = src.mode === 'continuous' ? src.rateKgS : src.massKg / 60;
  if (u < ignitionProbability(rate)) ex.at(delay, 'engine', `ignite:${src.id}`, { kind: 'ignite', release: src.id, cause });
}

// ---------- areas ----------

/** Grid cells of an area (districts, or a radius around a place or incident), limited to one district when given. */
export function cellsForArea(ex: Exercise, area: { districts: string[] } | { around: string; radius: number }, limit: string | null): number[] {
  const cells = ex.scenario.world.grid.cells;
  const out: number[] = [];
  if ('districts' in area) {
    const set = new Set(area.districts);
    for (let i = 0; i < cells.length; i++) if (set.has(cells[i].district) && (!limit || cells[i].district === limit)) out.push(i);
    return out;
  }
  const centreId = own(ex.state.incidents, area.around)?.place ?? area.around;
  const c = ex.scenario.world.points.get(centreId);
  if (!c) return out;
  const r2 = area.radius * area.radius;
  for (let i = 0; i < cells.length; i++) {
    const dx = cells[i].x - c.x;
    const dy = cells[i].y - c.y;
    if (dx * dx + dy * dy <= r2 && (!limit || cells[i].district === limit)) out.push(i);
  }
  return out;
}

// ---------- the physics tick ----------

interface SourceGeom {
  src: SourceState;
  sx: number;
  sy: number;
  substance: Substance;
  /** Airborne g/s for a plume; g for a puff. */
  strength: number;
  front: number;
  tail: number;
  puffFrom: number;
  puffTo: number;
}

export function physicsTick(ex: Exercise): void {
  const t0 = ex.profile && ex.clock ? ex.clock() : 0;
  ex.state.physicsScheduled = false;
  const d = ex.scenario.data;
  const dt = d.physics.tick;
  const t = ex.state.t;
  const w = weatherAt(ex, t);
  const u = Math.max(1, w.windSpeed);
  const geoms = advanceSources(ex, t, dt, u);
  const scr = scratchFor(ex.scenario.world.grid);
  depositOutdoorAir(ex, scr, geoms, w, u);

  const substance = SUBSTANCES[(geoms[0]?.src ?? ex.state.sources[0])?.substance ?? 'ammonia'];
  const nExp = substance.probit?.n ?? 2;
  const levels = [aeglPpm(substance, 1, AEGL_DURATION), aeglPpm(substance, 2, AEGL_DURATION), aeglPpm(substance, 3, AEGL_DURATION)];
  const step = stepCells(ex, scr, substance, levels, dt);
  announceAegl(ex, step.newAegl, substance);

  if (geoms.length) {
    ex.emit('hazard.plume', {
      windSpeed: round(w.windSpeed, 2), windFrom: round(w.windFrom, 1), stability: w.stability,
      sources: geoms.map((g) => ({ id: g.src.id, mode: g.src.mode, active: g.src.stop === undefined, rateKgS: round(g.src.rateKgS), remainingKg: round(g.src.massKg, 1) })),
      reachM: plumeReach(geoms, w, u, d.map.terrain, levels)
    }, { audience: 'facilitator' });
  }
  fireWater(ex, dt);
  hourlyCasualties(ex, t, dt);

  let busy = geoms.length > 0 || step.busy;
  const outdoorAir = geoms.length > 0;
  if (!outdoorAir && !step.evacuatingAnywhere && busy) {
    closeOutIndoorAir(ex, substance, nExp);
    lingeringCells(ex.state.exposure).fill(0);
    busy = false;
  }
  if (busy || ex.state.sources.some((s) => s.stop === undefined)) ex.ensurePhysics();
  if (ex.profile && ex.clock) { ex.profile.physicsMs += ex.clock() - t0; ex.profile.physicsTicks++; }
}

/** Deplete continuous sources over the step, stop empty ones; the plumes and puffs still in the air. */
function advanceSources(ex: Exercise, t: number, dt: number, u: number): SourceGeom[] {
  const grid = ex.scenario.world.grid;
  const extent = grid.cols * grid.cellSizeM * 1.5;
  const geoms: SourceGeom[] = [];
  for (const src of ex.state.sources) {
    const tank = tankDef(ex, src.plant, src.tank);
    const [sx, sy] = tankXY(ex, src.plant, tank);
    const substance = SUBSTANCES[src.substance];
    if (src.mode === 'continuous') {
      if (src.stop === undefined) {
        const released = Math.min(src.massKg, src.rateKgS * dt * 60);
        src.massKg -= released;
        if (src.massKg <= 1e-6) {
          src.stop = t;
          ex.emit('hazard.source-exhausted', { source: src.id, tank: src.tank }, { audience: 'facilitator' });
          maybeContain(ex, src.incident);
        }
      }
      const front = u * (t - src.start) * 60;
      const tail = src.stop === undefined ? 0 : u * (t - src.stop) * 60;
      if (tail > extent) continue;
      if (src.ignited) continue; // a burning jet consumes what it releases (toxic combustion products are not modelled)
      geoms.push({ src, sx, sy, substance, strength: src.rateKgS * src.airborneFraction * 1000, front, tail, puffFrom: 0, puffTo: 0 });
    } else {
      const travelTo = u * (t - src.start) * 60;
      const travelFrom = Math.max(0, u * (t - dt - src.start) * 60);
      if (travelFrom > extent) continue;
      geoms.push({ src, sx, sy, substance, strength: src.massKg * src.airborneFraction * 1000, front: 0, tail: 0, puffFrom: travelFrom, puffTo: travelTo });
    }
  }
  return geoms;
}

/**
 * Outdoor air of the step, cell by cell: plume concentration (ppm) into scr.cOut, a passing puff's
 * dose and time-integral into scr.puffDose / scr.puffIntegral, and scr.touched for every cell reached.
 */
function depositOutdoorAir(ex: Exercise, scr: GridScratch, geoms: SourceGeom[], w: Weather, u: number): void {
  const terrain = ex.scenario.data.map.terrain;
  const peakPpm = ex.state.exposure.peakPpm;
  const { xs, ys, cOut, puffDose, puffIntegral, touched, inCone } = scr;
  // Unit vector the wind blows TOWARDS (east, north).
  const toRad = ((w.windFrom + 180) * Math.PI) / 180;
  const de = Math.sin(toRad);
  const dn = Math.cos(toRad);
  // Outside 5 σy the plume and puff are taken as zero. σy = c·d/√(1 + a·d), so a cell with
  // y²(1 + a·d) > 25c²d² lies outside; the test is widened by a relative 1e-9 (far above rounding)
  // so it only ever skips cells the exact |y| > 5σy test below would skip: the same cells, without
  // working out σ for the many that the cone's edge leaves out.
  const shape = briggsSyShape(w.stability, terrain);
  const coneHalfAngle = Math.atan(5 * shape.c);
  const sigma = { sy: 0, sz: 0 };
  const cone = 25 * shape.c * shape.c * (1 + 1e-9);
  for (const g of geoms) {
    const mw = g.substance.molecularWeight;
    const nExp = g.substance.probit?.n ?? 2;
    const continuous = g.src.mode === 'continuous';
    // Downwind reach this step: the plume between its tail and front, the puff's passage.
    const near = continuous ? g.tail : g.puffFrom;
    const far = continuous ? g.front : g.puffTo;
    // Only the cells the sector index gives can pass the tests below (it gives a superset).
    const candidates = coneCells(sectorsAround(scr, g.sx, g.sy), de, dn, coneHalfAngle, near, far, inCone);
    for (let k = 0; k < candidates; k++) {
      const i = inCone[k];
      const rx = xs[i] - g.sx;
      const ry = ys[i] - g.sy;
      const x = rx * de + ry * dn;
      if (x <= 0 || x < near || (continuous ? x > far : x >= far)) continue;
      const y = -rx * dn + ry * de;
      const dx = Math.max(x, MIN_SIGMA_DISTANCE_M);
      if (y * y * (1 + shape.a * dx) > cone * dx * dx) continue;
      if (continuous) {
        const { sy, sz } = briggsSigmasInto(sigma, x, w.stability, terrain);
        if (Math.abs(y) > 5 * sy) continue;
        cOut[i] += gPerM3ToPpm(plumeWithSigmas(g.strength, u, H_RELEASE, y, Z_BREATHING, sy, sz), mw);
        touched[i] = 1;
      } else {
        // The puff centre passed this cell during the step: dose analytically over its passage,
        // ∫Cⁿdt = Cmaxⁿ · (σx/u) · √(2π/n) for a Gaussian in time (σx = σy at travel distance x).
        const { sy } = briggsSigmasInto(sigma, x, w.stability, terrain);
        if (Math.abs(y) > 5 * sy) continue;
        const cmax = gPerM3ToPpm(puffConcentration({ mass: g.strength, u, t: x / u, x, y, z: Z_BREATHING, h: H_RELEASE, cls: w.stability, terrain }), mw);
        const passMin = sy / u / 60;
        puffDose[i] += toxicLoadPower(cmax, nExp) * passMin * Math.sqrt((2 * Math.PI) / nExp);
        puffIntegral[i] += cmax * passMin * Math.sqrt(2 * Math.PI);
        touched[i] = 1;
        if (cmax > peakPpm[i]) peakPpm[i] = cmax;
      }
    }
  }
}

interface CellStep {
  /** Some cell still has gas indoors or outdoors, or people leaving. */
  busy: boolean;
  evacuatingAnywhere: boolean;
  /** People newly above each AEGL level this step, by district. */
  newAegl: Record<string, number[]>;
}

/**
 * Step every cell with gas in or around it, or people leaving: indoor air, doses of the people
 * outdoors and indoors, AEGL exceedances, evacuation, expected deaths.
 */
function stepCells(ex: Exercise, scr: GridScratch, substance: Substance, levels: number[], dt: number): CellStep {
  const d = ex.scenario.data;
  const e = ex.state.exposure;
  const totals = ex.state.totals;
  const { cOut, puffDose, puffIntegral, touched, visit } = scr;
  const nExp = substance.probit?.n ?? 2;
  const quiet = Number.isFinite(levels[0]) ? levels[0] * QUIET_SHARE_OF_AEGL1 : 1e-3;
  const achN = d.protective.airChangesNormal;
  const achS = d.protective.airChangesSheltered;
  const decayN = indoorDecay(achN, dt);
  const decayS = indoorDecay(achS, dt);
  const evacShare = Math.min(1, d.protective.evacuationPerHour * (dt / 60));
  const minDose = negligibleDose(substance);
  const lethality = (dose: number) => (dose < minDose ? 0 : toxicLethality(substance, dose));
  const linger = lingeringCells(e);
  const out: CellStep = { busy: false, evacuatingAnywhere: false, newAegl: {} };
  // The running totals, added to in the same order as before (so the same sums to the last bit).
  let deathsTotal = totals.deaths;
  let evacuatedTotal = totals.evacuated;
  // The cells to step, in ascending order (the totals are sums, so the order is part of the result);
  // gathered by a tight loop first, which is much cheaper than testing every cell in the big one.
  // It reads the flags four cells at a time and skips the words where none is set.
  const n = touched.length;
  const tw = words(touched);
  const lw = words(linger);
  let visits = 0;
  for (let w = 0; w < tw.length; w++) {
    if ((tw[w] | lw[w]) === 0) continue;
    for (let i = w << 2, end = Math.min(n, i + 4); i < end; i++) if ((touched[i] | linger[i]) !== 0) visit[visits++] = i;
  }
  for (let j = 0; j < visits; j++) {
    const i = visit[j];
    const co = cOut[i];
    if (co === 0 && puffDose[i] === 0 && e.cIn[i] === 0 && e.protection[i] !== 3) { linger[i] = 0; continue; }
    const evacuating = leaving(e, i);
    if (co === 0 && e.cIn[i] === 0 && puffDose[i] === 0 && !evacuating) { linger[i] = 0; continue; }
    const cin0 = e.cIn[i];
    const sheltered = e.protection[i] === 2;
    const ach = sheltered ? achS : achN;
    let cin1 = indoorStepWithDecay(cin0, co, sheltered ? decayS : decayN);
    if (puffIntegral[i] > 0) cin1 += (ach / 60) * puffIntegral[i];
    e.cIn[i] = co === 0 && cin1 < quiet ? 0 : cin1;
    const cinAvg = (cin0 + cin1) / 2;
    // Group "out" breathes outdoor air for the share of it still outside, indoor air for the rest.
    const f = e.outdoorFrac[i];
    const cGroupOut = f * co + (1 - f) * cinAvg;
    e.doseOut[i] += toxicLoadPower(cGroupOut, nExp) * dt + f * puffDose[i];
    e.doseIn[i] += toxicLoadPower(cinAvg, nExp) * dt;
    if (co > e.peakPpm[i]) e.peakPpm[i] = co;
    const outPeak = Math.max(cGroupOut, puffDose[i] > 0 && f > 0 ? e.peakPpm[i] : 0);
    // AEGL exceedance: outdoor group bits 0–2, indoor group bits 3–5; count people once per level.
    for (let k = 0; k < 3; k++) {
      if (outPeak >= levels[k] && !(e.aeglHit[i] & (1 << k)) && e.peopleOut[i] > 0) {
        e.aeglHit[i] |= 1 << k;
        countAegl(ex, i, k, e.peopleOut[i], out.newAegl);
      }
      if (cinAvg >= levels[k] && !(e.aeglHit[i] & (8 << k)) && e.peopleIn[i] > 0) {
        e.aeglHit[i] |= 8 << k;
        countAegl(ex, i, k, e.peopleIn[i], out.newAegl);
      }
    }
    // Evacuation: people leave at the ordered rate, taking the dose they have with them.
    const pOut = lethality(e.doseOut[i]);
    const pIn = lethality(e.doseIn[i]);
    if (evacuating) {
      const leaveOut = Math.min(e.peopleOut[i], e.initial[i] * evacShare * (e.peopleOut[i] / Math.max(1e-9, e.peopleOut[i] + e.peopleIn[i])));
      const leaveIn = Math.min(e.peopleIn[i], e.initial[i] * evacShare - leaveOut);
      e.peopleOut[i] -= leaveOut;
      e.peopleIn[i] -= Math.max(0, leaveIn);
      e.deathsLocked[i] += leaveOut * pOut + Math.max(0, leaveIn) * pIn;
      e.evacuated[i] += leaveOut + Math.max(0, leaveIn);
      evacuatedTotal += leaveOut + Math.max(0, leaveIn);
    }
    const deaths = e.deathsLocked[i] + e.peopleOut[i] * pOut + e.peopleIn[i] * pIn;
    deathsTotal += deaths - e.deaths[i];
    e.deaths[i] = deaths;
    if (e.cIn[i] > 0 || evacuating || co > 0) out.busy = true;
    const stillLeaving = leaving(e, i);
    if (stillLeaving) out.evacuatingAnywhere = true;
    linger[i] = e.cIn[i] > 0 || stillLeaving ? 1 : 0;
  }
  totals.deaths = deathsTotal;
  totals.evacuated = evacuatedTotal;
  return out;
}

/** One exposure.aegl event per district and level, the first time people there pass it. */
function announceAegl(ex: Exercise, newAegl: Record<string, number[]>, substance: Substance): void {
  const d = ex.scenario.data;
  for (const [district, levels] of Object.entries(newAegl)) {
    for (let k = 0; k < 3; k++) {
      if (!levels[k]) continue;
      const bit = 1 << k;
      if (ex.state.districtAegl[district] & bit) continue;
      ex.state.districtAegl[district] = (ex.state.districtAegl[district] ?? 0) | bit;
      const seats = d.seats.filter((s) => s.district === district).map((s) => s.id);
      ex.emit('exposure.aegl', { district, level: k + 1, people: Math.round(levels[k]), substance: substance.id }, { audience: seats });
    }
  }
}

/**
 * Once the outdoor air is clean and nobody is moving, what remains is indoor air decaying as
 * C(t) = C0·e^(−λt) at each cell's air-change rate λ; its remaining toxic load is the closed form
 * ∫₀^∞ (C0 e^(−λt))ⁿ dt = C0ⁿ / (nλ) (single-zone mass balance, see engine/hazards/indoor.ts).
 * Adding it at once ends the physics ticks instead of stepping hours of decay.
 */
function closeOutIndoorAir(ex: Exercise, substance: Substance, nExp: number): void {
  const d = ex.scenario.data;
  const e = ex.state.exposure;
  for (let i = 0; i < e.cIn.length; i++) {
    if (e.cIn[i] <= 0) continue;
    const lambdaPerMin = (e.protection[i] === 2 ? d.protective.airChangesSheltered : d.protective.airChangesNormal) / 60;
    e.doseIn[i] += toxicLoadPower(e.cIn[i], nExp) / (nExp * lambdaPerMin);
    e.cIn[i] = 0;
    const deaths = e.deathsLocked[i] + e.peopleOut[i] * toxicLethality(substance, e.doseOut[i]) + e.peopleIn[i] * toxicLethality(substance, e.doseIn[i]);
    ex.state.totals.deaths += deaths - e.deaths[i];
    e.deaths[i] = deaths;
  }
}

function countAegl(ex: Exercise, cell: number, k: number, people: number, acc: Record<string, number[]>): void {
  ex.state.totals.aegl[k] += people;
  const district = ex.scenario.world.grid.cells[cell].district;
  (acc[district] ??= [0, 0, 0])[k] += people;
}

/** Centre-line distance (m) to which each AEGL level reaches, for the largest continuous source. */
function plumeReach(geoms: SourceGeom[], w: Weather, u: number, terrain: 'urban' | 'rural', levels: number[]): number[] {
  const g = geoms.filter((x) => x.src.mode === 'continuous' && x.src.stop === undefined).sort((a, b) => b.strength - a.strength)[0];
  if (!g) return [0, 0, 0];
  const out = [0, 0, 0];
  const sigma = { sy: 0, sz: 0 };
  // The plume formula on the centre line (y = 0), as plumeConcentration gives it for these valid inputs.
  for (let x = 50; x <= Math.min(g.front, 40_000); x *= 1.08) {
    const { sy, sz } = briggsSigmasInto(sigma, x, w.stability, terrain);
    const c = gPerM3ToPpm(plumeWithSigmas(g.strength, u, H_RELEASE, 0, Z_BREATHING, sy, sz), g.substance.molecularWeight);
    for (let k = 0; k < 3; k++) if (c >= levels[k]) out[k] = Math.round(x);
  }
  return out;
}

/** Work-safety accident grade by consequence (生产安全事故报告和调查处理条例, art. 3). */
export function gradeFor(deaths: number, seriouslyInjured: number): Grade {
  if (deaths >= 30 || seriouslyInjured >= 100) return 'I';
  if (deaths >= 10 || seriouslyInjured >= 50) return 'II';
  if (deaths >= 3 || seriouslyInjured >= 10) return 'III';
  return 'IV';
}

function hourlyCasualties(ex: Exercise, t: number, dt: number): void {
  const tot = ex.state.totals;
  if (Math.floor(t / 60) === Math.floor((t - dt) / 60) && t > dt) return;
  const deaths = Math.round(tot.deaths);
  const injured = Math.max(0, Math.round(tot.aegl[1]) - deaths);
  const key = [tot.deaths, tot.aegl[0], tot.aegl[1], tot.aegl[2], tot.evacuated].map((v) => Math.round(v)).join('/');
  if (key === ex.state.lastCasualtyKey) return;
  ex.state.lastCasualtyKey = key;
  ex.emit('casualties.estimate', { deaths, deathsExpected: round(tot.deaths, 2), aegl1: Math.round(tot.aegl[0]), aegl2: Math.round(tot.aegl[1]), aegl3: Math.round(tot.aegl[2]), evacuated: Math.round(tot.evacuated) }, { audience: 'facilitator' });
  const grade = gradeFor(deaths, injured);
  for (const [id, inc] of Object.entries(ex.state.incidents)) {
    if (inc.kind !== 'chemical-leak' || inc.parent || inc.lc.value === 'closed') continue;
    const before = inc.lc.context.grade as Grade;
    if (GRADES.indexOf(grade) > GRADES.indexOf(before)) {
      ex.lifecycle('incident', id, { type: 'ESCALATE', grade });
      ex.emit('incident.escalated', { incident: id, from: before, to: grade, deaths, seriouslyInjured: injured }, { audience: ex.incidentAudience(id) });
    }
  }
}

// ---------- fire, domino, explosion ----------

export function ignite(ex: Exercise, sourceId: string, cause: number): void {
  const src = ex.state.sources.find((s) => s.id === sourceId);
  if (!src || src.stop !== undefined) {
    if (src) ex.emit('cascade.prevented', { rule: 'ignition', source: sourceId, reason: 'released before ignition: source already isolated' }, { audience: 'facilitator', cause });
    return;
  }
  src.ignited = true;
  src.ignitedAt = ex.state.t;
  const parent = ex.state.incidents[src.incident];
  const childId = `${src.incident}-fire`;
  const e = ex.emit('cascade.triggered', { rule: 'ignition', parent: src.incident, child: childId, source: src.id, tank: src.tank }, { audience: ex.incidentAudience(src.incident), cause });
  if (!spawnIncident(ex, childId, 'fire', { zh: '泄漏物起火', en: 'Leak ignites' }, src.plant, src.incident, e.seq, parent.knownBy)) return;
  threatenNeighbours(ex, src, e.seq);
}

/** Start a child incident; false when the incident budget ended the run instead. */
function spawnIncident(ex: Exercise, id: string, kind: 'fire' | 'explosion' | 'water-contamination', name: { zh: string; en: string }, place: string, parent: string | undefined, cause: number, knownBy: string[]): boolean {
  if (own(ex.state.incidents, id)) return true;
  if (!ex.admitIncident()) return false;
  const p = ex.scenario.world.points.get(place)!;
  ex.state.incidents[id] = {
    lc: ex.layer.start('incident', { grade: 'IV' }).snap, kind, name, place, district: p.district, startedAt: ex.state.t,
    knownBy: [...knownBy], onScene: [], cause, ...(parent ? { parent } : {})
  };
  if (knownBy.length) ex.lifecycle('incident', id, { type: 'REPORT' }, cause);
  if (parent && ['responding', 'contained'].includes(ex.state.incidents[parent].lc.value)) ex.lifecycle('incident', id, { type: 'RESPOND' }, cause);
  return true;
}

function threatenNeighbours(ex: Exercise, fire: SourceState, cause: number): void {
  const plant = ex.scenario.data.facilities.find((f) => f.id === fire.plant);
  if (!plant || plant.kind !== 'chemical-plant') return;
  const burning = tankDef(ex, fire.plant, fire.tank);
  const hc = SUBSTANCES[fire.substance].flammable?.heatOfCombustion ?? 0;
  for (const tank of plant.tanks) {
    const key = `${plant.id}/${tank.id}`;
    if (tank.id === fire.tank || ex.state.tanks[key].status !== 'intact' || ex.state.tanks[key].failureAt !== undefined) continue;
    const dist = Math.hypot(tank.offset[0] - burning.offset[0], tank.offset[1] - burning.offset[1]);
    const flux = pointSourceHeatFlux({ burningRate: fire.rateKgS, heatOfCombustion: hc, distance: dist });
    const ttf = escalationTimeToFailure(flux, tank.volumeM3, tank.storage);
    if (!Number.isFinite(ttf)) continue;
    const ttfMin = ttf / 60;
    ex.state.tanks[key].failureAt = ex.state.t + ttfMin;
    ex.emit('cascade.threat', { rule: 'domino-fire', tank: tank.id, plant: plant.id, fluxKwM2: round(flux, 1), timeToFailureMin: round(ttfMin, 1) }, { audience: ex.incidentAudience(fire.incident), cause });
    ex.at(ttfMin, 'engine', `fail:${key}`, { kind: 'tank-failure', plant: plant.id, tank: tank.id, cause });
  }
}

export function tankFailure(ex: Exercise, plantId: string, tankId: string, cause: number): void {
  const key = `${plantId}/${tankId}`;
  const ts = ex.state.tanks[key];
  ts.failureAt = undefined;
  if (ts.status !== 'intact') return;
  const stillBurning = ex.state.sources.some((s) => s.plant === plantId && s.ignited && s.stop === undefined);
  if (!stillBurning) {
    ex.emit('cascade.prevented', { rule: 'domino-fire', tank: tankId, plant: plantId, reason: 'the fire went out before the tank failed' }, { audience: 'facilitator', cause });
    return;
  }
  const coolers = Object.entries(ex.state.teams)
    .filter(([id, t]) => t.lc.value === 'onScene' && t.assignment?.place === plantId && ex.scenario.data.teams.find((x) => x.id === id)!.capabilities.includes('tank-cooling'))
    .map(([id]) => id);
  if (coolers.length) {
    ex.emit('cascade.prevented', { rule: 'domino-fire', tank: tankId, plant: plantId, reason: 'tank cooled by teams on scene', by: coolers }, { audience: 'facilitator', cause });
    return;
  }
  ts.status = 'failed';
  const tank = tankDef(ex, plantId, tankId);
  const fire = ex.state.sources.find((s) => s.plant === plantId && s.ignited && s.stop === undefined)!;
  const root = ex.state.incidents[fire.incident].parent ?? fire.incident;
  const substance = SUBSTANCES[tank.substance];
  if (substance.flammable && !substance.probit) {
    // A flammable tank failing in a fire: BLEVE / vapour-cloud explosion, blast on its neighbours.
    const childId = `${root}-explosion-${tankId}`;
    const e = ex.emit('cascade.triggered', { rule: 'domino-fire', parent: `${fire.incident}-fire`, child: childId, tank: tankId, outcome: 'explosion' }, { audience: ex.incidentAudience(root), cause });
    if (!spawnIncident(ex, childId, 'explosion', { zh: `${tankId}储罐爆炸`, en: `Tank ${tankId} explodes` }, plantId, root, e.seq, ex.state.incidents[root].knownBy)) return;
    blast(ex, plantId, tank, root, childId, e.seq);
  } else {
    // A toxic pressurised tank failing: its inventory goes at once.
    const e = ex.emit('cascade.triggered', { rule: 'domino-fire', parent: `${fire.incident}-fire`, child: root, tank: tankId, outcome: 'catastrophic-release' }, { audience: ex.incidentAudience(root), cause });
    addSource(ex, { id: `${root}/domino/${tankId}`, incident: root, plant: plantId, tank, mode: 'instantaneous', fraction: 1 });
    void e;
    ex.ensurePhysics();
  }
}

function blast(ex: Exercise, plantId: string, tank: ScenarioTank, root: string, explosionId: string, cause: number): void {
  const plant = ex.scenario.data.facilities.find((f) => f.id === plantId);
  if (!plant || plant.kind !== 'chemical-plant') return;
  const hc = SUBSTANCES[tank.substance].flammable!.heatOfCombustion;
  const tnt = tntEquivalentMass({ fuelMass: tank.massKg, heatOfCombustion: hc });
  for (const other of plant.tanks) {
    const key = `${plantId}/${other.id}`;
    if (other.id === tank.id || ex.state.tanks[key].status === 'failed') continue;
    const dist = Math.max(1, Math.hypot(other.offset[0] - tank.offset[0], other.offset[1] - tank.offset[1]));
    const kpa = kinneyGrahamOverpressure(dist, tnt);
    const p = equipmentDamageProbability(kpa, other.storage);
    const damaged = ex.rng.uniform(`hazard/domino/${plantId}/${other.id}`) < p;
    ex.emit('cascade.blast', { explosion: explosionId, tank: other.id, distanceM: round(dist, 1), overpressureKPa: round(kpa, 2), damageProbability: round(p, 4), damaged }, { audience: 'facilitator', cause });
    if (!damaged) continue;
    ex.state.tanks[key].status = 'failed';
    const e = ex.emit('cascade.triggered', { rule: 'domino-blast', parent: explosionId, child: root, tank: other.id, outcome: 'release' }, { audience: ex.incidentAudience(root), cause });
    if (SUBSTANCES[other.substance].probit) addSource(ex, { id: `${root}/blast/${other.id}`, incident: root, plant: plantId, tank: other, mode: 'instantaneous', fraction: 0.5 });
    void e;
  }
  ex.ensurePhysics();
}

// ---------- fire-water runoff ----------

function fireWater(ex: Exercise, dt: number): void {
  const d = ex.scenario.data;
  for (const src of ex.state.sources) {
    if (!src.ignited || src.runoffDone) continue;
    const fighting = Object.values(ex.state.teams).some((t) => t.lc.value === 'onScene' && t.assignment?.place === src.plant);
    if (src.stop === undefined) {
      if (fighting) ex.state.totals.pollutantKg += d.physics.fireWaterPollutantKgPerHour * (dt / 60);
      continue;
    }
    src.runoffDone = true;
    const plant = d.facilities.find((f) => f.id === src.plant);
    if (!plant || plant.kind !== 'chemical-plant' || !plant.drainsTo || ex.state.totals.pollutantKg <= 0) continue;
    const river = d.rivers.find((r) => r.id === plant.drainsTo!.river)!;
    const burnS = Math.max(60, (src.stop - (src.ignitedAt ?? src.start)) * 60);
    for (const intake of d.facilities) {
      if (intake.kind !== 'water-intake' || intake.river !== river.id) continue;
      const c = intakeConcentrationMgL({ pollutantMassKg: ex.state.totals.pollutantKg, riverFlowM3s: river.flowM3s, releaseDurationS: burnS });
      const arrive = riverTravelMinutes(intake.downstream, river.velocityMs);
      ex.emit('hazard.runoff', { source: src.id, river: river.id, intake: intake.id, pollutantKg: round(ex.state.totals.pollutantKg, 3), burnMin: round(burnS / 60, 3), flowM3s: river.flowM3s, concentrationMgL: round(c, 3), arrivalMin: round(arrive, 1), limitMgL: intake.closeAboveMgL }, { audience: 'facilitator' });
      if (c > intake.closeAboveMgL && Number.isFinite(arrive)) ex.at(arrive, 'engine', `intake:${intake.id}`, { kind: 'intake-arrival', intake: intake.id, concentrationMgL: c, cause: ex.events[ex.events.length - 1].seq });
    }
  }
}

export function intakeArrival(ex: Exercise, intakeId: string, c: number, cause: number): void {
  const intake = ex.scenario.data.facilities.find((f) => f.id === intakeId);
  if (!intake || intake.kind !== 'water-intake') return;
  const place = ex.scenario.world.points.get(intake.id)!;
  const seats = ex.scenario.data.seats.filter((s) => s.district === place.district).map((s) => s.id);
  const fire = Object.entries(ex.state.incidents).find(([, i]) => i.kind === 'fire');
  const childId = `${intakeId}-contamination`;
  const e = ex.emit('cascade.triggered', { rule: 'fire-water-runoff', parent: fire?.[0] ?? null, child: childId, intake: intakeId, concentrationMgL: round(c, 3), servesPopulation: intake.servesPopulation }, { audience: seats, cause });
  spawnIncident(ex, childId, 'water-contamination', { zh: `${intake.name.zh}水源污染`, en: `${intake.name.en} contaminated` }, intake.id, fire?.[0], e.seq, seats);
}
