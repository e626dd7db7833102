/**
 * Load a scenario: YAML text → schema check → cross-reference check → the world it describes
 * (district geometry, population grid, places in metres). Files a scenario refers to (map,
 * population) are read through `readFile`, given by the driver, so the engine itself never
 * touches a file system. Every mistake is reported with the file, the field path and what was expected.
 */
import { ScenarioFile, PlanFile, COMMAND_TYPES, type ScenarioData, type Plan, type PlanRule, type CommandBody, type Expectation, type Match } from './schema.ts';
import { InputFileError, formatPath, unknownRef, type FileIssue } from './errors.ts';
import { parseYamlSafe } from './yamlSafe.ts';
import { sha256Hex } from '../util/sha256.ts';
import { canonicalJson } from '../util/canonical.ts';
import { buildWorld, type World } from '../world/build.ts';
import type { z } from 'zod';
import { compileCascades, cascadeIncidentIds, type CompiledCascades } from '../cascade/compile.ts';
import { scriptedExpectations } from './expectations.ts';
import { isRanked } from '../plan/match.ts';
import { checkBounds } from './bounds.ts';
import { checkBuildingMixes } from './checkQuake.ts';
import { checkTyphoonTrack } from './checkTyphoon.ts';
import { checkCascadeRefs, checkCascadeLoops } from '../cascade/refs.ts';
import { planWarnings, checkPlanLoops } from './checkPlan.ts';
import { scenarioWarnings } from './warnings.ts';

/** A warning: legal, probably wrong; with the file it is in (a scenario's plan may be its own file). */
export interface FileWarning extends FileIssue {
  file: string;
}

export interface Scenario {
  file: string;
  data: ScenarioData;
  /** SHA-256 of the canonical scenario data and every file it refers to: what a log is checked against. */
  hash: string;
  world: World;
  /** The scenario's cascade rules, compiled and expanded per entity. */
  cascades: CompiledCascades;
  /** Text of every file the scenario refers to, by the path it gives (track, map, plan). */
  refs: Record<string, string>;
  /** What is legal but probably a mistake (a place outside its district, a trigger the engine never emits). */
  warnings: FileWarning[];
}

export type ReadFile = (relativePath: string) => string;

function zodIssues(err: z.ZodError): FileIssue[] {
  return err.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Schema check only. A plan given by path is left as the path: `loadScenario` reads it. */
export function parseScenarioFile(text: string, file: string): z.output<typeof ScenarioFile> {
  const raw = parseYamlSafe(text, file);
  const r = ScenarioFile.safeParse(raw);
  if (!r.success) throw new InputFileError(file, zodIssues(r.error));
  return r.data;
}

/** Schema check of a scenario whose plan, if any, is inline (a referenced plan is dropped: use `loadScenario`). */
export function parseScenarioText(text: string, file: string): ScenarioData {
  const d = parseScenarioFile(text, file);
  return { ...d, plan: typeof d.plan === 'string' ? undefined : d.plan };
}

export function loadScenario(text: string, file: string, readFile: ReadFile): Scenario {
  const parsed = parseScenarioFile(text, file);
  const refs: Record<string, string> = {};
  const read = (path: string, field: string): string => {
    try {
      return (refs[path] = readFile(path));
    } catch (e) {
      throw new InputFileError(file, [{ path: field, message: `cannot read "${path}": ${(e as Error).message}` }]);
    }
  };
  let plan: Plan | undefined;
  if (typeof parsed.plan === 'string') plan = parsePlanText(read(parsed.plan, 'plan'), parsed.plan);
  else plan = parsed.plan;
  const data: ScenarioData = { ...parsed, plan };
  // Limits first: the world is not built for a grid of a billion cells.
  const bounds = checkBounds(data);
  if (bounds.length) throw new InputFileError(file, bounds);
  const districtsText = read(data.map.districts, 'map.districts');
  const populationText = read(data.map.population, 'map.population');
  const world = buildWorld(data, districtsText, populationText, file);
  const districtIds = world.districts.map((d) => d.id);
  const issues = crossCheck(data, new Set(districtIds));
  issues.push(...checkBuildingMixes(data), ...checkCascadeRefs(data), ...checkCascadeLoops(data));
  const cascades = compileCascades(data, districtIds, issues);
  const track = checkTyphoonTrack(data, (path) => read(path, 'typhoon.track'));
  issues.push(...track.issues);
  if (issues.length) throw new InputFileError(file, issues);
  const hash = sha256Hex(canonicalJson({ data, refs }));
  // A plan in its own file has its warnings reported against that file.
  const planFile = typeof parsed.plan === 'string' ? parsed.plan : null;
  const warnings = [...scenarioWarnings({ ...data, plan: planFile ? undefined : data.plan }, world), ...track.warnings].map((w) => ({ ...w, file }));
  if (planFile && data.plan) warnings.push(...planWarnings(data.plan, '').map((w) => ({ ...w, file: planFile })));
  return { file, data, hash, world, cascades, refs, warnings };
}

export function parsePlanText(text: string, file: string): Plan {
  const raw = parseYamlSafe(text, file);
  const r = PlanFile.safeParse(raw);
  if (!r.success) throw new InputFileError(file, zodIssues(r.error));
  const { format: _f, scenario: _s, ...plan } = r.data;
  return plan;
}

/** A plan checked against a scenario's seats, teams, places and districts; returns its warnings (triggers that never fire). */
export function checkPlanAgainst(plan: Plan, data: ScenarioData, districts: Set<string>, file: string, prefix = ''): FileWarning[] {
  const ctx = refSets(data, districts);
  const issues: FileIssue[] = [...dupes(plan.rules, `${prefix}rules`), ...checkPlanLoops(plan, data, prefix)];
  plan.rules.forEach((r, i) => issues.push(...checkPlanRule(r, `${prefix}rules[${i}]`, ctx)));
  if (issues.length) throw new InputFileError(file, issues);
  return planWarnings(plan, prefix).map((w) => ({ ...w, file }));
}

/** One plan rule against the scenario: its seat, conditions, order, picked teams and wait. */
function checkPlanRule(r: PlanRule, p: string, ctx: RefSets): FileIssue[] {
  const issues: FileIssue[] = [];
  if (!ctx.seats.has(r.by)) issues.push(unknownRef(`${p}.by`, 'seat', r.by, ctx.seats));
  if ('event' in r.when) issues.push(...checkMatchRanks(r.when.match, `${p}.when.match`));
  issues.push(...checkCommandRefs(r.do, `${p}.do`, ctx));
  r.pick?.forEach((t, j) => { if (!ctx.teams.has(t)) issues.push(unknownRef(`${p}.pick[${j}]`, 'team', t, ctx.teams)); });
  if (r.wait !== undefined && (!r.pick || r.do.type !== 'dispatch')) issues.push({ path: `${p}.wait`, message: 'expected wait only on a dispatch rule with pick (it waits for one of the picked teams to come free)' });
  return issues;
}

interface RefSets {
  seats: Set<string>;
  teams: Set<string>;
  places: Set<string>;
  incidents: Set<string>;
  districts: Set<string>;
  injects: Set<string>;
  expectations: Set<string>;
}

function refSets(data: ScenarioData, districts: Set<string>): RefSets {
  return {
    seats: new Set(data.seats.map((s) => s.id)),
    teams: new Set(data.teams.map((t) => t.id)),
    places: new Set([...data.places.map((p) => p.id), ...data.facilities.map((f) => f.id)]),
    incidents: new Set([...data.releases.map((r) => r.id), ...cascadeIncidentIds(data, [...districts]), ...(data.earthquake ? [...districts].map((d) => `collapse:${d}`) : [])]),
    districts,
    injects: new Set(data.injects.map((i) => i.id)),
    expectations: new Set(scriptedExpectations(data).map((e) => e.id))
  };
}

export function checkCommandRefs(c: CommandBody, p: string, ctx: RefSets): FileIssue[] {
  const out: FileIssue[] = [];
  const need = (field: string, what: string, v: string | undefined, set: Set<string>) => {
    // "$event.<field>" in a plan is filled from the triggering event when the rule fires.
    if (v !== undefined && !v.startsWith('$event.') && !set.has(v)) out.push(unknownRef(`${p}.${field}`, what, v, set));
  };
  switch (c.type) {
    case 'dispatch':
      need('team', 'team', c.team, ctx.teams);
      need('incident', 'incident', c.incident, ctx.incidents);
      need('place', 'place', c.place, ctx.places);
      if (!c.incident && !c.place) out.push({ path: p, message: 'a dispatch needs an "incident" or a "place"' });
      break;
    case 'recall': need('team', 'team', c.team, ctx.teams); break;
    case 'issue-warning': c.districts.forEach((d, i) => need(`districts[${i}]`, 'district', d, ctx.districts)); break;
    case 'set-response-level': need('incident', 'incident', c.incident, ctx.incidents); break;
    case 'order-protection':
      if ('districts' in c.area) c.area.districts.forEach((d, i) => need(`area.districts[${i}]`, 'district', d, ctx.districts));
      else if (!ctx.places.has(c.area.around) && !ctx.incidents.has(c.area.around))
        out.push(unknownRef(`${p}.area.around`, 'place or incident', c.area.around, new Set([...ctx.places, ...ctx.incidents])));
      break;
    case 'request-resources': need('incident', 'incident', c.incident, ctx.incidents); break;
    case 'setup-field-post': need('incident', 'incident', c.incident, ctx.incidents); break;
    case 'isolate-source': need('incident', 'incident', c.incident, ctx.incidents); need('team', 'team', c.team, ctx.teams); break;
    case 'report-up': need('incident', 'incident', c.incident, ctx.incidents); break;
    case 'fire-inject': need('inject', 'inject', c.inject, ctx.injects); break;
    case 'free-inject':
      c.to.forEach((s, i) => need(`to[${i}]`, 'seat', s, ctx.seats));
      (c.expect ?? []).forEach((e, i) => out.push(...checkExpectation(e, `${p}.expect[${i}]`, ctx)));
      break;
    case 'judge':
      // A live inject's expectation ("live-…") exists only once the inject is given.
      if (!c.expectation.startsWith('live-')) need('expectation', 'expectation', c.expectation, ctx.expectations);
      break;
  }
  return out;
}

/** `atLeast`/`atMost` must name a rank of an ordered scale (a warning colour, a level or grade). */
function checkMatchRanks(match: Match | undefined, p: string): FileIssue[] {
  const out: FileIssue[] = [];
  for (const [k, cond] of Object.entries(match ?? {})) {
    if (cond === null || typeof cond !== 'object') continue;
    for (const op of ['atLeast', 'atMost'] as const) {
      const v = cond[op];
      if (v !== undefined && !isRanked(v)) out.push({ path: `${p}.${k}.${op}`, message: `"${v}" is not on an ordered scale; expected a warning colour (blue, yellow, orange, red) or a level/grade (none, IV, III, II, I)` });
    }
  }
  return out;
}

function checkExpectation(e: Expectation, p: string, ctx: RefSets): FileIssue[] {
  const out: FileIssue[] = [];
  if (!ctx.seats.has(e.seat)) out.push(unknownRef(`${p}.seat`, 'seat', e.seat, ctx.seats));
  if (e.command && !COMMAND_TYPES.includes(e.command.type as never)) out.push(unknownRef(`${p}.command.type`, 'command type', e.command.type, new Set(COMMAND_TYPES)));
  out.push(...checkMatchRanks(e.command?.match ?? e.event?.match, `${p}.${e.command ? 'command' : 'event'}.match`));
  return out;
}

function dupes<T extends { id: string }>(items: T[], path: string): FileIssue[] {
  const seen = new Set<string>();
  const out: FileIssue[] = [];
  items.forEach((it, i) => {
    if (seen.has(it.id)) out.push({ path: `${path}[${i}].id`, message: `duplicate id "${it.id}"; expected ids to be unique` });
    seen.add(it.id);
  });
  return out;
}

function crossCheck(d: ScenarioData, districts: Set<string>): FileIssue[] {
  const ctx = refSets(d, districts);
  const issues: FileIssue[] = [
    ...dupes(d.places, 'places'),
    ...dupes(d.facilities, 'facilities'),
    ...dupes(d.seats, 'seats'),
    ...dupes(d.teams, 'teams'),
    ...dupes(d.releases, 'releases'),
    ...dupes(d.injects, 'injects'),
    ...dupes(d.rivers, 'rivers')
  ];
  const placeOnly = new Set(d.places.map((p) => p.id));
  const ofKind = (kind: string) => new Set(d.facilities.filter((f) => f.kind === kind).map((f) => f.id));
  d.roads.forEach((r, i) => { if (r.lowPoint !== undefined && !ofKind('low-point').has(r.lowPoint)) issues.push(unknownRef(`roads[${i}].lowPoint`, 'low point', r.lowPoint, ofKind('low-point'))); });
  d.rivers.forEach((r, i) => r.catchment?.districts.forEach((x, j) => { if (!districts.has(x)) issues.push(unknownRef(`rivers[${i}].catchment.districts[${j}]`, 'district', x, districts)); }));
  (d.typhoon?.hillyDistricts ?? []).forEach((x, j) => { if (!districts.has(x)) issues.push(unknownRef(`typhoon.hillyDistricts[${j}]`, 'district', x, districts)); });
  (d.earthquake?.hillyDistricts ?? []).forEach((x, j) => { if (!districts.has(x)) issues.push(unknownRef(`earthquake.hillyDistricts[${j}]`, 'district', x, districts)); });
  Object.keys(d.earthquake?.buildings ?? {}).forEach((x) => { if (x !== 'default' && !districts.has(x)) issues.push(unknownRef(`earthquake.buildings.${x}`, 'district (or "default")', x, districts)); });
  if (d.earthquake && !d.earthquake.buildings.default && [...districts].some((x) => !d.earthquake!.buildings[x])) issues.push({ path: 'earthquake.buildings', message: 'expected a building mix for every district, or a "default" mix' });
  if (d.hazard === 'typhoon' && !d.typhoon) issues.push({ path: 'typhoon', message: 'a typhoon scenario needs a "typhoon" block (track, timing)' });
  if (d.hazard === 'earthquake' && !d.earthquake) issues.push({ path: 'earthquake', message: 'an earthquake scenario needs an "earthquake" block (magnitude, epicentre, depth, buildings)' });
  const rivers = new Set(d.rivers.map((r) => r.id));
  d.places.forEach((p, i) => { if (!districts.has(p.district)) issues.push(unknownRef(`places[${i}].district`, 'district', p.district, districts)); });
  d.roads.forEach((r, i) => {
    if (!placeOnly.has(r.from)) issues.push(unknownRef(`roads[${i}].from`, 'place', r.from, placeOnly));
    if (!placeOnly.has(r.to)) issues.push(unknownRef(`roads[${i}].to`, 'place', r.to, placeOnly));
  });
  d.facilities.forEach((f, i) => {
    if (!placeOnly.has(f.place)) issues.push(unknownRef(`facilities[${i}].place`, 'place', f.place, placeOnly));
    if (f.kind === 'chemical-plant') {
      issues.push(...dupes(f.tanks, `facilities[${i}].tanks`));
      if (f.drainsTo && !rivers.has(f.drainsTo.river)) issues.push(unknownRef(`facilities[${i}].drainsTo.river`, 'river', f.drainsTo.river, rivers));
    }
    if (f.kind === 'water-intake' && !rivers.has(f.river)) issues.push(unknownRef(`facilities[${i}].river`, 'river', f.river, rivers));
    if (f.kind === 'pump-station') {
      if (!ofKind('substation').has(f.poweredBy)) issues.push(unknownRef(`facilities[${i}].poweredBy`, 'substation', f.poweredBy, ofKind('substation')));
      if (!ofKind('low-point').has(f.drains)) issues.push(unknownRef(`facilities[${i}].drains`, 'low point', f.drains, ofKind('low-point')));
    }
    if (f.kind === 'substation' && f.lowPoint !== undefined && !ofKind('low-point').has(f.lowPoint)) issues.push(unknownRef(`facilities[${i}].lowPoint`, 'low point', f.lowPoint, ofKind('low-point')));
  });
  d.seats.forEach((s, i) => {
    if (s.parent !== undefined && !ctx.seats.has(s.parent)) issues.push(unknownRef(`seats[${i}].parent`, 'seat', s.parent, ctx.seats));
    if (s.district !== undefined && !districts.has(s.district)) issues.push(unknownRef(`seats[${i}].district`, 'district', s.district, districts));
    if ((s.tier === 'district' || s.tier === 'township') && !s.district) issues.push({ path: `seats[${i}].district`, message: `a ${s.tier} seat needs the district it is responsible for` });
    s.mayOrder?.forEach((c, j) => {
      if (!COMMAND_TYPES.includes(c as never)) issues.push(unknownRef(`seats[${i}].mayOrder[${j}]`, 'command type', c, new Set(COMMAND_TYPES)));
    });
  });
  // parent chains must end (no cycles)
  const parent = new Map(d.seats.map((s) => [s.id, s.parent]));
  d.seats.forEach((s, i) => {
    const seen = new Set<string>();
    for (let cur: string | undefined = s.id; cur; cur = parent.get(cur)) {
      if (seen.has(cur)) { issues.push({ path: `seats[${i}].parent`, message: `the chain of parents loops back to "${cur}"; expected a tree` }); break; }
      seen.add(cur);
    }
  });
  if (d.seats.filter((s) => !s.parent).length !== 1) issues.push({ path: 'seats', message: 'expected exactly one top seat (a seat without a parent)' });
  d.teams.forEach((t, i) => {
    if (!ctx.seats.has(t.owner)) issues.push(unknownRef(`teams[${i}].owner`, 'seat', t.owner, ctx.seats));
    if (!placeOnly.has(t.base)) issues.push(unknownRef(`teams[${i}].base`, 'place', t.base, placeOnly));
  });
  d.stockpiles.forEach((s, i) => {
    if (!placeOnly.has(s.place)) issues.push(unknownRef(`stockpiles[${i}].place`, 'place', s.place, placeOnly));
    if (!ctx.seats.has(s.owner)) issues.push(unknownRef(`stockpiles[${i}].owner`, 'seat', s.owner, ctx.seats));
  });
  const plants = new Map(d.facilities.filter((f) => f.kind === 'chemical-plant').map((f) => [f.id, f]));
  d.releases.forEach((r, i) => {
    const plant = plants.get(r.plant);
    if (!plant) issues.push(unknownRef(`releases[${i}].plant`, 'chemical plant', r.plant, new Set(plants.keys())));
    else if (plant.kind === 'chemical-plant' && !plant.tanks.some((t) => t.id === r.tank))
      issues.push(unknownRef(`releases[${i}].tank`, 'tank', r.tank, new Set(plant.tanks.map((t) => t.id))));
    if (!ctx.seats.has(r.reportTo)) issues.push(unknownRef(`releases[${i}].reportTo`, 'seat', r.reportTo, ctx.seats));
    if (r.mode === 'continuous' && r.holeDiameterM === undefined) issues.push({ path: `releases[${i}].holeDiameterM`, message: 'a continuous release needs holeDiameterM (metres)' });
    if (r.mode === 'instantaneous' && r.instantaneousFraction === undefined) issues.push({ path: `releases[${i}].instantaneousFraction`, message: 'an instantaneous release needs instantaneousFraction (0–1)' });
    if (r.at !== undefined && r.at > d.duration) issues.push({ path: `releases[${i}].at`, message: `starts after the scenario ends (${d.duration} min)` });
  });
  const seatsAndFacilitator = new Set([...ctx.seats, 'facilitator']);
  d.injects.forEach((inj, i) => inj.to.forEach((s, j) => { if (!seatsAndFacilitator.has(s)) issues.push(unknownRef(`injects[${i}].to[${j}]`, 'seat', s, seatsAndFacilitator)); }));
  d.injects.forEach((inj, i) => (inj.expect ?? []).forEach((e, j) => issues.push(...checkExpectation(e, `injects[${i}].expect[${j}]`, ctx))));
  const expectationIds = new Map<string, string>();
  d.injects.forEach((inj, i) => (inj.expect ?? []).forEach((e, j) => {
    const id = e.id ?? `${inj.id}.${j + 1}`;
    if (expectationIds.has(id)) issues.push({ path: `injects[${i}].expect[${j}].id`, message: `duplicate expectation id "${id}" (also ${expectationIds.get(id)}); expected ids to be unique` });
    else expectationIds.set(id, `injects[${i}].expect[${j}]`);
  }));
  const fixes = d.weather.fixes;
  fixes.forEach((f, i) => { if (i > 0 && f.at <= fixes[i - 1].at) issues.push({ path: `weather.fixes[${i}].at`, message: 'expected fixes in increasing time order' }); });
  if (d.plan) {
    issues.push(...dupes(d.plan.rules, 'plan.rules'), ...checkPlanLoops(d.plan, d, 'plan.'));
    d.plan.rules.forEach((r, i) => issues.push(...checkPlanRule(r, `plan.rules[${i}]`, ctx)));
  }
  return issues;
}
