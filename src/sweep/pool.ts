/**
 * A pool of worker threads that run chunks. Each thread is sent a sweep's pack once, then chunk
 * after chunk; a free thread takes the next chunk in line. A thread that dies fails its chunk
 * with the reason and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import type { ThreadEntry } from './engineBundle.ts';
import type { FromThread, ToThread } from './thread.ts';
import type { Chunk, RunRow, SweepPack } from './types.ts';

interface Task {
  id: number;
  pack: SweepPack;
  chunk: Chunk;
  resolve: (rows: RunRow[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  packs: Set<string>;
  task: Task | null;
}

/**
 * Threads started after this compile their hot functions themselves instead of handing them to
 * V8's shared background compiler threads. With one sweep thread per core those background threads
 * have no core of their own: they took about a quarter more CPU than the runs in a 2-core sweep
 * (recompiling the large per-cell loops as their type feedback settles) and slowed both runners;
 * compiling in place measured 15–25 % more runs per second (interleaved rounds, `npm run bench
 * sweep`). V8 reads the flag when an isolate starts, so it applies to the threads made from now on
 * and leaves the threads already running as they are.
 */
function compileOnTheRunningThread(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

export class ThreadPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private entry: ThreadEntry
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a pool needs at least one thread, not ${size}`);
    compileOnTheRunningThread();
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry.url, { execArgv: this.entry.execArgv });
    const slot: Slot = { worker, packs: new Set(), task: null };
    worker.on('message', (m: FromThread) => {
      const t = slot.task;
      if (!t || t.id !== m.id) return;
      slot.task = null;
      if (m.type === 'rows') t.resolve(m.rows);
      else t.reject(new Error(m.message));
      this.pump();
    });
    const die = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      const t = slot.task;
      slot.task = null;
      if (this.closed) return;
      this.slots[i] = this.spawn();
      t?.reject(new Error(`a sweep thread stopped: ${why}`));
      this.pump();
    };
    worker.on('error', (e) => die(e.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
    return slot;
  }

  /** Run one chunk on the next free thread. */
  run(pack: SweepPack, chunk: Chunk): Promise<RunRow[]> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, pack, chunk, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const t = this.queue.shift()!;
      slot.task = t;
      if (!slot.packs.has(t.pack.key)) {
        slot.worker.postMessage({ type: 'pack', pack: t.pack } satisfies ToThread);
        slot.packs.add(t.pack.key);
      }
      slot.worker.postMessage({ type: 'chunk', id: t.id, key: t.pack.key, chunk: t.chunk } satisfies ToThread);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue) t.reject(new Error('the pool was closed'));
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
