// Road network as an undirected graph with travel times, and shortest travel by Dijkstra's
// algorithm (E. W. Dijkstra, "A note on two problems in connexion with graphs", 1959).
// Results are deterministic: they never depend on Map/heap internals, only on the data.

export interface RoadEdge {
  id: string;
  /** Node ids; the edge can be driven both ways. */
  from: string;
  to: string;
  /** Free-flow travel time, minutes. */
  minutes: number;
}

/**
 * Per-edge travel-time multiplier: 1 = free flow, >1 = congested or damaged,
 * Infinity = cut. Values must be ≥ 0 (Dijkstra needs non-negative weights).
 */
export type EdgeFactor = (edge: RoadEdge) => number;

export interface TravelResult {
  minutes: number;
  /** Node ids from `from` to `to`, both included. */
  path: string[];
  /** Edge ids in driving order. */
  edges: string[];
}

interface Adj {
  node: string;
  edge: RoadEdge;
  cost: number;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function buildAdjacency(edges: RoadEdge[], factor?: EdgeFactor): Map<string, Adj[]> {
  const adj = new Map<string, Adj[]>();
  const add = (a: string, adjItem: Adj) => {
    let list = adj.get(a);
    if (!list) adj.set(a, (list = []));
    list.push(adjItem);
  };
  for (const e of edges) {
    if (!(Number.isFinite(e.minutes) && e.minutes >= 0)) {
      throw new RangeError(`edge ${e.id}: minutes must be a finite number ≥ 0, got ${e.minutes}`);
    }
    const f = factor ? factor(e) : 1;
    if (Number.isNaN(f) || f < 0) throw new RangeError(`edge ${e.id}: factor must be ≥ 0 or Infinity, got ${f}`);
    // Nodes of a cut edge still exist (they may be reachable another way), the edge does not.
    if (!adj.has(e.from)) adj.set(e.from, []);
    if (!adj.has(e.to)) adj.set(e.to, []);
    if (f === Infinity) continue;
    const cost = e.minutes * f;
    add(e.from, { node: e.to, edge: e, cost });
    if (e.to !== e.from) add(e.to, { node: e.from, edge: e, cost });
  }
  // Fixed neighbour order (node id, then edge id) so parallel equal-cost edges resolve the same way
  // whatever order the caller listed them in.
  for (const list of adj.values()) {
    list.sort((p, q) => cmpStr(p.node, q.node) || cmpStr(p.edge.id, q.edge.id));
  }
  return adj;
}

/** Binary min-heap keyed by (minutes, node id): equal times are settled in node-id order. */
class Heap {
  private a: { d: number; n: string }[] = [];
  get size(): number {
    return this.a.length;
  }
  private less(i: number, j: number): boolean {
    const x = this.a[i];
    const y = this.a[j];
    return x.d < y.d || (x.d === y.d && x.n < y.n);
  }
  private swap(i: number, j: number): void {
    const t = this.a[i];
    this.a[i] = this.a[j];
    this.a[j] = t;
  }
  push(d: number, n: string): void {
    this.a.push({ d, n });
    let i = this.a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): { d: number; n: string } {
    const top = this.a[0];
    const last = this.a.pop()!;
    if (this.a.length > 0) {
      this.a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.a.length && this.less(l, m)) m = l;
        if (r < this.a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

interface Settled {
  dist: Map<string, number>;
  prev: Map<string, { node: string; edge: string }>;
}

/**
 * Dijkstra with lazy deletion. Tie-breaks: nodes are settled in (minutes, node id) order; when
 * several predecessors give a node the same time, the one with the smallest node id wins, then
 * the smallest edge id. Times are compared exactly (no tolerance), so 0.1 + 0.2 and 0.3 are not a
 * tie. With zero-minute edges a predecessor settled after the target is not considered.
 */
function dijkstra(adj: Map<string, Adj[]>, from: string, stopAt?: string): Settled {
  const dist = new Map<string, number>();
  const prev = new Map<string, { node: string; edge: string }>();
  const done = new Set<string>();
  const final = new Map<string, number>(); // filled in settle order
  const heap = new Heap();
  dist.set(from, 0);
  heap.push(0, from);
  while (heap.size > 0) {
    const { d, n } = heap.pop();
    if (done.has(n)) continue; // stale heap entry
    done.add(n);
    final.set(n, d);
    if (n === stopAt) break;
    for (const { node, edge, cost } of adj.get(n) ?? []) {
      if (done.has(node)) continue;
      const nd = d + cost;
      const old = dist.get(node);
      if (old === undefined || nd < old) {
        dist.set(node, nd);
        prev.set(node, { node: n, edge: edge.id });
        heap.push(nd, node);
      } else if (nd === old && n < prev.get(node)!.node) {
        // Equal-time route: keep the predecessor with the smaller node id. (Same predecessor via a
        // parallel edge: the lower edge id came first in the sorted list and is kept.)
        prev.set(node, { node: n, edge: edge.id });
      }
    }
  }
  // Only settled nodes: tentative times of unsettled ones are not final.
  return { dist: final, prev };
}

/**
 * Fastest route between two nodes, or null if `to` cannot be reached (unknown node, or every
 * route cut). `factor` multiplies each edge's minutes (Infinity removes the edge).
 */
export function shortestTravel(
  edges: RoadEdge[],
  from: string,
  to: string,
  factor?: EdgeFactor,
): TravelResult | null {
  const adj = buildAdjacency(edges, factor);
  if (from === to) return { minutes: 0, path: [from], edges: [] };
  if (!adj.has(from) || !adj.has(to)) return null;
  const { dist, prev } = dijkstra(adj, from, to);
  const minutes = dist.get(to);
  if (minutes === undefined) return null;
  const path: string[] = [to];
  const via: string[] = [];
  for (let cur = to; cur !== from; ) {
    const p = prev.get(cur)!;
    via.push(p.edge);
    path.push(p.node);
    cur = p.node;
  }
  return { minutes, path: path.reverse(), edges: via.reverse() };
}

/**
 * Travel time from `from` to every reachable node (including `from` itself at 0), in the order
 * the nodes are settled (by time, then node id). Unreachable nodes are absent: use
 * `map.get(id) ?? Infinity`.
 */
export function allTravelTimes(edges: RoadEdge[], from: string, factor?: EdgeFactor): Map<string, number> {
  const adj = buildAdjacency(edges, factor);
  if (!adj.has(from)) return new Map([[from, 0]]);
  return dijkstra(adj, from).dist;
}
