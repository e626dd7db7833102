/**
 * Connecting BullMQ to the queue's Redis through ioredis (BullMQ 6 leaves the driver to the
 * application), the connection options, and a reachability check made before BullMQ is asked to
 * connect (BullMQ would otherwise wait quietly for a server that is not there).
 *
 * A lost connection is retried for a few seconds (a Redis restart), then given up: the client
 * emits 'end', and the sweep or worker stops with exit 1 and says so, rather than hang.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RedisConnection, createIORedisClient } from 'bullmq';
import { SweepFailure } from '../errors.ts';
import type { RedisTarget } from './url.ts';

/** About 6 s of reconnect attempts (100 ms, 200 ms, … 1 s), then give up. */
const RECONNECT_ATTEMPTS = 10;
const retryStrategy = (times: number): number | null => (times > RECONNECT_ATTEMPTS ? null : Math.min(times * 100, 1000));

RedisConnection.clientFactory = (opts) => createIORedisClient(new Redis({ ...(opts as RedisOptions), retryStrategy }));

/** Connection options for BullMQ's Queue, QueueEvents and Worker. */
export function connectionOf(t: RedisTarget) {
  return { host: t.host, port: t.port, db: t.db, username: t.username, password: t.password, maxRetriesPerRequest: null };
}

/** Fail fast, with the address, when nothing answers there. */
export async function checkReachable(t: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = new Redis({ ...connectionOf(t), lazyConnect: true, retryStrategy: () => null, connectTimeout: timeoutMs });
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than the "connection is closed" that follows it.
  let cause: NodeJS.ErrnoException | undefined;
  client.on('error', (e: NodeJS.ErrnoException) => { cause ??= e; });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const err = cause ?? (e as NodeJS.ErrnoException);
    throw new SweepFailure(`cannot reach Redis at ${t.url}: ${err.code ?? err.message}`);
  } finally {
    client.disconnect();
  }
}
