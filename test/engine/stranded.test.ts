import { describe, expect, it } from 'vitest';
import { Exercise, runHeadless, replay, makeLog, eventsToJsonl, createReducerLayer } from '../../engine/index.ts';
import { bundled } from '../helpers/scenario.ts';

// Typhoon runs (the scenario's own plan) in which a tree crew's way back to its depot is cut
// while it works: before, the infinite travel time reached the scheduler and the run threw.
const SEEDS = [490, 536, 604, 1006];

describe('a team whose way back is cut waits for a road instead of an infinite timer', () => {
  const sc = bundled('typhoon');

  it.each(SEEDS)('typhoon seed %i runs to its end, the team stranded and then back once a road opens', (seed) => {
    const ex = runHeadless(sc, { seed });
    const ev = ex.events;
    expect(ev[ev.length - 1].type).toBe('exercise.ended');
    const stranded = ev.filter((e) => e.type === 'team.stranded');
    expect(stranded.length).toBeGreaterThan(0);
    for (const s of stranded) {
      const team = s.data.team as string;
      const msg = s.data.message as { zh: string; en: string };
      expect(msg.zh).toMatch(/道路不通/);
      expect(msg.en).toMatch(/no road back/);
      // Just before: the team set off home with no ETA (no road).
      const ret = ev.slice(0, s.seq).reverse().find((e) => e.type === 'team.returning' && e.data.team === team)!;
      expect(ret.data.etaMin).toBeNull();
      // It does not reach its base until a road opens (or it is sent elsewhere first).
      const next = ev.slice(s.seq + 1).find((e) => e.data.team === team && ['team.resting', 'team.return-resumed', 'team.mobilizing', 'team.en-route'].includes(e.type));
      if (next?.type === 'team.return-resumed') {
        expect(Number.isFinite(next.data.etaMin)).toBe(true);
        const rest = ev.slice(next.seq + 1).find((e) => e.data.team === team && e.type === 'team.resting');
        if (rest) expect(rest.t).toBeCloseTo(next.t + (next.data.etaMin as number), 2);
      } else if (next) expect(next.type).not.toBe('team.resting');
      else expect(ex.state.teams[team].lc.value).toBe('returning');
    }
  });

  it('both lifecycle layers, replay and a restored snapshot give the identical stream', () => {
    for (const seed of SEEDS) {
      const a = runHeadless(sc, { seed });
      const text = eventsToJsonl(a.events);
      expect(eventsToJsonl(runHeadless(sc, { seed, layer: createReducerLayer() }).events), `seed ${seed}`).toBe(text);
      expect(eventsToJsonl(replay(sc, JSON.parse(JSON.stringify(makeLog(a, sc.data.duration)))).events)).toBe(text);
      // Cut the run while the team is stranded and go on from a snapshot.
      const at = a.events.find((e) => e.type === 'team.stranded')!.t + 1;
      const first = new Exercise(sc, { seed });
      first.start();
      first.advanceTo(at);
      const resumed = Exercise.restore(sc, first.snapshot(), { events: [...first.events] });
      resumed.runToEnd();
      expect(eventsToJsonl(resumed.events), `restored, seed ${seed}`).toBe(text);
    }
  });

  it('a stranded team can be sent on from where it is; a dispatch to a place with no road is refused', () => {
    const seed = 1006;
    const probe = runHeadless(sc, { seed });
    const s = probe.events.find((e) => e.type === 'team.stranded')!;
    const team = s.data.team as string;
    const owner = sc.data.teams.find((t) => t.id === team)!.owner;
    const ex = new Exercise(sc, { seed });
    ex.start();
    ex.advanceTo(s.t);
    expect(ex.state.teams[team].stranded).toBeDefined();
    // Its own base is cut off from where it stands: refused, as any order to an unreachable place.
    const home = ex.submit(owner, { type: 'dispatch', team, place: sc.data.teams.find((t) => t.id === team)!.base });
    expect(home.ok).toBe(false);
    expect(home.ok ? '' : home.reason).toMatch(/no road/);
    // A reachable place: it goes, and the withheld return is forgotten.
    const reachable = sc.data.places.map((p) => p.id).find((p) => p !== s.data.at && Number.isFinite(ex.travelMinutes(String(s.data.at), p)))!;
    expect(reachable).toBeDefined();
    const r = ex.submit(owner, { type: 'dispatch', team, place: reachable });
    expect(r.ok).toBe(true);
    expect(ex.state.teams[team].stranded).toBeUndefined();
    ex.runToEnd();
    expect(ex.events[ex.events.length - 1].type).toBe('exercise.ended');
    expect(ex.events.filter((e) => e.seq > r.seq! && e.type === 'team.return-resumed' && e.data.team === team && e.data.at === s.data.at)).toHaveLength(0);
  });
});
