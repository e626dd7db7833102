/**
 * `--vary teams.<type>=a..b`: scenario variants with a different number of teams of one type.
 * A count n keeps the first n teams of that type in scenario order and drops the rest; above the
 * scenario's own count, the last team of the type is cloned with ids suffixed "-2", "-3", …
 * (same base, owner, size and capabilities). Several `--vary` flags give their product.
 * Plans are checked against the scenario as written: a plan that dispatches a dropped team has
 * that order refused in the run, which is the point of the experiment.
 */
import { SweepUsageError } from './errors.ts';
import { TEAM_TYPES } from '../../engine/index.ts';

export interface VaryAxis {
  type: string;
  counts: number[];
}

const MAX_COUNT = 50;

/** Parse one `--vary` value: "teams.hazmat=1..4", "teams.fire=2" or "teams.fire=1,3". */
export function parseVary(arg: string): VaryAxis {
  const m = /^teams\.([a-z-]+)=(.+)$/.exec(arg.trim());
  if (!m) throw new SweepUsageError(`--vary expects teams.<type>=a..b (e.g. teams.hazmat=1..4), not "${arg}"`);
  const [, type, spec] = m;
  if (!(TEAM_TYPES as readonly string[]).includes(type)) throw new SweepUsageError(`--vary: unknown team type "${type}"; expected one of ${TEAM_TYPES.join(', ')}`);
  const counts: number[] = [];
  for (const part of spec.split(',')) {
    const r = /^(\d+)(?:\.\.(\d+))?$/.exec(part.trim());
    if (!r) throw new SweepUsageError(`--vary teams.${type}: "${part}" is not a count or a range a..b of whole numbers`);
    const a = Number(r[1]);
    const b = r[2] === undefined ? a : Number(r[2]);
    if (b < a) throw new SweepUsageError(`--vary teams.${type}: range ${part} runs backwards; expected a..b with a ≤ b`);
    if (b > MAX_COUNT) throw new SweepUsageError(`--vary teams.${type}: at most ${MAX_COUNT} teams of a type, not ${b}`);
    for (let n = a; n <= b; n++) if (!counts.includes(n)) counts.push(n);
  }
  return { type, counts: counts.sort((x, y) => x - y) };
}

/** Every combination of the axes, in axis order then count order. No axes: the one base variant. */
export function expandVariants(axes: VaryAxis[]): Record<string, number>[] {
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.type)) throw new SweepUsageError(`--vary teams.${a.type} is given twice; give one range per team type`);
    seen.add(a.type);
  }
  let out: Record<string, number>[] = [{}];
  for (const a of axes) out = out.flatMap((v) => a.counts.map((n) => ({ ...v, [a.type]: n })));
  return out;
}

export function variantId(teams: Record<string, number>): string {
  const parts = Object.entries(teams).map(([t, n]) => `${t}=${n}`);
  return parts.length ? parts.join(',') : 'base';
}

interface RawTeam {
  id: string;
  type: string;
  name?: { zh?: string; en?: string };
  [k: string]: unknown;
}

/**
 * The scenario's raw (parsed, not yet validated) data with the team counts applied. Returns a
 * new object; the input is not changed. `file` names the scenario in error messages.
 */
export function applyTeamCounts(raw: Record<string, unknown>, teams: Record<string, number>, file: string): Record<string, unknown> {
  const list = (Array.isArray(raw.teams) ? raw.teams : []) as RawTeam[];
  let out = list.map((t) => structuredClone(t));
  for (const [type, n] of Object.entries(teams)) {
    const ofType = out.filter((t) => t.type === type);
    if (ofType.length === 0 && n > 0) throw new SweepUsageError(`--vary teams.${type}=${n}: ${file} has no ${type} team to copy; a count above 0 needs at least one`);
    const keep = new Set(ofType.slice(0, n));
    out = out.filter((t) => t.type !== type || keep.has(t));
    const last = ofType[ofType.length - 1];
    const ids = new Set(out.map((t) => t.id));
    for (let k = ofType.length, copy = 2; k < n; k++) {
      let id = `${last.id}-${copy}`;
      while (ids.has(id)) id = `${last.id}-${++copy}`;
      ids.add(id);
      const clone = structuredClone(last);
      clone.id = id;
      if (last.name) clone.name = { zh: `${last.name.zh}（${copy}）`, en: `${last.name.en} (${copy})` };
      // Clones go right after the last of their type, so scenario order stays grouped.
      out.splice(out.lastIndexOf(out.filter((t) => t.type === type).pop()!) + 1, 0, clone);
      copy++;
    }
  }
  return { ...raw, teams: out };
}
