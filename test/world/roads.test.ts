import { describe, expect, it } from 'vitest';
import { allTravelTimes, shortestTravel, type RoadEdge } from '../../engine/world/index.ts';

//      5       5
//   A ─── B ─── D        A→D: A-B-D = 10, A-C-D = 10 (a tie), A-D = 12
//    \    4    6 /       E is joined only to D.
//     └── C ───┘   A-D direct 12, D-E 3
const edges: RoadEdge[] = [
  { id: 'ad', from: 'A', to: 'D', minutes: 12 },
  { id: 'cd', from: 'D', to: 'C', minutes: 6 }, // listed backwards: edges are undirected
  { id: 'ac', from: 'A', to: 'C', minutes: 4 },
  { id: 'bd', from: 'B', to: 'D', minutes: 5 },
  { id: 'ab', from: 'A', to: 'B', minutes: 5 },
  { id: 'de', from: 'D', to: 'E', minutes: 3 },
];
const cut = (ids: string[]) => (e: RoadEdge) => (ids.includes(e.id) ? Infinity : 1);

describe('shortestTravel', () => {
  it('breaks the A-B-D / A-C-D tie by the smaller predecessor id (B < C)', () => {
    expect(shortestTravel(edges, 'A', 'D')).toEqual({ minutes: 10, path: ['A', 'B', 'D'], edges: ['ab', 'bd'] });
  });

  it('gives the same answer whatever order the edges are listed in', () => {
    expect(shortestTravel([...edges].reverse(), 'A', 'D')).toEqual(shortestTravel(edges, 'A', 'D'));
  });

  it('goes round a cut road', () => {
    expect(shortestTravel(edges, 'A', 'D', cut(['bd']))).toEqual({
      minutes: 10,
      path: ['A', 'C', 'D'],
      edges: ['ac', 'cd'],
    });
    expect(shortestTravel(edges, 'A', 'E', cut(['bd', 'cd']))).toEqual({
      minutes: 15,
      path: ['A', 'D', 'E'],
      edges: ['ad', 'de'],
    });
  });

  it('multiplies minutes by the factor (congestion on A-B makes A-C-D strictly best)', () => {
    const slow = (e: RoadEdge) => (e.id === 'ab' ? 1.5 : 1); // 7.5 + 5 = 12.5 > 10
    expect(shortestTravel(edges, 'A', 'D', slow)).toMatchObject({ minutes: 10, path: ['A', 'C', 'D'] });
  });

  it('travels the other way along the same edges', () => {
    expect(shortestTravel(edges, 'E', 'A')).toEqual({ minutes: 13, path: ['E', 'D', 'B', 'A'], edges: ['de', 'bd', 'ab'] });
  });

  it('returns null when every route is cut or a node is unknown', () => {
    expect(shortestTravel(edges, 'A', 'E', cut(['de']))).toBeNull();
    expect(shortestTravel(edges, 'A', 'Z')).toBeNull();
    expect(shortestTravel(edges, 'Z', 'A')).toBeNull();
  });

  it('is zero from a node to itself', () => {
    expect(shortestTravel(edges, 'C', 'C')).toEqual({ minutes: 0, path: ['C'], edges: [] });
  });

  it('picks the lower edge id between parallel equal-time edges', () => {
    const parallel: RoadEdge[] = [
      { id: 'z', from: 'P', to: 'Q', minutes: 2 },
      { id: 'm', from: 'Q', to: 'P', minutes: 2 },
    ];
    expect(shortestTravel(parallel, 'P', 'Q')?.edges).toEqual(['m']);
  });

  it('rejects negative minutes and factors', () => {
    expect(() => shortestTravel([{ id: 'x', from: 'P', to: 'Q', minutes: -1 }], 'P', 'Q')).toThrow(RangeError);
    expect(() => shortestTravel(edges, 'A', 'D', () => -1)).toThrow(RangeError);
    expect(() => shortestTravel(edges, 'A', 'D', () => NaN)).toThrow(RangeError);
  });
});

describe('allTravelTimes', () => {
  it('gives every reachable node in settle order (time, then id)', () => {
    const t = allTravelTimes(edges, 'A');
    expect([...t.entries()]).toEqual([
      ['A', 0],
      ['C', 4],
      ['B', 5],
      ['D', 10],
      ['E', 13],
    ]);
  });

  it('leaves out nodes cut off from the start', () => {
    const t = allTravelTimes(edges, 'A', cut(['ad', 'bd', 'cd']));
    expect([...t.keys()]).toEqual(['A', 'C', 'B']);
    expect(t.get('D') ?? Infinity).toBe(Infinity);
  });
});
