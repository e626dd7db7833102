/**
 * Inject expectations with their ids settled: a scripted inject's expectation without an id is
 * "<inject>.<n>" (n from 1); a live (free) inject's is "live-<seq>.<n>", seq being the accepted
 * command's event. The loader, the command checks and the scorer all name them the same way.
 */
import type { Expectation, ScenarioData } from './schema.ts';

export interface ResolvedExpectation extends Expectation {
  id: string;
  /** The inject it belongs to (a scripted inject's id, or null for a live one). */
  inject: string | null;
}

export function scriptedExpectations(data: Pick<ScenarioData, 'injects'>): ResolvedExpectation[] {
  const out: ResolvedExpectation[] = [];
  for (const inj of data.injects) {
    (inj.expect ?? []).forEach((e, i) => out.push({ ...e, id: e.id ?? `${inj.id}.${i + 1}`, inject: inj.id }));
  }
  return out;
}

export function liveExpectations(expect: Expectation[] | undefined, commandSeq: number): ResolvedExpectation[] {
  return (expect ?? []).map((e, i) => ({ ...e, id: e.id ?? `live-${commandSeq}.${i + 1}`, inject: null }));
}
