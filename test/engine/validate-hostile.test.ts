/**
 * Hostile scenarios, made by mutating the bundled ones: everything a run would trip over is
 * refused when the scenario loads, with the file and the field path; what is legal but probably
 * wrong is a warning kept on the scenario. Each case of issue #9 has its test here (the CLI's
 * own cases are in test/cli/validate.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadScenario, InputFileError, runHeadless, parsePlanText, checkPlanAgainst, EVENT_FIELDS, MAX_GRID_CELLS, type Scenario } from '../../engine/index.ts';
import { SCENARIOS, readScenarioText } from '../helpers/scenario.ts';

// Parsed YAML, edited freely by the tests.
type Doc = Record<string, any>;

const FILE = (id: string) => join(SCENARIOS, `${id}.yaml`);
const readRef = (id: string) => (p: string) => readFileSync(resolve(dirname(FILE(id)), p), 'utf8');

/** A bundled scenario with its parsed document edited (written back as JSON, which is YAML), and optionally its map files. */
function load(id: string, edit: (d: Doc) => void = () => {}, files: { districts?: (fc: Doc) => void; population?: (rows: Doc[]) => void } = {}): Scenario {
  const doc = parse(readScenarioText(id)) as Doc;
  edit(doc);
  const read = readRef(id);
  return loadScenario(JSON.stringify(doc), FILE(id), (p) => {
    const text = read(p);
    if (p === doc.map.districts && files.districts) { const fc = JSON.parse(text); files.districts(fc); return JSON.stringify(fc); }
    if (p === doc.map.population && files.population) { const rows = JSON.parse(text); files.population(rows); return JSON.stringify(rows); }
    return text;
  });
}

function issues(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputFileError) {
      expect(e.file).toMatch(/scenarios\/(chemical-leak|typhoon|earthquake)\.yaml$/);
      return e.issues;
    }
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

function refusedText(text: string, path: string, message: RegExp): void {
  refused(() => loadScenario(text, FILE('earthquake'), readRef('earthquake')), path, message);
}

/** Refused with an issue at exactly this path whose message matches. */
function refused(fn: () => unknown, path: string, message: RegExp): void {
  const got = issues(fn);
  const hit = got.find((i) => i.path === path);
  expect(hit, `no issue at ${path}; got ${JSON.stringify(got)}`).toBeDefined();
  expect(hit!.message).toMatch(message);
}

describe('earthquake building stock', () => {
  it('an unknown building class is refused naming the district and the class', () => {
    refused(() => load('earthquake', (d) => { d.earthquake.buildings['210102'] = { 'confined-masonry': 0.5, 'steel-igloo': 0.5 }; }),
      'earthquake.buildings.210102.steel-igloo', /unknown building class "steel-igloo" \(district "210102"\); expected one of: .*urm-low/);
  });
  it('a mix that does not sum to 1 is refused naming the district', () => {
    refused(() => load('earthquake', (d) => { d.earthquake.buildings['210103']['rc-frame'] = 0.05; }),
      'earthquake.buildings.210103', /shares of district "210103" sum to 0\.9; expected 1/);
  });
});

describe('cascade rules: every reference in an effect, unique ids', () => {
  const firstSpawn = (d: Doc) => d.cascades.find((r: Doc) => r.effects.some((e: Doc) => e.spawn));
  it('spawn.at naming an unknown place', () => {
    refused(() => load('typhoon', (d) => { firstSpawn(d).effects.find((e: Doc) => e.spawn).spawn.at = 'atlantis'; }),
      pathOfFirstSpawn('typhoon', 'spawn.at'), /unknown place or facility "atlantis"/);
  });
  it('spawn.reportTo naming an unknown seat', () => {
    refused(() => load('typhoon', (d) => { firstSpawn(d).effects.find((e: Doc) => e.spawn).spawn.reportTo = 'nobody'; }),
      pathOfFirstSpawn('typhoon', 'spawn.reportTo'), /unknown seat "nobody"/);
  });
  it('road.ids naming an unknown road', () => {
    refused(() => load('typhoon', (d) => { d.cascades[0].effects.push({ road: { ids: ['r-hq-flood', 'no-such-road'], blocked: true } }); }),
      `cascades[0].effects[${effectCount('typhoon', 0)}].road.ids[1]`, /unknown road "no-such-road"; expected one of: r-hq-drainage/);
  });
  it('release.id naming an unknown release', () => {
    refused(() => load('typhoon', (d) => { d.cascades[0].effects.push({ release: { id: 'vapour' } }); }),
      `cascades[0].effects[${effectCount('typhoon', 0)}].release.id`, /unknown release "vapour"; expected one of: tankfarm-leak/);
  });
  it('facility.id naming an unknown facility', () => {
    refused(() => load('typhoon', (d) => { d.cascades[0].effects.push({ facility: { id: 'sub-mars', status: 'offline' } }); }),
      `cascades[0].effects[${effectCount('typhoon', 0)}].facility.id`, /unknown facility "sub-mars"/);
  });
  it('a duplicate rule id', () => {
    refused(() => load('typhoon', (d) => { d.cascades[1].id = d.cascades[0].id; }), 'cascades[1].id', /duplicate cascade rule id ".+" \(also cascades\[0\]\)/);
  });
  it('a duplicate road id', () => {
    refused(() => load('typhoon', (d) => { d.roads[1].id = d.roads[0].id; }), 'roads[1].id', /duplicate road id "r-hq-drainage"/);
  });
});

function cascadeDoc(id: string): Doc[] {
  return (parse(readScenarioText(id)) as Doc).cascades;
}
function effectCount(id: string, rule: number): number {
  return cascadeDoc(id)[rule].effects.length;
}
function pathOfFirstSpawn(id: string, field: string): string {
  const rules = cascadeDoc(id);
  const i = rules.findIndex((r) => r.effects.some((e: Doc) => e.spawn));
  return `cascades[${i}].effects[${rules[i].effects.findIndex((e: Doc) => e.spawn)}].${field}`;
}

describe('bounds: durations, ticks, the grid', () => {
  it('a duration of 400 digits is refused (it ran 15 s and 1.6 GB before)', () => {
    refused(() => load('chemical-leak', (d) => { d.duration = '9'.repeat(400); }), 'duration', /expected at most 43200 min \(30 days\)/);
    refused(() => load('chemical-leak', (d) => { d.duration = `${'9'.repeat(400)}h`; }), 'duration', /at most 43200/);
  });
  it('a duration just over 30 days is refused, 30 days is accepted', () => {
    refused(() => load('chemical-leak', (d) => { d.duration = '30.01d'; }), 'duration', /at most 43200/);
    expect(load('chemical-leak', (d) => { d.duration = '30d'; }).data.duration).toBe(43200);
  });
  it('a delay inside a plan is bounded too', () => {
    refused(() => load('chemical-leak', (d) => { d.plan = { id: 'p', name: { zh: '预案', en: 'Plan' }, rules: [{ id: 'r', when: { at: '9'.repeat(400) }, by: 'district-tiexi', do: { type: 'report-up' } }] }; }),
      'plan.rules[0].when.at', /at most 43200/);
    refused(() => load('chemical-leak', (d) => { d.plan = { id: 'p', name: { zh: '预案', en: 'Plan' }, rules: [{ id: 'r', when: { at: '1h' }, after: '99999999d', by: 'district-tiexi', do: { type: 'report-up' } }] }; }),
      'plan.rules[0].after', /at most 43200/);
  });
  it('physics.tick, typhoon.tick, earthquake.tick of 0 are refused (they hung)', () => {
    refused(() => load('chemical-leak', (d) => { d.physics.tick = 0; }), 'physics.tick', /at least 1 min, got 0/);
    refused(() => load('typhoon', (d) => { d.typhoon.tick = 0; }), 'typhoon.tick', /at least 1 min/);
    refused(() => load('earthquake', (d) => { d.earthquake.tick = '0min'; }), 'earthquake.tick', /at least 1 min/);
    refused(() => load('chemical-leak', (d) => { d.physics.tick = '30s'; }), 'physics.tick', /at least 1 min, got 0\.5 min/);
  });
  it('a grid of 100 km at 20 m is refused with the limit and the count asked for', () => {
    refused(() => load('chemical-leak', (d) => { d.map.grid.halfWidth = '50km'; d.map.grid.cellSize = '20m'; }),
      'map.grid', new RegExp(`asks for 5000 × 5000 = 25000000 cells .*expected at most ${MAX_GRID_CELLS} cells`));
  });
  it('a 1-minute tick over the largest grid for 30 days is refused by the plume-sample budget (it ran for minutes)', () => {
    refused(() => load('chemical-leak', (d) => { d.physics.tick = 1; d.map.grid.cellSize = '40m'; d.duration = '30d'; }),
      'physics.tick', /43200 physics ticks .* × 250000 grid cells = 1\.08e\+10 plume samples; expected at most 1e\+9/);
    // Without a release there is no plume: the same grid and tick are fine.
    expect(load('earthquake', (d) => { d.physics = { tick: 1 }; d.map.grid.cellSize = '100m'; d.duration = '30d'; delete d.plan; d.releases = []; d.cascades = d.cascades.filter((c: Doc) => !c.effects.some((e: Doc) => e.release)); }).data.physics.tick).toBe(1);
  });
  it('cellSize 0 and halfWidth 0 are refused', () => {
    refused(() => load('chemical-leak', (d) => { d.map.grid.cellSize = 0; }), 'map.grid.cellSize', /above 0/);
    refused(() => load('chemical-leak', (d) => { d.map.grid.halfWidth = '0km'; }), 'map.grid.halfWidth', /above 0/);
  });
  it('physical ranges: wind speed, tank mass, magnitude, depth, coordinates', () => {
    refused(() => load('chemical-leak', (d) => { d.weather.fixes[0].windSpeed = 500; }), 'weather.fixes[0].windSpeed', /<=100/);
    refused(() => load('chemical-leak', (d) => { d.facilities[0].tanks[0].massKg = 1e300; }), 'facilities[0].tanks[0].massKg', /<=100000000/);
    refused(() => load('earthquake', (d) => { d.earthquake.magnitude = 12; }), 'earthquake.magnitude', /<=9/);
    refused(() => load('earthquake', (d) => { d.earthquake.depthKm = -3; }), 'earthquake.depthKm', />0/);
    refused(() => load('chemical-leak', (d) => { d.places[0].at = [523.4, 41.8]; }), 'places[0].at[0]', /<=180/);
    refused(() => load('chemical-leak', (d) => { d.teams[0].size = 1e9; }), 'teams[0].size', /<=10000/);
  });
  it('lists are bounded (some checks compare pairs or walk chains)', () => {
    refused(() => load('chemical-leak', (d) => { d.seats = Array.from({ length: 1001 }, (_, i) => ({ ...d.seats[1], id: `s${i}`, parent: i ? `s${i - 1}` : undefined })); }), 'seats', /<=1000/);
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { fc.features = Array.from({ length: 5001 }, () => fc.features[0]); } }), 'map.districts', /5001 features; expected at most 5000 districts/);
  });
  it('an aftershock floor at or above the mainshock is refused (the sampler threw)', () => {
    refused(() => load('earthquake', (d) => { d.earthquake.aftershocks = { minMagnitude: 6 }; }), 'earthquake.aftershocks.minMagnitude', /below the mainshock's magnitude − 0\.1 \(5\.9\)/);
  });
});

describe('typhoon track', () => {
  const fix = (time: string, lat: number) => ({ time, lat, lon: 123, pressureHpa: 975, vmaxMs: 30 });
  it('a start time that is no real date is refused (it threw at the first tick)', () => {
    refused(() => load('typhoon', (d) => { d.typhoon.trackTimeAtStart = '2020-02-31T00:00:00Z'; }), 'typhoon.trackTimeAtStart', /"2020-02-31T00:00:00Z" is not a real UTC time: day out of range/);
  });
  it('inline fixes out of order, or with no real date, are refused', () => {
    refused(() => load('typhoon', (d) => { d.typhoon.track = [fix('2020-08-27T06:00:00Z', 40), fix('2020-08-26T06:00:00Z', 38)]; }), 'typhoon.track[1].time', /increasing time order/);
    refused(() => load('typhoon', (d) => { d.typhoon.track = [fix('2020-08-26T06:00:00Z', 38), fix('2020-13-01T06:00:00Z', 40)]; }), 'typhoon.track[1].time', /month out of range/);
  });
  it('a scenario start time that is no real date is refused', () => {
    refused(() => load('chemical-leak', (d) => { d.startTime = '2026-02-30T08:00:00+08:00'; }), 'startTime', /is not a real date and time/);
    refused(() => load('chemical-leak', (d) => { d.startTime = '2026-07-15T24:00:00+08:00'; }), 'startTime', /is not a real date and time/);
    expect(load('chemical-leak', (d) => { d.startTime = '2028-02-29T08:00:00+08:00'; }).data.startTime).toBe('2028-02-29T08:00:00+08:00');
  });
  it('a track that does not overlap the scenario is a warning', () => {
    const s = load('typhoon', (d) => { d.typhoon.trackTimeAtStart = '1990-01-01T00:00:00Z'; });
    expect(s.warnings).toContainEqual({ file: FILE('typhoon'), path: 'typhoon.trackTimeAtStart', message: expect.stringMatching(/does not overlap .* the storm never appears/) });
  });
});

describe('map files: what buildWorld needs, checked with a clear message', () => {
  it('a feature with geometry: null', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { fc.features[2].geometry = null; } }), 'map.districts', /features\[2\]\.geometry: district "\d+" needs a Polygon or MultiPolygon geometry, got null/);
  });
  it('a feature with properties: null', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { fc.features[0].properties = null; } }), 'map.districts', /features\[0\]\.properties: expected an object/);
  });
  it('bad coordinates inside a geometry', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { fc.features[1].geometry.coordinates = [[['a', 'b']]]; } }), 'map.districts', /features\[1\]\.geometry\.coordinates/);
  });
  it('a duplicate district', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { fc.features.push(fc.features[0]); } }), 'map.districts', /duplicate district "210102"/);
  });
  it('a district without area_km2', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { delete fc.features[3].properties.area_km2; delete fc.features[3].properties.area_km2_computed; } }),
      'map.districts', /features\[3\]\.properties\.area_km2: district "\d+" needs its area in km²/);
  });
  it('a district without its id property', () => {
    refused(() => load('chemical-leak', (d) => { d.map.idProperty = 'code'; }), 'map.districts', /features\[0\]\.properties\.code: missing/);
  });
  it('population -1, a string, missing, a duplicate row', () => {
    refused(() => load('chemical-leak', undefined, { population: (rows) => { rows[0].population = -1; } }), 'map.population', /\[0\]\.population: expected a number of people from 0 .*got -1/);
    refused(() => load('chemical-leak', undefined, { population: (rows) => { rows[1].population = 'many'; } }), 'map.population', /\[1\]\.population: .*got "many"/);
    refused(() => load('chemical-leak', undefined, { population: (rows) => { delete rows[2].population; } }), 'map.population', /\[2\]\.population/);
    refused(() => load('chemical-leak', undefined, { population: (rows) => { rows.push({ ...rows[0] }); } }), 'map.population', /duplicate district "210102"/);
  });
  it('not a FeatureCollection, not an array', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { delete fc.features; } }), 'map.districts', /expected a GeoJSON FeatureCollection/);
    refused(() => load('chemical-leak', undefined, { population: (rows) => { rows.length = 0; (rows as unknown as Doc).x = 1; } }), 'map.population', /no population for district/);
  });
});

describe('ids', () => {
  it('refuses Object.prototype names for any id, with the path', () => {
    refused(() => load('chemical-leak', (d) => { d.teams[0].id = 'constructor'; }), 'teams[0].id', /"constructor" is a property name of every JavaScript object/);
    refused(() => load('chemical-leak', (d) => { d.places[0].id = 'toString'; }), 'places[0].id', /property name/);
    refused(() => load('typhoon', (d) => { d.cascades[0].id = 'hasOwnProperty'; }), 'cascades[0].id', /property name/);
    refused(() => load('chemical-leak', (d) => { d.injects[0].id = 'valueOf'; }), 'injects[0].id', /property name/);
    refused(() => load('chemical-leak', (d) => { d.teams[0].owner = 'prototype'; }), 'teams[0].owner', /property name/);
    // An incident kind keys the scorer's demand table: "constructor" made the report throw.
    refused(() => load('typhoon', (d) => { d.cascades[0].effects.find((e: Doc) => e.spawn).spawn.kind = 'constructor'; }), `cascades[0].effects[${cascadeDoc('typhoon')[0].effects.findIndex((e: Doc) => e.spawn)}].spawn.kind`, /property name/);
  });
  it('refuses a "__proto__" key anywhere (a building mix keyed by it was silently dropped)', () => {
    const text = readScenarioText('earthquake').replace('  buildings:\n', '  buildings:\n    "__proto__": { urm-low: 1 }\n');
    refusedText(text, 'earthquake.buildings.__proto__', /a key named "__proto__" is refused/);
  });
  it('refuses a district id that is an Object.prototype name', () => {
    refused(() => load('chemical-leak', undefined, { districts: (fc) => { fc.features[0].properties.adcode = 'constructor'; } }), 'map.districts', /"constructor" cannot be a district id/);
  });
  it('refuses reserved seat ids', () => {
    for (const id of ['facilitator', 'admin', 'organiser', 'organizer', 'all']) {
      refused(() => load('chemical-leak', (d) => { d.seats[1].id = id; }), 'seats[1].id', new RegExp(`"${id}" is reserved for a role of the live exercise`));
    }
  });
  it('refuses them in a plan too', () => {
    const text = readFileSync(join(SCENARIOS, 'plans', 'chemical-leak.yaml'), 'utf8').replace('- id: district-dispatch-brigade', '- id: __proto__x').replace(/- id: district-dispatch-fire/, '- id: toString');
    try {
      parsePlanText(text, 'p.yaml');
      expect.fail('expected the plan to be refused');
    } catch (e) {
      expect(e).toBeInstanceOf(InputFileError);
      expect((e as InputFileError).issues).toContainEqual({ path: 'rules[1].id', message: expect.stringMatching(/property name/) });
    }
  });
});

describe('a plan against its scenario', () => {
  const sc = () => load('chemical-leak');
  const plan = (edit: (p: Doc) => void) => {
    const p = parse(readFileSync(join(SCENARIOS, 'plans', 'chemical-leak.yaml'), 'utf8')) as Doc;
    edit(p);
    return parsePlanText(JSON.stringify(p), 'p.yaml');
  };
  const check = (edit: (p: Doc) => void) => () => { const s = sc(); return checkPlanAgainst(plan(edit), s.data, new Set(s.world.districts.map((d) => d.id)), 'p.yaml'); };
  it('unknown team, seat, district, pick, duplicate rule id are refused with the path', () => {
    const paths = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as InputFileError).issues.map((i) => i.path); } return []; };
    expect(paths(check((p) => { p.rules[0].do.team = 'ghost-team'; }))).toEqual(['rules[0].do.team']);
    expect(paths(check((p) => { p.rules[0].by = 'ghost-seat'; }))).toEqual(['rules[0].by']);
    expect(paths(check((p) => { p.rules[0].do = { type: 'issue-warning', districts: ['999999'], colour: 'red' }; }))).toEqual(['rules[0].do.districts[0]']);
    expect(paths(check((p) => { p.rules[0].pick = ['plant-brigade', 'ghost-team']; }))).toEqual(['rules[0].pick[1]']);
    expect(paths(check((p) => { p.rules[1].id = p.rules[0].id; }))).toEqual(['rules[1].id']);
  });
  it('a trigger on an event type or field the engine never emits is a warning listing the known ones', () => {
    const w = check((p) => { p.rules[0].when = { event: 'incident.reportd', match: { incident: 'leak' } }; p.rules[1].when.match = { incidnt: 'leak' }; })();
    expect(w[0]).toMatchObject({ file: 'p.yaml', path: 'rules[0].when.event' });
    expect(w[0].message).toMatch(/never emits an event "incident.reportd".*did you mean "incident.reported".*known types: exercise.started, /);
    expect(w[1]).toMatchObject({ path: 'rules[1].when.match.incidnt' });
    expect(w[1].message).toMatch(/"incident.reported" events have no field "incidnt".*their fields: incident, kind, place/);
  });
  it('the bundled plans have no warnings', () => {
    for (const id of ['chemical-leak', 'typhoon', 'earthquake']) expect(load(id).warnings.filter((w) => w.file.includes('plans'))).toEqual([]);
  });
});

describe('plan rules that fire each other in a loop', () => {
  const text = { zh: '情况', en: 'Update' };
  const withPlan = (rules: Doc[]) => (d: Doc) => {
    d.duration = '12h';
    d.plan = { id: 'p', name: { zh: '预案', en: 'Plan' }, rules: [...rules, { id: 'start', when: { at: 10 }, by: 'district-tiexi', do: { type: 'report-up', text } }] };
  };
  const onEvery = (id: string, event: string, extra: Doc = {}) => ({ id, when: { event, ...extra }, each: true, by: 'district-tiexi', do: { type: 'report-up', text } });
  it('a rule on every command.accepted that gives an order itself, with no delay, is refused (the run hung)', () => {
    refused(() => load('chemical-leak', withPlan([onEvery('echo', 'command.accepted')])), 'plan.rules[0]', /loop, each less than 1 min after the last \(echo → echo\)/);
    refused(() => load('chemical-leak', withPlan([onEvery('echo', 'plan.rule-triggered')])), 'plan.rules[0]', /echo → echo/);
  });
  it('two rules on every report that both report up multiply without end (exponential, the run hung): refused', () => {
    refused(() => load('chemical-leak', withPlan([onEvery('a', 'report.received'), onEvery('b', 'report.received')])), 'plan.rules[0]', /loop that branches \(.*\): the orders double at every turn/);
  });
  it('a single rule that repeats every report delay is refused: the run\'s plan-loop guard would end it', () => {
    refused(() => load('chemical-leak', withPlan([onEvery('again', 'report.received')])), 'plan.rules[0]', /can fire each other in a loop \(again → again\).*plan-loop guard/);
  });
  it('a match that rules out its own orders breaks the loop', () => {
    const s = load('chemical-leak', withPlan([onEvery('relay', 'command.accepted', { match: { rule: 'start' } })]));
    expect(s.warnings.filter((w) => /loop/.test(w.message))).toEqual([]);
    expect(runHeadless(s, { seed: 1 }).events.filter((e) => e.type === 'plan.rule-triggered' && e.data.rule === 'relay')).toHaveLength(1);
  });
  it('the bundled plans have no loops', () => {
    for (const id of ['chemical-leak', 'typhoon', 'earthquake']) expect(load(id).warnings.filter((w) => /loop/.test(w.message))).toEqual([]);
  });
});

describe('warnings: legal, probably wrong, kept on the scenario as data', () => {
  it('a place outside its district polygon', () => {
    const s = load('chemical-leak', (d) => { d.places[0].district = '210103'; });
    expect(s.warnings).toContainEqual({ file: FILE('chemical-leak'), path: 'places[0].at', message: expect.stringMatching(/outside its district "210103" on the map \(it lies in "210106"\)/) });
  });
  it('a grid that misses the districts of the scenario', () => {
    const s = load('chemical-leak', (d) => { d.map.grid.centre = [100, 30]; });
    expect(s.warnings).toContainEqual({ file: FILE('chemical-leak'), path: 'map.grid', message: expect.stringMatching(/covers no district/) });
    const far = load('chemical-leak', (d) => { d.map.grid.halfWidth = '2km'; });
    expect(far.warnings.find((w) => w.path === 'map.grid')?.message).toMatch(/misses districts .*"210103"/);
  });
  it('cascade rules that can spawn each other in a ring are refused: the run\'s cascade-loop guard would end it', () => {
    refused(() => load('typhoon', (d) => {
      const spawn = { spawn: { kind: 'echo', name: { zh: '回声', en: 'Echo' } } };
      d.cascades.push({ id: 'ping', name: { zh: 'a', en: 'a' }, target: { kind: 'incident', of: 'echo-back' }, when: 'minutesOpen > 10', effects: [spawn] });
      d.cascades.push({ id: 'pong', name: { zh: 'b', en: 'b' }, target: { kind: 'incident', of: 'echo' }, when: 'minutesOpen > 10', effects: [{ spawn: { ...spawn.spawn, kind: 'echo-back' } }] });
    }), `cascades[${cascadeDoc('typhoon').length}]`, /ping → pong → ping.*cascade-loop guard/);
  });
  it('cascade rules whose loop branches are refused (the incidents double at every step)', () => {
    refused(() => load('typhoon', (d) => {
      const echo = (id: string) => ({ id, name: { zh: id, en: id }, target: { kind: 'incident' }, when: 'minutesOpen >= 0', effects: [{ spawn: { kind: 'echo', name: { zh: '回声', en: 'Echo' } } }] });
      d.cascades.push(echo('ping'), echo('pong'));
    }), `cascades[${cascadeDoc('typhoon').length}]`, /loop that branches \(ping, pong\): the incidents double at every hazard step/);
  });
  it('an inject expectation waiting for an event the engine never emits', () => {
    const s = load('chemical-leak', (d) => { d.injects[0].expect = [{ seat: d.injects[0].to[0], event: { type: 'team.arived' }, within: '1h' }]; });
    expect(s.warnings).toContainEqual({ file: FILE('chemical-leak'), path: 'injects[0].expect[0].event.type', message: expect.stringMatching(/never emits an event "team.arived".*did you mean "team.arrived"/) });
  });
  it('a warning does not stop the run', () => {
    const s = load('chemical-leak', (d) => { d.places[0].district = '210103'; d.duration = '6h'; });
    expect(runHeadless(s, { seed: 1 }).events.at(-1)?.type).toBe('exercise.ended');
  });
});

describe('the list of event types', () => {
  it('holds every type and field the engine emits in the bundled scenarios', () => {
    for (const id of ['chemical-leak', 'typhoon', 'earthquake']) {
      const ex = runHeadless(load(id), { seed: 7 });
      for (const e of ex.events) {
        expect(EVENT_FIELDS, `event type "${e.type}" (${id}) is not in engine/sim/eventTypes.ts`).toHaveProperty([e.type]);
        for (const k of Object.keys(e.data)) expect(EVENT_FIELDS[e.type], `field "${k}" of "${e.type}" (${id})`).toContain(k);
      }
    }
  });
});

describe('a scenario at the limits runs to its end', () => {
  it('a 1-minute physics tick and a 500 × 500 grid load, and a short run finishes', () => {
    const s = load('chemical-leak', (d) => { d.physics.tick = 1; d.map.grid.halfWidth = '10km'; d.map.grid.cellSize = '40m'; d.duration = '2h'; });
    expect(s.world.grid.cols * s.world.grid.rows).toBe(MAX_GRID_CELLS);
    expect(runHeadless(s, { seed: 1 }).events.at(-1)?.type).toBe('exercise.ended');
  }, 120_000);
});
