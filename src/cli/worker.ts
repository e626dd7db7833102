/**
 * `yanlian worker --queue redis://HOST:PORT [--workers N]`: process sweep jobs from the queue on
 * this machine until interrupted (Ctrl-C or SIGTERM), then finish the jobs in hand and stop.
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { parseRedisUrl } from '../sweep/redis/url.ts';
import { SweepFailure, SweepUsageError } from '../sweep/errors.ts';
import { parseWorkers } from './sweep.ts';

export async function worker(rest: string[], _out: (s: string) => void, err: (s: string) => void, stop?: Promise<void>): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { queue: { type: 'string' }, workers: { type: 'string' }, name: { type: 'string' } } });
  if (positionals.length) throw new SweepUsageError(`worker takes no positional arguments, not "${positionals[0]}"`);
  if (values.queue === undefined) throw new SweepUsageError('worker needs --queue redis://HOST:PORT');
  const target = parseRedisUrl(values.queue);
  const threads = parseWorkers(values.workers) ?? availableParallelism();
  let w;
  try {
    const { startQueueWorker } = await import('../sweep/queueWorker.ts');
    w = await startQueueWorker(target, threads, err, values.name);
  } catch (e) {
    if (e instanceof SweepFailure) {
      err(`yanlian worker: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  err(`yanlian worker ${w.name}: ${threads} thread${threads > 1 ? 's' : ''} taking sweep jobs from ${target.url} 等待批量推演任务 (Ctrl-C to stop)\n`);
  const why = await Promise.race([
    w.lost,
    stop ?? new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    })
  ]);
  if (typeof why === 'string') {
    err(`yanlian worker ${w.name}: ${why}\n`);
    await w.close().catch(() => {});
    return 1;
  }
  err(`yanlian worker ${w.name}: stopping 停止\n`);
  await w.close();
  return 0;
}
