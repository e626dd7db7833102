/**
 * A sweep distributed through a Redis-backed BullMQ queue. The sweep stores its pack in Redis
 * once (by content hash) and enqueues one job per chunk; `yanlian worker` processes take jobs on
 * any number of machines and return each chunk's rows; the sweep gathers the rows by key, so
 * the order in which jobs finish does not matter. A worker that dies mid-job stops renewing its
 * short lock; another worker's stalled-job check puts the job back in the queue and it is run
 * again, with the same result, since a run depends only on (pack, chunk).
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type Job, type IRedisClient } from 'bullmq';
import { connectionOf, checkReachable } from './redis/connection.ts';
import type { RedisTarget } from './redis/url.ts';
import { SweepFailure } from './errors.ts';
import type { Chunk, RunRow, SweepPack } from './types.ts';

export const QUEUE_NAME = 'yanlian-sweep';
/** A worker must renew its job's lock within this time or the job counts as stalled. */
export const LOCK_MS = 5000;
/** How long a pack stays in Redis after its sweep last stored it. */
const PACK_TTL_S = 24 * 3600;

export interface ChunkJob {
  packKey: string;
  chunk: Chunk;
}

/** The raw Redis client under a BullMQ object (its Redis backend's escape hatch). */
export function redisClientOf(o: { getBackend(): unknown }): Promise<IRedisClient> {
  return (o.getBackend() as { client: Promise<IRedisClient> }).client;
}

export const packRedisKey = (key: string) => `yanlian:sweep:pack:${key}`;

export interface QueueRunInfo {
  jobs: number;
  /** Jobs found stalled (a worker lost) and run again. */
  stalled: number;
}

export async function runOnQueue(
  target: RedisTarget, pack: SweepPack, chunks: Chunk[], onRows: (rows: RunRow[]) => void, onNote: (s: string) => void = () => {}
): Promise<{ rows: RunRow[]; info: QueueRunInfo }> {
  await checkReachable(target);
  const connection = connectionOf(target);
  const queue = new Queue<ChunkJob, RunRow[]>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const info: QueueRunInfo = { jobs: chunks.length, stalled: 0 };
  const sweepId = randomUUID();
  let jobs: Job<ChunkJob, RunRow[]>[] = [];
  let idle: NodeJS.Timeout | undefined;
  let onInterrupt: (() => void) | undefined;
  let closing = false;
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    // Each job being waited for listens for the queue closing: one listener per chunk is expected.
    queue.setMaxListeners(chunks.length + 16);
    const client = await redisClientOf(queue);
    const eventsClient = await redisClientOf(events);
    await client.set(packRedisKey(pack.key), JSON.stringify(pack), { EX: PACK_TTL_S });
    events.on('stalled', ({ jobId }) => { if (jobId.startsWith(sweepId)) info.stalled++; });
    jobs = await queue.addBulk(chunks.map((chunk, i) => ({
      name: 'chunk',
      data: { packKey: pack.key, chunk },
      // Removed by the sweep when it has the rows; the ages only clean up after a sweep that died.
      opts: { jobId: `${sweepId}-${i}`, attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } }
    })));
    let finished = 0;
    idle = setTimeout(() => { if (finished === 0) onNote(`waiting for workers: start \`yanlian worker --queue ${target.url}\` on one or more machines\n`); }, 10_000);
    // Ctrl-C: stop waiting, and let `finally` take this sweep's jobs out of the queue.
    const interrupted = new Promise<never>((_, reject) => {
      onInterrupt = () => reject(new SweepFailure('interrupted; the sweep\'s jobs were taken out of the queue'));
      process.once('SIGINT', onInterrupt);
      // The client does not reconnect: a lost connection ends the sweep instead of a silent wait.
      for (const c of [client, eventsClient]) c.once('end', () => { if (!closing) reject(new SweepFailure(`lost the connection to Redis at ${target.url}`)); });
    });
    const parts = await Promise.race([interrupted, Promise.all(jobs.map(async (job) => {
      let rows: RunRow[];
      try {
        rows = await job.waitUntilFinished(events);
      } catch (e) {
        throw new SweepFailure(`a chunk of the sweep failed on a worker (plan #${job.data.chunk.plan}, variant #${job.data.chunk.variant}, seeds ${job.data.chunk.seeds[0]}–${job.data.chunk.seeds[job.data.chunk.seeds.length - 1]}): ${(e as Error).message}`);
      }
      finished++;
      onRows(rows);
      return rows;
    }))]);
    return { rows: parts.flat(), info };
  } finally {
    closing = true;
    clearTimeout(idle);
    if (onInterrupt) process.removeListener('SIGINT', onInterrupt);
    // Our jobs are done (or the sweep failed): take them out of the queue either way.
    await Promise.all(jobs.map((j) => queue.remove(j.id!).catch(() => 0)));
    await events.close();
    await queue.close();
  }
}
