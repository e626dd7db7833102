/**
 * Connecting BullMQ to the queue's Redis: the client it uses (respClient.ts), the connection
 * options, and a reachability check made before BullMQ is asked to connect (BullMQ would
 * otherwise wait quietly for a server that is not there).
 */
import { RedisConnection, type IRedisClient } from 'bullmq';
import { RespClient, type RespOptions } from './respClient.ts';
import { SweepFailure } from '../errors.ts';
import type { RedisTarget } from './url.ts';

RedisConnection.clientFactory = (opts) => new RespClient(opts as RespOptions) as unknown as IRedisClient;

/** Connection options for BullMQ's Queue, QueueEvents and Worker. */
export function connectionOf(t: RedisTarget) {
  return { host: t.host, port: t.port, db: t.db, username: t.username, password: t.password, maxRetriesPerRequest: null };
}

/** Fail fast, with the address, when nothing answers there. */
export async function checkReachable(t: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = new RespClient({ ...connectionOf(t), lazyConnect: true });
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs).unref());
  client.on('error', () => { /* reported below */ });
  try {
    await Promise.race([client.connect().then(() => client.call(['PING'])), timer]);
  } catch (e) {
    throw new SweepFailure(`cannot reach Redis at ${t.url}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    client.disconnect();
  }
}
