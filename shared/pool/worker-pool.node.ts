/**
 * A pool of worker threads (piscina) for the CPU-heavy JSON-LD work: cohort signing in the
 * issuer, credential and presentation checks in the verifier. One module per pool; its
 * default export runs one task. The pool is created lazily (no thread starts until the
 * first task) and idle threads are unref'd, so a service that never uses it pays nothing.
 *
 * Failures are errors, never hangs: a task that throws, a module that cannot load and a
 * thread that dies (crash, `process.exit`, out of memory) reject the task's promise with
 * WORKER_FAILED (500) and a sentence naming the pool; piscina replaces the dead thread.
 *
 * Size: `poolThreads(env)` — the machine's `os.availableParallelism()` unless the
 * service's environment variable says otherwise; 0 means "no pool, run on the main thread".
 */
import os from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../errors.js';

export interface WorkerPoolOptions {
  /** The task module (TypeScript or JavaScript); its default export runs one task. */
  module: URL;
  /** Threads (>= 1). */
  threads: number;
  /** Names the pool in errors and thread names (`issuer-sign`, `verifier-verify`). */
  name: string;
}

const BOOTSTRAP = new URL('./bootstrap.node.mjs', import.meta.url);

/** Pool size from an environment value: unset, empty or `auto` = every core, otherwise 0..256. */
export function poolThreads(value: string | undefined, name = 'pool size'): number {
  if (value === undefined || value.trim() === '' || value.trim() === 'auto') return os.availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new Error(`${name} must be a whole number from 0 to 256 (0 = no worker threads).`);
  return n;
}

export class WorkerPool {
  readonly threads: number;
  readonly name: string;
  private readonly module: URL;
  private piscina: Piscina | undefined;
  /** Rejecters of the tasks in flight, for a pool that breaks under them. */
  private readonly waiting = new Set<(e: unknown) => void>();

  constructor(opts: WorkerPoolOptions) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1) throw new Error('A worker pool needs at least one thread.');
    this.threads = opts.threads;
    this.name = opts.name;
    this.module = opts.module;
  }

  /** Runs one task in a worker; `transferList` moves ports/buffers instead of copying them. */
  async run<R>(task: unknown, transferList?: readonly Transferable[]): Promise<R> {
    const piscina = this.open();
    let settle: ((e: unknown) => void) | undefined;
    const failed = new Promise<never>((_, reject) => {
      settle = reject;
    });
    this.waiting.add(settle as (e: unknown) => void);
    try {
      // piscina's transferList type is its own; MessagePorts and ArrayBuffers are what we pass.
      const running = piscina.run(task, transferList ? { transferList: transferList as never } : {});
      running.catch(() => undefined); // when `failed` wins, this one may still reject later
      return (await Promise.race([running, failed])) as R;
    } catch (cause) {
      throw new AppError('WORKER_FAILED', `A worker thread of ${this.name} failed: ${messageOf(cause)}`, { status: 500, cause });
    } finally {
      this.waiting.delete(settle as (e: unknown) => void);
    }
  }

  private open(): Piscina {
    if (this.piscina) return this.piscina;
    const piscina = new Piscina({
      filename: BOOTSTRAP.href,
      workerData: { poolModule: this.module.href },
      minThreads: 0,
      maxThreads: this.threads,
      // Threads stay while work comes in steadily, then go (cohorts come in bursts).
      idleTimeout: 30_000,
      name: 'default',
    });
    // A thread that fails while no task is on it (its module does not load, say) is reported
    // only here, and the tasks queued for it would wait for ever: fail them all, and start
    // a fresh pool for the next task.
    piscina.on('error', (e: unknown) => {
      if (this.piscina === piscina) this.piscina = undefined;
      for (const reject of this.waiting) reject(e);
      void piscina.close({ force: true }).catch(() => undefined);
    });
    this.piscina = piscina;
    return piscina;
  }

  /** Stops every thread; tasks still queued are rejected. */
  async close(): Promise<void> {
    const p = this.piscina;
    this.piscina = undefined;
    await p?.close({ force: true });
  }
}

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 300);
}
