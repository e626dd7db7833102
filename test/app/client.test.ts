// The browser-side helpers without a browser: the SSE reader against a real HTTP server (with a
// dropped connection and a resume by Last-Event-ID), sim-time labels, the situation folded from
// a real engine run, and a readable bilingual line for every event the engine emits.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadless } from '../../engine/index.ts';
import { bundled } from '../helpers/scenario.ts';
import { EVENT_LABELS, type Lang } from '../../src/lib/i18n.ts';
import { describeEvent, describeCommand } from '../../src/lib/client/describe.ts';
import { makeNames } from '../../src/lib/client/names.ts';
import { foldSituation } from '../../src/lib/client/situation.ts';
import { simLabel, wallClock } from '../../src/lib/client/simtime.ts';
import { openStream, parseBlock, type StreamState } from '../../src/lib/client/stream.ts';
import type { DomainEvent, View } from '../../src/lib/client/types.ts';

describe('parseBlock', () => {
  it('reads the event name, the id and multi-line data, and skips comments', () => {
    expect(parseBlock(': emit=1\nevent: event\nid: 7\ndata: {"a":\ndata: 1}')).toEqual({ event: 'event', data: '{"a":\n1}', id: '7', retry: null });
    expect(parseBlock('data:plain')).toEqual({ event: 'message', data: 'plain', id: null, retry: null });
    expect(parseBlock(': only a comment')).toBeNull();
    expect(parseBlock('retry: 250\nid: 3')).toEqual({ event: 'message', data: '', id: '3', retry: 250 });
  });
});

describe('openStream', () => {
  // A real SSE server: the first connection sends seq 0 and 1 and then drops; a reconnection
  // must say Last-Event-ID: 1 and gets seq 2.
  const seen: (string | null)[] = [];
  let server: http.Server;
  let url = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push((req.headers['last-event-id'] as string | undefined) ?? null);
      // The page names its role; its HttpOnly cookie (not a token it could read) authenticates it.
      expect(req.headers['x-yanlian-role']).toBe('district-tiexi');
      expect(req.headers.authorization).toBeUndefined();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const after = req.headers['last-event-id'] === undefined ? -1 : Number(req.headers['last-event-id']);
      const send = (seq: number) => res.write(`: emit=0\nevent: event\nid: ${seq}\ndata: ${JSON.stringify({ seq, t: seq, type: 'x', audience: 'all', data: {} })}\n\n`);
      if (after < 1) {
        send(0);
        send(1);
        res.end(); // dropped, as when the server restarts
      } else {
        send(after + 1);
        res.write(`event: clock\ndata: {"t":5,"status":"running","speed":10,"clock":"running"}\n\n`);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reconnects after a drop and resumes after the last event it received', async () => {
    const got: number[] = [];
    const states: StreamState[] = [];
    let clock: unknown = null;
    const stream = openStream({
      url,
      role: 'district-tiexi',
      maxBackoffMs: 50,
      handlers: {
        state: (s) => states.push(s),
        message: (name, data) => {
          if (name === 'event') got.push((data as DomainEvent).seq);
          if (name === 'clock') clock = data;
        }
      }
    });
    await expect.poll(() => clock, { timeout: 10_000 }).not.toBeNull();
    stream.close();
    expect(got).toEqual([0, 1, 2]);
    expect(seen.slice(0, 2)).toEqual([null, '1']);
    expect(stream.lastEventId()).toBe('2');
    expect(states).toContain('reconnecting');
    expect(clock).toEqual({ t: 5, status: 'running', speed: 10, clock: 'running' });
  });
});

describe('sim-time labels', () => {
  it('shows sim-minutes the engine way and the scenario clock in its own offset', () => {
    expect(simLabel(90)).toBe('T+01:30');
    expect(simLabel(1530)).toBe('T+D1+01:30');
    expect(wallClock('2026-07-15T07:00:00+08:00', 90)).toBe('07-15 08:30');
    expect(wallClock('2026-07-15T23:30:00+08:00', 45)).toBe('07-16 00:15');
    expect(wallClock('2026-03-15T02:00:00Z', 0)).toBe('03-15 02:00');
    expect(wallClock(undefined, 10)).toBe('');
  });
});

describe('the situation and event lines of a real chemical-leak run', () => {
  const scenario = bundled('chemical-leak');
  const ex = runHeadless(scenario, { seed: 3 });
  const events = ex.events as DomainEvent[];
  const d = scenario.data;
  const view = {
    exercise: { id: 'x', name: 'x', scenario: d.id, seed: 3, t: 0, status: 'running', speed: 10, clock: 'running' },
    role: 'facilitator',
    seats: d.seats.map((s) => ({ id: s.id, name: s.name, tier: s.tier })),
    map: {
      districts: { type: 'FeatureCollection', features: scenario.world.districts.map((x) => ({ type: 'Feature', properties: { id: x.id, name: { zh: x.nameZh, en: x.nameEn } }, geometry: { type: 'MultiPolygon', coordinates: x.geometry } })) },
      places: d.places.map((p) => ({ id: p.id, name: p.name, at: p.at, district: p.district })),
      roads: [],
      facilities: d.facilities.map((f) => ({ id: f.id, kind: f.kind, name: f.name, place: f.place }))
    },
    teams: d.teams.map((t) => ({ id: t.id, name: t.name, type: t.type, owner: t.owner, status: 'available', location: t.base })),
    events: [],
    orderOptions: {}
  } as unknown as View;
  const plant = (f: string) => d.facilities.find((x) => x.id === f)?.place ?? null;

  it('folds incidents, exposure, the plume and team moves from the events', () => {
    const s = foldSituation(events, view.teams, plant);
    expect(s.incidents.map((i) => [i.id, i.status, i.place])).toContainEqual(['leak', 'closed', 'plant']);
    expect(s.aegl['210106']?.level).toBeGreaterThanOrEqual(1);
    expect(s.plume?.place).toBe('plant-gate');
    expect(s.plume?.reachM).toHaveLength(3);
    // After the run every team that went out has come back and is available at its base.
    for (const t of s.teams) expect(t.status).toBe('available');
    const brigade = s.teams.find((t) => t.id === 'plant-brigade')!;
    expect(brigade.at).toBe('plant-gate');

    // Half-way through the first deployment the brigade is on scene at the plant.
    const arrived = events.find((e) => e.type === 'team.arrived' && e.data.team === 'plant-brigade')!;
    const early = foldSituation(events.filter((e) => e.seq <= arrived.seq), view.teams, plant);
    expect(early.teams.find((t) => t.id === 'plant-brigade')).toMatchObject({ status: 'onScene', at: 'plant' });
  });

  it('gives every event type a label and a readable line in both languages', () => {
    const types = new Set(events.map((e) => e.type));
    for (const lang of ['zh', 'en'] as Lang[]) {
      const names = makeNames(view, events, lang);
      for (const type of types) expect(EVENT_LABELS[type]?.[lang], `label of ${type}`).toBeTruthy();
      for (const e of events) {
        const line = describeEvent(e, names);
        expect(line, `${e.type} #${e.seq}`).not.toMatch(/undefined|NaN|\[object Object\]/);
        if (e.type !== 'response.inversion-resolved') expect(line.length, `${e.type} #${e.seq}`).toBeGreaterThan(0);
      }
    }
    const zh = makeNames(view, events, 'zh');
    expect(describeCommand({ type: 'dispatch', team: 'fire-zhangshi', incident: 'leak' }, zh)).toBe('派遣队伍: 张士特勤消防站 → 液氨球罐出液管断裂泄漏');
    const en = makeNames(view, events, 'en');
    expect(describeCommand({ type: 'issue-warning', districts: ['210106'], colour: 'orange' }, en)).toBe('Issue a warning: orange · Tiexi District');
  });
});

describe('a plan order waiting for a team', () => {
  it('names the rule, the busy teams, the incident and until when it waits, in both languages', () => {
    const scenario = bundled('typhoon');
    const events = runHeadless(scenario, { seed: 2 }).events as DomainEvent[];
    const view = { seats: scenario.data.seats.map((s) => ({ id: s.id, name: s.name, tier: s.tier })), teams: scenario.data.teams.map((t) => ({ id: t.id, name: t.name })), map: { places: scenario.data.places, facilities: scenario.data.facilities, districts: { features: [] } }, orderOptions: {} } as unknown as View;
    const waiting = events.find((e) => e.type === 'plan.rule-unstaffed' && typeof e.data.waitUntil === 'number')!;
    const zh = describeEvent(waiting, makeNames(view, events, 'zh'));
    const en = describeEvent(waiting, makeNames(view, events, 'en'));
    const until = simLabel(waiting.data.waitUntil as number);
    expect(zh).toMatch(/^clear-roads · 园林清障队 均无空闲 · .+ · 排队等候至 T\+/);
    expect(en).toMatch(/^clear-roads · Tree-clearing crew all busy · .+ · waits until T\+/);
    expect(en.endsWith(until)).toBe(true);
    expect(zh.endsWith(until)).toBe(true);
  });
});

describe('typhoon lines read in the reader\'s language', () => {
  it('name the river by its name and say the field units in Chinese', () => {
    const scenario = bundled('typhoon');
    const events = runHeadless(scenario, { seed: 2, until: 960 }).events as DomainEvent[];
    const view = { seats: [], teams: [], map: { places: scenario.data.places, facilities: scenario.data.facilities, rivers: scenario.data.rivers.map((r) => ({ id: r.id, name: r.name })), districts: { features: [] } }, orderOptions: {} } as unknown as View;
    const zh = makeNames(view, events, 'zh');
    const update = events.filter((e) => e.type === 'hazard.typhoon' && Object.keys((e.data.riverStageM ?? {}) as object).length > 0).at(-1)!;
    const river = scenario.data.rivers.find((r) => r.catchment)!;
    expect(describeEvent(update, zh)).toContain(`河道水位 ${river.name.zh} `);
    const rain = events.find((e) => e.type === 'hazard.field' && e.data.kind === 'rain')!;
    expect(describeEvent(rain, zh)).toMatch(/^降雨: 最大 [\d.,]+ mm（过程累计） \(\d+ 个区县\)$/);
  });
});

describe('a report up the chain', () => {
  it('names the incident it is about, its free text, or both', () => {
    const scenario = bundled('earthquake');
    const events = runHeadless(scenario, { seed: 3, until: 240 }).events as DomainEvent[];
    const view = { seats: scenario.data.seats.map((s) => ({ id: s.id, name: s.name, tier: s.tier })), teams: [], map: { places: scenario.data.places, facilities: scenario.data.facilities, districts: { features: [] } }, orderOptions: {} } as unknown as View;
    const en = makeNames(view, events, 'en');
    const aboutIncident = events.find((e) => e.type === 'report.received' && e.data.incident && !e.data.text)!;
    expect(describeEvent(aboutIncident, en)).toMatch(/ → City earthquake special HQ: \S/);
    const freeText = events.find((e) => e.type === 'report.received' && !e.data.incident && e.data.text)!;
    expect(describeEvent(freeText, en)).toMatch(/: A boarding-school dormitory has partly collapsed/);
  });
});

describe.each(['earthquake', 'typhoon'])('event lines of a %s run', (id) => {
  it('labels every event type and describes every event without gaps, in both languages', () => {
    const scenario = bundled(id);
    const ex = runHeadless(scenario, { seed: 1, until: 360 });
    const events = ex.events as DomainEvent[];
    const view = { seats: scenario.data.seats.map((s) => ({ id: s.id, name: s.name, tier: s.tier })), teams: [], map: { places: scenario.data.places, facilities: scenario.data.facilities, districts: { features: [] } }, orderOptions: {} } as unknown as View;
    for (const lang of ['zh', 'en'] as Lang[]) {
      const names = makeNames(view, events, lang);
      for (const type of new Set(events.map((e) => e.type))) expect(EVENT_LABELS[type]?.[lang], `label of ${type}`).toBeTruthy();
      for (const e of events) expect(describeEvent(e, names), `${e.type} #${e.seq}`).not.toMatch(/undefined|NaN|\[object Object\]/);
    }
    // The hazard field reaches the map: shaking or wind, rain and standing water per district.
    const s = foldSituation(events, [], () => null);
    expect(Object.keys(s.fields).length).toBeGreaterThan(0);
  });
});
