import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { cli } from '../helpers/cli.ts';
import { QUEUE_NAME } from '../../src/sweep/queue.ts';
import { connectionOf } from '../../src/sweep/redis/connection.ts';
import { parseRedisUrl } from '../../src/sweep/redis/url.ts';
import { startRedis, type RedisServer } from './redisServer.ts';
import { runSweep } from '../../src/sweep/run.ts';
import { brokenPlanSpecs, limitedScenario, BROKEN_MESSAGE } from './failingRuns.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PLAN = join(ROOT, 'scenarios', 'plans', 'chemical-leak.yaml');
const WEAK = join(ROOT, 'scenarios', 'plans', 'chemical-leak-weak.yaml');

const withoutTiming = (json: string) => {
  const r = JSON.parse(json);
  delete r.timing;
  return JSON.stringify(r, null, 2);
};

/** A `yanlian worker` as its own process, as it would run on another machine. */
function spawnWorker(url: string, name: string): { proc: ChildProcess; ready: Promise<void>; log: () => string } {
  const proc = spawn(process.execPath, [join(ROOT, 'src', 'cli', 'bin.mjs'), 'worker', '--queue', url, '--workers', '1', '--name', name], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((res, rej) => {
    proc.stderr!.on('data', (d) => {
      log += d;
      if (/taking sweep jobs/.test(log)) res();
    });
    proc.once('exit', (code) => rej(new Error(`worker ${name} exited with ${code}: ${log}`)));
  });
  return { proc, ready, log: () => log };
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (p.exitCode !== null || p.signalCode !== null) return res();
    p.once('exit', () => res());
    p.kill('SIGTERM');
  });
}

let redis: RedisServer;
beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis?.stop(); });

// Sweeps are CPU-bound and the suite shares its cores: allow them time (they never wait on a clock).
describe('yanlian sweep through a Redis queue (BullMQ, real redis-server)', { timeout: 300_000 }, () => {
  it('equals the local sweep, run by two worker processes', async () => {
    const args = ['sweep', 'chemical-leak', '--plans', `${PLAN},${WEAK}`, '--seeds', '12', '--vary', 'teams.hazmat=1..2', '--until', '6h', '--json'];
    const local = await cli(...args, '--workers', '2');
    expect(local.code, local.err).toBe(0);
    const workers = [spawnWorker(redis.url, 'a'), spawnWorker(redis.url, 'b')];
    try {
      await Promise.all(workers.map((w) => w.ready));
      const queued = await cli(...args, '--queue', redis.url, '--chunk', '3');
      expect(queued.code, queued.err).toBe(0);
      expect(withoutTiming(queued.out)).toBe(withoutTiming(local.out));
      expect(JSON.parse(queued.out).timing).toMatchObject({ mode: `queue ${redis.url}`, jobs: 16 });
    } finally {
      await Promise.all(workers.map((w) => stop(w.proc)));
    }
    // The sweep takes its jobs out of the queue when it is done.
    const q = new Queue(QUEUE_NAME, { connection: connectionOf(parseRedisUrl(redis.url)) });
    expect(await q.getJobCounts('completed', 'failed', 'wait', 'active')).toEqual({ completed: 0, failed: 0, wait: 0, active: 0 });
    await q.close();
  });

  it('loses no run when a worker is killed mid-sweep: its job is retried and the result is the same', async () => {
    const args = ['sweep', 'chemical-leak', '--seeds', '24', '--until', '24h', '--json'];
    const local = await cli(...args, '--workers', '2');
    expect(local.code, local.err).toBe(0);
    const doomed = spawnWorker(redis.url, 'doomed');
    const survivor = spawnWorker(redis.url, 'survivor');
    const q = new Queue(QUEUE_NAME, { connection: connectionOf(parseRedisUrl(redis.url)) });
    try {
      await Promise.all([doomed.ready, survivor.ready]);
      const sweep = cli(...args, '--queue', redis.url, '--chunk', '4');
      // Wait until the doomed worker holds a job, then kill it without warning.
      let held: string | undefined;
      for (let i = 0; i < 2400 && !held; i++) {
        held = (await q.getActive()).find((j) => j.processedBy === 'doomed')?.id;
        if (!held) await new Promise((r) => setTimeout(r, 50));
      }
      expect(held, 'the doomed worker never took a job').toBeDefined();
      doomed.proc.kill('SIGKILL');
      await new Promise((r) => doomed.proc.once('exit', r));
      const unfinished = (await q.getJob(held!))?.finishedOn === undefined;
      const queued = await sweep;
      expect(queued.code, queued.err).toBe(0);
      expect(withoutTiming(queued.out)).toBe(withoutTiming(local.out));
      // The killed worker's job was found stalled and run again by the survivor.
      if (unfinished) expect(JSON.parse(queued.out).timing.stalledJobsRetried).toBeGreaterThanOrEqual(1);
    } finally {
      await q.close();
      await Promise.all([stop(doomed.proc), stop(survivor.proc)]);
    }
  });

  it('records the runs that fail (thrown and aborted) exactly as the local pool does, also when a worker is killed mid-sweep', async () => {
    // A plan whose runs throw where the leak ignites, on a scenario whose runs are aborted at 101 events.
    const o = { scenario: limitedScenario({ maxEvents: 101 }), plans: [], planSpecs: brokenPlanSpecs(), seeds: Array.from({ length: 16 }, (_, i) => i + 1), vary: [], until: 24 * 60 };
    const local = (await runSweep({ ...o, workers: 2 })).report;
    const [weak, broken] = o.planSpecs.map((p) => p.id);
    const errors = local.failures.filter((f) => f.kind === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((f) => f.plan === broken && f.message === BROKEN_MESSAGE)).toBe(true);
    expect(local.failures.some((f) => f.kind === 'aborted' && f.plan === weak && f.guard === 'max-events')).toBe(true);
    expect(local.results.find((c) => c.plan === weak)!.runs).toBeGreaterThan(0);
    const doomed = spawnWorker(redis.url, 'doomed-f');
    const survivor = spawnWorker(redis.url, 'survivor-f');
    const q = new Queue(QUEUE_NAME, { connection: connectionOf(parseRedisUrl(redis.url)) });
    try {
      await Promise.all([doomed.ready, survivor.ready]);
      const sweep = runSweep({ ...o, queue: parseRedisUrl(redis.url), chunkSize: 4 });
      let held: string | undefined;
      for (let i = 0; i < 2400 && !held; i++) {
        held = (await q.getActive()).find((j) => j.processedBy === 'doomed-f')?.id;
        if (!held) await new Promise((r) => setTimeout(r, 50));
      }
      expect(held, 'the doomed worker never took a job').toBeDefined();
      doomed.proc.kill('SIGKILL');
      await new Promise((r) => doomed.proc.once('exit', r));
      const unfinished = (await q.getJob(held!))?.finishedOn === undefined;
      const queued = (await sweep).report;
      expect(JSON.stringify({ ...queued, timing: undefined }, null, 2)).toBe(JSON.stringify({ ...local, timing: undefined }, null, 2));
      expect(queued.timing).toMatchObject({ mode: `queue ${redis.url}`, jobs: 8 });
      if (unfinished) expect(queued.timing!.stalledJobsRetried).toBeGreaterThanOrEqual(1);
      // No job failed: a run's failure is a result, not a failed job.
      expect(await q.getJobCounts('failed')).toEqual({ failed: 0 });
    } finally {
      await q.close();
      await Promise.all([stop(doomed.proc), stop(survivor.proc)]);
    }
  });

  it('a worker whose Redis goes away stops with exit 1 and says so', async () => {
    const own = await startRedis();
    const w = spawnWorker(own.url, 'orphan');
    await w.ready;
    const exited = new Promise<number | null>((res) => w.proc.once('exit', (code) => res(code)));
    await own.stop();
    expect(await exited).toBe(1);
    expect(w.log()).toMatch(new RegExp(`lost the connection to Redis at ${own.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });
});
