/**
 * Seeded random streams derived by name from one root seed. Each consumer draws from its own
 * stream ("hazard/ignition/T1", "weather/wind"), so adding a team never shifts the draws of
 * the hazard, and two plans compared on one seed see the same weather (common random numbers).
 * Stream state lives in engine state (seedrandom's `{ state: true }`), so snapshots restore it.
 */
import seedrandom from 'seedrandom';

export type StreamStates = Record<string, seedrandom.State.Arc4>;

interface Live {
  rng: seedrandom.StatefulPRNG<seedrandom.State.Arc4>;
}

export class RandomStreams {
  private live = new Map<string, Live>();

  constructor(
    readonly rootSeed: string,
    private restored: StreamStates = {}
  ) {}

  private stream(name: string): Live {
    let s = this.live.get(name);
    if (!s) {
      const saved = this.restored[name];
      const rng = saved
        ? seedrandom('', { state: saved })
        : seedrandom(`${this.rootSeed}::${name}`, { state: true });
      s = { rng };
      this.live.set(name, s);
    }
    return s;
  }

  /** Uniform in [0, 1). */
  uniform(name: string): number {
    return this.stream(name).rng.quick();
  }

  /** Standard normal by Box–Muller (two uniforms per draw, no cached spare: keeps state simple). */
  normal(name: string, mean = 0, sd = 1): number {
    const r = this.stream(name).rng;
    let u = r.quick();
    if (u < 1e-12) u = 1e-12;
    const v = r.quick();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  bernoulli(name: string, p: number): boolean {
    return this.uniform(name) < p;
  }

  /** Snapshot of every stream used so far (plus restored ones not yet touched). */
  save(): StreamStates {
    const out: StreamStates = { ...this.restored };
    for (const [name, s] of this.live) out[name] = s.rng.state();
    return out;
  }
}
