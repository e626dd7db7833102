/**
 * A sweep worker thread: receives packs and chunks from its pool, answers with the rows.
 * Runs as the bundled engine (see engineBundle.ts) so that imported calls cost what they cost in
 * production, not what a development loader adds to each.
 */
import { parentPort } from 'node:worker_threads';
import { ChunkRunner } from './runChunk.ts';
import type { Chunk, RunRow, SweepPack } from './types.ts';

export type ToThread = { type: 'pack'; pack: SweepPack } | { type: 'chunk'; id: number; key: string; chunk: Chunk };
export type FromThread = { type: 'rows'; id: number; rows: RunRow[] } | { type: 'error'; id: number; message: string };

const port = parentPort;
if (port) {
  const runner = new ChunkRunner();
  const packs = new Map<string, SweepPack>();
  port.on('message', (m: ToThread) => {
    if (m.type === 'pack') {
      if (packs.size >= 8) packs.delete(packs.keys().next().value as string);
      packs.set(m.pack.key, m.pack);
      return;
    }
    const pack = packs.get(m.key);
    try {
      if (!pack) throw new Error(`pack ${m.key.slice(0, 12)}… was not sent to this thread`);
      port.postMessage({ type: 'rows', id: m.id, rows: runner.run(pack, m.chunk) } satisfies FromThread);
    } catch (e) {
      port.postMessage({ type: 'error', id: m.id, message: (e as Error).message } satisfies FromThread);
    }
  });
}
