/**
 * The earthquake in a run: the mainshock shakes each district (intensity at its people's centre),
 * buildings collapse by class, people are killed, injured and trapped; rescue teams and neighbours
 * free the trapped while their survival falls with time (the golden 72 hours); a seeded
 * Reasenberg–Jones aftershock sequence brings down weakened buildings and endangers teams on
 * scene. Secondary disasters (fires, gas leaks, bridges, landslides, landslide dams, plants,
 * hospitals) are cascade rules in the scenario, fed by the fields set here.
 * The physics is in engine/hazards/quake/ (docs/models-quake.md); this file only steps it.
 */
import type { Exercise } from './exercise.ts';
import type { EarthquakeSpec } from '../scenario/schema.ts';
import {
  intensityAt, intensityToPgaG, intensityToPgvCmS, districtCollapseCasualties, districtIndoorCasualties,
  occupancyShare, deathFractionDuring, nextAftershockDays, sampleGutenbergRichter, alaRepairRatePerKm,
  slopeFailureProbability, intensityDegree
} from '../hazards/quake/index.ts';
import { evaluateCascades, resolveIncident } from '../cascade/run.ts';
import { districtCentroids } from '../world/centroids.ts';
import { haversineMeters } from '../world/geo.ts';
import { round } from './events.ts';

export interface RescueSite {
  district: string;
  /** Trapped alive and not yet freed (expected number). */
  remaining: number;
  rescued: number;
  died: number;
}

export interface QuakeState {
  /** Highest intensity each district has felt (mainshock or aftershock). */
  intensity: Record<string, number>;
  sites: Record<string, RescueSite>;
  aftershocks: { t: number; magnitude: number }[];
  /** Patients needing a bed, per hospital. */
  patients: Record<string, number>;
  /** Highest intensity felt at each place and facility. */
  pointIntensity: Record<string, number>;
}

const DAY = 1440;

function localHour(ex: Exercise, spec: EarthquakeSpec): number {
  if (spec.localHour !== undefined) return spec.localHour;
  const m = /T(\d{2}):(\d{2})/.exec(ex.scenario.data.startTime)!;
  return ((Number(m[1]) + Number(m[2]) / 60 + spec.at / 60) % 24 + 24) % 24;
}

function mixOf(spec: EarthquakeSpec, district: string): Record<string, number> {
  return spec.buildings[district] ?? spec.buildings.default;
}

/** Accident grade from deaths (thresholds of the national earthquake emergency plan 国家地震应急预案: 300 / 50 / 10). */
function gradeForDeaths(deaths: number): 'I' | 'II' | 'III' | 'IV' {
  return deaths >= 300 ? 'I' : deaths >= 50 ? 'II' : deaths >= 10 ? 'III' : 'IV';
}

export function mainshock(ex: Exercise): void {
  const spec = ex.scenario.data.earthquake!;
  const centroids = districtCentroids(ex.scenario.world);
  const occupancy = occupancyShare('residential', localHour(ex, spec));
  const src = { magnitude: spec.magnitude, epicentre: spec.epicentre as [number, number], longAxisAzimuthDeg: spec.longAxisAzimuthDeg };
  const st: QuakeState = { intensity: {}, sites: {}, aftershocks: [], patients: {}, pointIntensity: {} };
  ex.state.quake = st;
  const byDistrict: Record<string, number> = {};
  let deaths = 0, injured = 0, trapped = 0;
  const hilly = new Set(spec.hillyDistricts);
  const perDistrict: { id: string; trappedAlive: number; killed: number; injured: number }[] = [];
  for (const d of ex.scenario.world.districts) {
    const I = intensityAt(src, centroids.get(d.id)!);
    st.intensity[d.id] = I;
    byDistrict[d.id] = round(I, 2);
    const mix = mixOf(spec, d.id);
    // Damage is uncertain beyond what intensity says: one seeded lognormal factor per district (σ ln 0.4).
    const spread = Math.exp(ex.rng.normal(`hazard/quake/damage/${d.id}`, 0, 0.4));
    const c = districtCollapseCasualties({ population: d.population, mix, intensity: I, occupancy });
    const inj = districtIndoorCasualties({ population: d.population, mix, intensity: I, occupancy, includeCollapse: false });
    const killed = (c.killedOutright + inj.severity4) * spread;
    const hurt = (inj.severity1 + inj.severity2 + inj.severity3) * spread;
    const trappedAlive = c.trappedAlive * spread;
    deaths += killed; injured += hurt; trapped += trappedAlive;
    perDistrict.push({ id: d.id, trappedAlive, killed, injured: hurt });
    const pgv = intensityToPgvCmS(I);
    const f = ex.state.infra.fields[`district:${d.id}`];
    f.intensity = round(I, 3);
    f.pga = round(intensityToPgaG(I), 4);
    f.pgv = round(pgv, 2);
    f.collapsed = Math.round(c.collapsedResidents * spread);
    f.trapped = round(trappedAlive, 1);
    f.gasBreaksExpected = round(alaRepairRatePerKm(pgv, spec.gasMainK1) * (d.population * spec.gasMainMetresPerPerson) / 1000, 3);
    f.landslideProbability = hilly.has(d.id) ? round(slopeFailureProbability(spec.slope.factorOfSafety, spec.slope.angleDeg, intensityToPgaG(I)), 4) : 0;
  }
  const e = ex.emit('hazard.quake', {
    name: spec.name, magnitude: spec.magnitude, epicentre: spec.epicentre, depthKm: spec.depthKm,
    intensity: byDistrict, degrees: Object.fromEntries(Object.entries(st.intensity).map(([k, v]) => [k, intensityDegree(v)]))
  }, { audience: 'all' });
  ex.emit('hazard.field', { kind: 'intensity', unit: 'China seismic intensity (GB/T 17742-2020)', byDistrict }, { audience: 'facilitator', cause: e.seq });
  ex.state.infra.fieldCause = e.seq;
  st.pointIntensity = pointIntensities(ex, src);
  setPointFields(ex);
  ex.state.totals.deaths += deaths;
  ex.state.totals.injured = (ex.state.totals.injured ?? 0) + injured;
  ex.state.totals.trapped = (ex.state.totals.trapped ?? 0) + trapped;
  ex.state.totals.rescued = ex.state.totals.rescued ?? 0;
  ex.state.totals.diedTrapped = ex.state.totals.diedTrapped ?? 0;
  ex.emit('casualties.estimate', { source: 'mainshock', deaths: round(deaths, 1), injured: round(injured, 1), trapped: round(trapped, 1) }, { audience: 'facilitator', cause: e.seq });

  // A collapse site per district with people trapped: the incident rescue teams are sent to.
  for (const d of perDistrict) if (d.trappedAlive > 0) openSite(ex, d.id, d.trappedAlive, gradeForDeaths(d.killed), e.seq);
  assignPatients(ex, perDistrict);
  scheduleNextAftershock(ex, 0);
  ex.at(spec.tick, 'engine', 'quake', { kind: 'hazard-tick', hazard: 'quake' });
  evaluateCascades(ex);
}

/**
 * The trapped of a district are one rescue site. It becomes an incident teams can be sent to once
 * at least one person is trapped and the district has a place to send them; below that, or with
 * no place, neighbours alone dig (the site is still stepped, so every trapped person is counted).
 */
function openSite(ex: Exercise, district: string, trappedAlive: number, grade: 'I' | 'II' | 'III' | 'IV', cause: number): void {
  const id = `collapse:${district}`;
  const st = ex.state.quake!;
  const site = (st.sites[id] ??= { district, remaining: 0, rescued: 0, died: 0 });
  site.remaining += trappedAlive;
  if (ex.state.incidents[id] || site.remaining < 1) return;
  const d = ex.scenario.data;
  const place = d.places.find((p) => p.district === district)?.id;
  if (!place || !ex.admitIncident()) return;
  const dist = ex.scenario.world.districts.find((x) => x.id === district)!;
  ex.state.incidents[id] = {
    lc: ex.layer.start('incident', { grade }).snap, kind: 'building-collapse',
    name: { zh: `${dist.nameZh}房屋倒塌人员被困`, en: `${dist.nameEn}: collapsed buildings, people trapped` },
    place, district, startedAt: ex.state.t, knownBy: [], onScene: [], cause
  };
  const reportTo = d.seats.find((s) => s.tier === 'district' && s.district === district)?.id ?? d.seats.find((s) => !s.parent)!.id;
  ex.at(10 + 20 * ex.rng.uniform(`hazard/quake/report/${district}`), 'engine', `detect:${id}`, { kind: 'detect', incident: id, to: reportTo });
}

/** Injured who need a bed go to the nearest hospital; the cascade rules read patients vs beds. */
function assignPatients(ex: Exercise, perDistrict: { id: string; injured: number }[]): void {
  const hospitals = ex.scenario.data.facilities.filter((f) => f.kind === 'hospital');
  if (!hospitals.length) return;
  const centroids = districtCentroids(ex.scenario.world);
  const st = ex.state.quake!;
  for (const d of perDistrict) {
    const c = centroids.get(d.id)!;
    let best = hospitals[0], bestM = Infinity;
    for (const h of hospitals) {
      const p = ex.scenario.world.points.get(h.id)!;
      const m = haversineMeters(c, [p.lon, p.lat]);
      if (m < bestM) { bestM = m; best = h; }
    }
    // Hazus severity 2–3 need hospital care; severity 1 is treated and released. Share 2+3 of 1–3 ≈ 0.2 at moderate damage.
    st.patients[best.id] = (st.patients[best.id] ?? 0) + d.injured * 0.2;
  }
  for (const h of hospitals) {
    if (h.kind !== 'hospital') continue;
    ex.state.infra.fields[`facility:${h.id}`] = { ...ex.state.infra.fields[`facility:${h.id}`], patients: Math.round(st.patients[h.id] ?? 0), beds: h.beds };
  }
}

/** Shaking at each place and facility (a plant near the epicentre shakes harder than its district's people). */
function pointIntensities(ex: Exercise, src: { magnitude: number; epicentre: [number, number]; longAxisAzimuthDeg: number }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, p] of ex.scenario.world.points) out[id] = intensityAt(src, [p.lon, p.lat]);
  return out;
}

/** Facilities and roads read the strongest shaking felt at their place (a road: at either end). */
function setPointFields(ex: Exercise): void {
  const st = ex.state.quake!;
  const f = ex.state.infra.fields;
  const motion = (I: number) => ({ intensity: round(I, 3), pga: round(intensityToPgaG(I), 4), pgv: round(intensityToPgvCmS(I), 2) });
  for (const fac of ex.scenario.data.facilities) f[`facility:${fac.id}`] = { ...f[`facility:${fac.id}`], ...motion(st.pointIntensity[fac.id] ?? 0) };
  ex.scenario.data.roads.forEach((r, i) => {
    f[`road:${r.id ?? `road-${i}`}`] = motion(Math.max(st.pointIntensity[r.from] ?? 0, st.pointIntensity[r.to] ?? 0));
  });
}

function scheduleNextAftershock(ex: Exercise, fromMin: number): void {
  const spec = ex.scenario.data.earthquake!;
  if (!spec.aftershocks.enabled) return;
  const a = spec.aftershocks;
  const seq = { mainMagnitude: spec.magnitude, minMagnitude: a.minMagnitude, maxMagnitude: spec.magnitude - 0.1, params: { a: a.a, b: a.b, p: a.p, cDays: a.cDays } };
  const stream = 'hazard/quake/aftershocks';
  const rand = () => ex.rng.uniform(stream);
  const days = nextAftershockDays(seq, (fromMin - spec.at) / DAY, rand);
  const t = spec.at + days * DAY;
  if (!Number.isFinite(t) || t > ex.scenario.data.duration) return;
  const magnitude = sampleGutenbergRichter(a.minMagnitude, spec.magnitude - 0.1, a.b, rand);
  const st = ex.state.quake!;
  st.aftershocks.push({ t, magnitude });
  ex.at(t - ex.state.t, 'engine', `aftershock:${st.aftershocks.length - 1}`, { kind: 'aftershock', index: st.aftershocks.length - 1 });
}

export function aftershock(ex: Exercise, index: number): void {
  const spec = ex.scenario.data.earthquake!;
  const st = ex.state.quake!;
  const a = st.aftershocks[index];
  const centroids = districtCentroids(ex.scenario.world);
  const occupancy = occupancyShare('residential', localHour(ex, spec));
  const src = { magnitude: a.magnitude, epicentre: spec.epicentre as [number, number], longAxisAzimuthDeg: spec.longAxisAzimuthDeg };
  const felt: Record<string, number> = {};
  let maxI = 0;
  let extraTrapped = 0;
  const e = ex.emit('hazard.aftershock', { index, magnitude: round(a.magnitude, 2) }, { audience: 'all' });
  for (const d of ex.scenario.world.districts) {
    const I = intensityAt(src, centroids.get(d.id)!);
    felt[d.id] = round(I, 2);
    maxI = Math.max(maxI, I);
    if (I < 6) continue;
    // A building the mainshock damaged behaves as if shaken one degree harder (a stated assumption,
    // docs/models-quake.md): new collapses are those beyond what the mainshock already brought down.
    const mix = mixOf(spec, d.id);
    const before = districtCollapseCasualties({ population: d.population, mix, intensity: st.intensity[d.id], occupancy });
    const after = districtCollapseCasualties({ population: d.population, mix, intensity: Math.max(st.intensity[d.id], I + 1), occupancy });
    const extra = Math.max(0, after.trappedAlive - before.trappedAlive);
    const killed = Math.max(0, after.killedOutright - before.killedOutright);
    if (extra > 0) openSite(ex, d.id, extra, 'IV', e.seq);
    extraTrapped += extra;
    ex.state.totals.deaths += killed;
    if (I > st.intensity[d.id]) {
      st.intensity[d.id] = I;
      const f = ex.state.infra.fields[`district:${d.id}`];
      f.intensity = round(I, 3); f.pga = round(intensityToPgaG(I), 4); f.pgv = round(intensityToPgvCmS(I), 2);
    }
    // Teams working in rubble in this district are at risk: 5 % per degree above V (a drill judgement).
    for (const [siteId, site] of Object.entries(st.sites)) {
      if (site.district !== d.id) continue;
      for (const teamId of ex.state.incidents[siteId]?.onScene ?? []) {
        const u = ex.rng.uniform(`team/${teamId}/aftershock/${index}`);
        if (ex.state.teams[teamId].lc.value === 'onScene' && u < 0.05 * (I - 5)) ex.lifecycle('team', teamId, { type: 'CASUALTY' }, e.seq);
      }
    }
  }
  ex.state.totals.trapped = (ex.state.totals.trapped ?? 0) + extraTrapped;
  ex.emit('hazard.field', { kind: 'intensity', unit: 'China seismic intensity (GB/T 17742-2020)', byDistrict: felt, aftershock: index }, { audience: 'facilitator', cause: e.seq });
  if (maxI >= 6) {
    ex.state.infra.fieldCause = e.seq;
    const felt = pointIntensities(ex, src);
    for (const [id, I] of Object.entries(felt)) st.pointIntensity[id] = Math.max(st.pointIntensity[id] ?? 0, I);
    setPointFields(ex);
    evaluateCascades(ex);
  }
  scheduleNextAftershock(ex, a.t);
}

/** Every tick: neighbours and teams free the trapped; those still trapped die at the survival curve's rate. */
export function quakeTick(ex: Exercise): void {
  const spec = ex.scenario.data.earthquake!;
  const st = ex.state.quake!;
  const dtH = spec.tick / 60;
  const tH = (ex.state.t - spec.at) / 60;
  for (const [id, site] of Object.entries(st.sites)) {
    if (site.remaining < 0.5) continue;
    const inc = ex.state.incidents[id];
    let members = 0;
    for (const teamId of inc?.onScene ?? []) {
      const def = ex.scenario.data.teams.find((t) => t.id === teamId)!;
      if (ex.state.teams[teamId].lc.value === 'onScene' && def.capabilities.includes('rescue')) members += def.size;
    }
    const died = site.remaining * deathFractionDuring(tH, dtH);
    site.remaining -= died;
    site.died += died;
    const freed = Math.min(site.remaining, members * spec.rescuePerMemberHour * dtH + site.remaining * spec.bystanderRescuePerHour * dtH);
    site.remaining -= freed;
    site.rescued += freed;
    ex.state.totals.deaths += died;
    ex.state.totals.diedTrapped = (ex.state.totals.diedTrapped ?? 0) + died;
    ex.state.totals.rescued = (ex.state.totals.rescued ?? 0) + freed;
    if (Math.round(ex.state.t) % 180 === 0 || site.remaining < 0.5) {
      if (inc) ex.emit('rescue.progress', { incident: id, district: site.district, rescued: round(site.rescued, 1), died: round(site.died, 1), remaining: round(site.remaining, 1), teamMembers: members }, { audience: ex.incidentAudience(id) });
    }
    if (inc && site.remaining < 0.5 && !['contained', 'closed'].includes(inc.lc.value)) {
      resolveIncident(ex, id, 'rescue');
    }
  }
  evaluateCascades(ex);
  if (ex.state.t + spec.tick <= ex.scenario.data.duration) ex.at(spec.tick, 'engine', 'quake', { kind: 'hazard-tick', hazard: 'quake' });
}
