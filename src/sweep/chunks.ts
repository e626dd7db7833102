/**
 * Partition a sweep into chunks of consecutive seeds per (plan, variant). The partition only
 * decides how work is shared: results are keyed by (plan, variant, seed) and gathered in that
 * order, so the chunk size never changes a result.
 */
import type { Chunk } from './types.ts';

/** Seeds per chunk: enough chunks to keep every worker busy to the end, not so many that messaging costs. */
export function defaultChunkSize(runs: number, workers: number): number {
  return Math.max(1, Math.min(50, Math.ceil(runs / (workers * 8))));
}

export function makeChunks(plans: number, variants: number, seeds: number[], size: number): Chunk[] {
  const out: Chunk[] = [];
  for (let v = 0; v < variants; v++) {
    for (let p = 0; p < plans; p++) {
      for (let i = 0; i < seeds.length; i += size) out.push({ plan: p, variant: v, seeds: seeds.slice(i, i + size) });
    }
  }
  return out;
}
