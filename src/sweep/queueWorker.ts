/**
 * `yanlian worker`: takes chunk jobs from the queue and runs them on a local thread pool, one
 * job per thread. The runs happen off the main thread so that BullMQ can renew each job's short
 * lock on time; a worker killed mid-job simply stops renewing, and the job goes back to the queue.
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import { connectionOf, checkReachable } from './redis/connection.ts';
import type { RedisTarget } from './redis/url.ts';
import { QUEUE_NAME, LOCK_MS, packRedisKey, redisClientOf, type ChunkJob } from './queue.ts';
import { ThreadPool } from './pool.ts';
import { threadEntry } from './engineBundle.ts';
import type { RunRow, SweepPack } from './types.ts';
import { sha256Hex, canonicalJson } from '../../engine/index.ts';

export interface QueueWorker {
  name: string;
  threads: number;
  /** Settles with a reason if the connection to Redis is lost (the client does not reconnect). */
  lost: Promise<string>;
  close(): Promise<void>;
}

export async function startQueueWorker(target: RedisTarget, threads: number, log: (s: string) => void, name = `${hostname()}:${process.pid}`): Promise<QueueWorker> {
  await checkReachable(target);
  const pool = new ThreadPool(threads, await threadEntry());
  const packs = new Map<string, Promise<SweepPack>>();
  let worker: Worker<ChunkJob, RunRow[]> | null = null;

  const loadPack = (key: string): Promise<SweepPack> => {
    let p = packs.get(key);
    if (!p) {
      p = (async () => {
        const text = await (await redisClientOf(worker!)).get(packRedisKey(key));
        if (text === null) throw new Error(`the sweep's pack ${key.slice(0, 12)}… is no longer in Redis (expired, or the sweep was cancelled)`);
        const pack = JSON.parse(text) as SweepPack;
        const { key: _k, ...content } = pack;
        if (sha256Hex(canonicalJson(content)) !== key) throw new Error(`the sweep's pack ${key.slice(0, 12)}… in Redis does not match its hash`);
        return pack;
      })();
      p.catch(() => packs.delete(key));
      if (packs.size > 8) packs.delete(packs.keys().next().value as string);
      packs.set(key, p);
    }
    return p;
  };

  worker = new Worker<ChunkJob, RunRow[]>(QUEUE_NAME, async (job) => pool.run(await loadPack(job.data.packKey), job.data.chunk), {
    connection: connectionOf(target),
    concurrency: threads,
    name,
    lockDuration: LOCK_MS,
    stalledInterval: LOCK_MS,
    // A job is retried after each stall (a worker lost mid-job), up to this many times.
    maxStalledCount: 10
  });
  worker.on('failed', (job, err) => log(`worker ${name}: chunk ${job?.id ?? '?'} failed: ${err.message}\n`));
  worker.on('error', (err) => log(`worker ${name}: ${err.message}\n`));
  await worker.waitUntilReady();
  let closing = false;
  const client = await redisClientOf(worker);
  const lost = new Promise<string>((resolve) => client.once('end', () => { if (!closing) resolve(`lost the connection to Redis at ${target.url}`); }));
  return {
    name,
    threads,
    lost,
    async close() {
      closing = true;
      await worker!.close();
      await pool.close();
    }
  };
}
