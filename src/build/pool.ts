/**
 * The worker pool: builds jobs across worker threads and returns every outcome in the order of the
 * jobs, whatever thread finished first. The crash policy, for the CLI and the site alike: a
 * connector plugboard fails on is a connector-internal-error (connector.ts), and the jobs of a
 * worker thread that dies (uncaught error, out of memory, process.exit) are built again, each
 * alone in a fresh worker; a connector that kills that one too is reported, not retried. The run
 * always goes on.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { firstLine } from '../check/rules/connector-internal-error.ts';
import type { Job } from './connectors.ts';
import { crashOutcome, outcomeFromData, type Outcome } from './outcome.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker.ts';

/**
 * Up to this many connectors, build in the main thread: each worker loads the compiler and
 * warms up afresh (~0.4 s), which costs more than it saves. Measured on 2 cores (best of 3,
 * `check`, corpus mix): 50 → serial 1.3 s vs 2 workers 1.6 s; 100 → 2.1 vs 2.2; 200 → 3.7 vs 3.2;
 * 400 → 7.0 vs 5.5; 1000 → 14.9 vs 10.6. The site's build behaves the same (50 corpus
 * connectors: 1.15 s in one thread, 1.6 s on two workers).
 */
export const PARALLEL_THRESHOLD = 120;
export const DEFAULT_WORKERS = 2;

/** Threads building: 1 = the main thread alone, n > 1 = n worker threads; 'auto' = 2 workers above the threshold on a machine with 2+ cores. */
export type Threads = number | 'auto';

/** Worker threads to start for `jobs` connectors; 0 means build in the main thread. */
export function workerCount(jobs: number, requested: Threads): number {
  if (requested !== 'auto') return requested <= 1 || jobs < 2 ? 0 : Math.min(requested, jobs);
  if (jobs <= PARALLEL_THRESHOLD || availableParallelism() < 2) return 0;
  return DEFAULT_WORKERS;
}

/**
 * The worker module, beside this one: `.ts` in a checkout, `.js` in the installed package (lib/).
 * Bundled (the site's content loader under Vite), `import.meta.url` may not be this file: then the
 * source tree under the working directory is used.
 */
function workerFile(): string {
  try {
    const here = fileURLToPath(new URL(`./worker${extname(import.meta.url)}`, import.meta.url));
    if (existsSync(here)) return here;
  } catch {
    // Not a file URL.
  }
  return join(process.cwd(), 'src', 'build', 'worker.ts');
}

/** A job a worker thread took and did not finish, and what happened to that worker. */
interface Lost {
  index: number;
  reason: string;
}

/**
 * `n` worker threads pull small batches from one queue (dynamic, so a run of large connectors
 * does not leave one worker idle); the main thread only hands out work and collects results.
 * Measured: letting the main thread compile too (main + 1 worker) was no faster than 2 workers.
 * A worker builds its batch in order, so when it dies the first job it had not finished is the
 * one it died on: that one goes through a fresh pool again one at a time, and dying there too
 * makes it that connector's internal error; the rest of the batch goes back to the queue.
 */
export async function buildInWorkers<View>(jobs: readonly Job[], n: number, init: WorkerInit, onDone: (outcome: Outcome<View>) => void): Promise<Array<Outcome<View>>> {
  const outcomes = new Array<Outcome<View> | undefined>(jobs.length);
  const record = (index: number, outcome: Outcome<View>) => {
    if (outcomes[index]) return;
    outcomes[index] = outcome;
    onDone(outcome);
  };
  // Small batches keep every thread busy to the end (connectors differ a lot in size).
  const batch = Math.max(1, Math.min(4, Math.ceil(jobs.length / (n * 8))));
  const pool = (queue: number[], threads: number, size: number) => runPool({ jobs, queue, threads, batch: size, init, record, isDone: (i) => !!outcomes[i] });
  const lost = await pool(jobs.map((_, i) => i), n, batch);
  const again = lost.filter((l) => !outcomes[l.index]).map((l) => l.index);
  if (again.length) {
    for (const { index, reason } of await pool(again, Math.min(n, again.length), 1)) record(index, crashOutcome(jobs[index]!, 'compiling', new Error(reason)));
  }
  return outcomes.map((o, i) => o ?? crashOutcome(jobs[i]!, 'compiling', new Error('no worker thread returned a result')));
}

interface PoolOptions<View> {
  jobs: readonly Job[];
  /** Indexes into `jobs`, in the order to hand them out. */
  queue: number[];
  threads: number;
  batch: number;
  init: WorkerInit;
  record: (index: number, outcome: Outcome<View>) => void;
  isDone: (index: number) => boolean;
}

/**
 * Runs the queue on worker threads and resolves, once every worker has exited, with the jobs that
 * did not come back. A worker that dies holding jobs loses the one it was building (the first it
 * held), gives the others back to the queue and is replaced: each death retires one job, so at most
 * `threads + queue.length` workers ever start. One that dies holding none is not replaced, and when
 * none is left the rest of the queue is returned as lost.
 */
function runPool<View>(o: PoolOptions<View>): Promise<Lost[]> {
  const queue = [...o.queue];
  const lost: Lost[] = [];
  const file = workerFile();
  let live = 0;
  return new Promise((resolve) => {
    const start = () => {
      const held = new Set<number>();
      let failure: unknown;
      let worker: Worker;
      try {
        worker = new Worker(file, { workerData: o.init });
      } catch (error) {
        for (const index of queue.splice(0)) lost.push({ index, reason: `no worker thread could start: ${firstLine(error)}` });
        if (live === 0) resolve(lost);
        return;
      }
      live++;
      const send = (message: ToWorker) => worker.postMessage(message);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'result') {
          held.delete(message.index);
          o.record(message.index, outcomeFromData(message.outcome) as Outcome<View>);
          return;
        }
        const slice: number[] = [];
        while (slice.length < o.batch && queue.length) {
          const index = queue.shift()!;
          if (!o.isDone(index)) slice.push(index);
        }
        if (slice.length === 0) return send({ type: 'stop' });
        for (const index of slice) held.add(index);
        send({ type: 'jobs', jobs: slice.map((index) => ({ index, job: o.jobs[index]! })) });
      });
      worker.on('error', (error) => {
        failure = error;
      });
      worker.on('exit', (code) => {
        live--;
        const reason = failure !== undefined ? `the worker thread failed: ${firstLine(failure)}` : `the worker thread stopped (exit code ${code})`;
        const [building, ...untouched] = held;
        if (building !== undefined) lost.push({ index: building, reason });
        queue.unshift(...untouched);
        if (building !== undefined && queue.length > 0) start();
        if (live > 0) return;
        for (const index of queue.splice(0)) lost.push({ index, reason: `no worker thread was left to compile it (${reason})` });
        resolve(lost);
      });
    };
    for (let i = 0; i < Math.min(o.threads, queue.length); i++) start();
    if (live === 0) resolve(lost);
  });
}
