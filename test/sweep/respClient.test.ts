import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RespClient, ReplyError } from '../../src/sweep/redis/respClient.ts';
import { startRedis, type RedisServer } from './redisServer.ts';

let redis: RedisServer;
let c: RespClient;
beforeAll(async () => {
  redis = await startRedis();
  c = new RespClient({ host: '127.0.0.1', port: redis.port });
  await c.connect();
});
afterAll(async () => {
  await c?.quit();
  await redis?.stop();
});

describe('the RESP client BullMQ talks to Redis through', () => {
  it('round-trips text, binary-safe arguments and large values that arrive in many packets', async () => {
    expect(await c.set('k', '演练 yanlian')).toBe('OK');
    expect(await c.get('k')).toBe('演练 yanlian');
    const big = 'x'.repeat(3_000_000) + '尾';
    await c.set('big', big, { EX: 60 });
    expect(await c.get('big')).toBe(big);
    await c.call(['SET', 'buf', Buffer.from([0x68, 0x69])]);
    expect(await c.get('buf')).toBe('hi');
    expect(await c.get('missing')).toBeNull();
    expect(await c.del('k', 'big', 'buf')).toBe(3);
  });

  it('gives HGETALL as an object and other replies raw, as BullMQ expects of a driver', async () => {
    expect(await c.hset('h', { a: '1', b: 2 })).toBe(2);
    expect(await c.hgetall('h')).toEqual({ a: '1', b: '2' });
    expect(await c.hmget('h', 'a', 'zz')).toEqual(['1', null]);
    await c.call(['ZADD', 'z', '1', 'one', '2', 'two']);
    expect(await c.zrange('z', 0, -1, { WITHSCORES: true })).toEqual(['one', '1', 'two', '2']);
    expect(await c.bzpopmin('z', 1)).toEqual(['z', 'one', '1']);
    const id = await c.xadd('s', '*', { event: 'completed', jobId: '7' }, { MAXLEN: 100 });
    expect(await c.xread([{ key: 's', id: '0' }], { COUNT: 10 })).toEqual([['s', [[id, ['event', 'completed', 'jobId', '7']]]]]);
    await expect(c.call(['INCR', 'h'])).rejects.toBeInstanceOf(ReplyError);
  });

  it('runs queued commands as a pipeline or a MULTI/EXEC block, replies as [error, value] pairs', async () => {
    const p = await c.pipeline().hset('p', { x: '1' }).hgetall('p').del('p').exec();
    expect(p).toEqual([[null, 1], [null, { x: '1' }], [null, 1]]);
    const m = await c.multi().hset('m', { y: '2' }).hgetall('m').exec();
    expect(m).toEqual([[null, 1], [null, { y: '2' }]]);
  });

  it('runs Lua scripts by SHA and loads them again when the server has lost them', async () => {
    c.defineCommand('addTwo', { numberOfKeys: 1, lua: "return redis.call('INCRBY', KEYS[1], ARGV[1]) + 0" });
    expect(await c.runCommand('addTwo', ['n', 2])).toBe(2);
    await c.call(['SCRIPT', 'FLUSH']);
    expect(await c.runCommand('addTwo', [['n'], [5]])).toBe(7);
    expect(await c.multi().runCommand('addTwo', ['n', 1]).exec()).toEqual([[null, 8]]);
  });

  it('fails pending and later commands once the connection is closed', async () => {
    const d = c.duplicate();
    await d.connect();
    const blocked = d.bzpopmin('never', 5);
    d.disconnect();
    await expect(blocked).rejects.toThrow('Connection is closed.');
    await expect(d.get('k')).rejects.toThrow('Connection is closed.');
    expect(d.status).toBe('end');
  });

  it('scans keys as a stream', async () => {
    for (let i = 0; i < 30; i++) await c.set(`scan:${i}`, i);
    const seen: string[] = [];
    for await (const keys of c.scanStream({ match: 'scan:*', count: 7 })) seen.push(...(keys as string[]));
    expect(new Set(seen).size).toBe(30);
  });
});
