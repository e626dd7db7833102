/**
 * Loops in small directed graphs given as adjacency lists (node → the nodes it leads to): rules
 * that trigger rules. Linear time, so a hostile file with many rules costs little.
 */

/** A cycle in a graph given by adjacency lists, as the list of its nodes; null when there is none. Linear time. */
export function findCycle(next: number[][]): number[] | null {
  const state = new Uint8Array(next.length); // 0 unseen, 1 on the current path, 2 done
  const path: number[] = [];
  const visit = (v: number): number[] | null => {
    state[v] = 1;
    path.push(v);
    for (const w of next[v]) {
      if (state[w] === 1) return path.slice(path.indexOf(w));
      if (state[w] === 0) {
        const c = visit(w);
        if (c) return c;
      }
    }
    state[v] = 2;
    path.pop();
    return null;
  };
  for (let v = 0; v < next.length; v++) {
    if (state[v] !== 0) continue;
    const c = visit(v);
    if (c) return c;
  }
  return null;
}


/** Strongly connected components (Tarjan), each a list of nodes. */
export function components(next: number[][]): number[][] {
  const index = new Array<number>(next.length).fill(-1);
  const low = new Array<number>(next.length).fill(0);
  const onStack = new Uint8Array(next.length);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const strong = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    for (const w of next[v]) {
      if (index[w] < 0) { strong(w); low[v] = Math.min(low[v], low[w]); }
      else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const comp: number[] = [];
      let w: number;
      do { w = stack.pop()!; onStack[w] = 0; comp.push(w); } while (w !== v);
      out.push(comp);
    }
  };
  for (let v = 0; v < next.length; v++) if (index[v] < 0) strong(v);
  return out;
}

/**
 * Each loop of the graph (a strongly connected component with an edge inside it), with one cycle
 * through it, and whether it branches: more edges inside than nodes means some node feeds two
 * others of the loop, so what goes round doubles at every turn instead of only repeating.
 */
export function loopsOf(next: number[][]): { nodes: number[]; cycle: number[]; branches: boolean }[] {
  const out: { nodes: number[]; cycle: number[]; branches: boolean }[] = [];
  for (const nodes of components(next)) {
    const inside = new Set(nodes);
    const internal = nodes.reduce((n, v) => n + next[v].filter((w) => inside.has(w)).length, 0);
    if (internal === 0) continue;
    const cycle = findCycle(next.map((ws, v) => (inside.has(v) ? ws.filter((w) => inside.has(w)) : [])))!;
    out.push({ nodes: nodes.slice().sort((a, b) => a - b), cycle, branches: internal > nodes.length });
  }
  return out.sort((a, b) => a.nodes[0] - b.nodes[0]);
}
