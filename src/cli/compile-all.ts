/**
 * Compiles a list of connectors, in the main thread or across worker threads, and returns the
 * outcomes in the order of the list whatever thread finished first. Every job gets an outcome:
 * a connector plugboard fails on becomes a connector-internal-error (compile-one.ts), and the jobs
 * of a worker thread that dies (uncaught error, out of memory, process.exit) are compiled again,
 * each alone in a fresh worker; a connector that kills that one too is reported, not retried.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { firstLine } from '../check/rules/connector-internal-error.ts';
import { PARALLEL_THRESHOLD } from '../core/parallel.ts';
import { lookup, type ConnectorCache } from './cache.ts';
import type { ConnectorSteps } from './compile-one.ts';
import type { Manifest } from './out-folder.ts';
import { crashOutcome, outcomeFromData, outcomeToData, type Job, type Outcome } from './outcome.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker.ts';

export { PARALLEL_THRESHOLD };
export const DEFAULT_WORKERS = 2;

export interface CompileAllOptions {
  outDir: string | undefined;
  /** Threads compiling: 1 = the main thread alone, n > 1 = n worker threads; 'auto' = 2 workers above the threshold on a machine with 2+ cores. */
  jobs: number | 'auto';
  /** Called as each connector finishes (in completion order). */
  onDone?: (done: number, total: number, id: string) => void;
  /** `--cache`: connectors whose entry is current are not compiled; fresh outcomes are stored. */
  cache?: ConnectorCache | undefined;
  /** `build`: what earlier builds wrote into `outDir` (files a connector no longer has are deleted). */
  manifest?: Manifest | undefined;
  /** Tests: steps of compileOne replaced in the main thread. */
  steps?: Partial<ConnectorSteps> | undefined;
  /** Tests: URL of a module whose default export replaces steps of compileOne inside the worker threads. */
  workerSteps?: string | undefined;
}

/** Worker threads to start for `jobs` connectors; 0 means compile in the main thread. */
export function workerCount(jobs: number, requested: number | 'auto'): number {
  if (requested !== 'auto') return requested <= 1 || jobs < 2 ? 0 : Math.min(requested, jobs);
  if (jobs <= PARALLEL_THRESHOLD || availableParallelism() < 2) return 0;
  return DEFAULT_WORKERS;
}

export async function compileAll(jobs: Job[], options: CompileAllOptions): Promise<Outcome[]> {
  const cache = options.cache;
  if (!cache) return compileFresh(jobs, options);
  const { cached, keys } = lookup(cache, jobs);
  const outcomes = new Array<Outcome>(jobs.length);
  const missing: number[] = [];
  let hits = 0;
  cached.forEach((data, i) => {
    if (!data) return void missing.push(i);
    outcomes[i] = outcomeFromData(data);
    options.onDone?.(++hits, jobs.length, data.id);
  });
  if (missing.length === 0) return outcomes;
  // Only the misses decide between the main thread and workers.
  const fresh = await compileFresh(
    missing.map((i) => jobs[i]!),
    { ...options, onDone: (done, _total, id) => options.onDone?.(hits + done, jobs.length, id) },
  );
  fresh.forEach((outcome, k) => {
    const i = missing[k]!;
    outcomes[i] = outcome;
    if (keys[i]) cache.set(jobs[i]!, keys[i], outcomeToData(outcome));
  });
  return outcomes;
}

function compileFresh(jobs: Job[], options: CompileAllOptions): Promise<Outcome[]> {
  const n = workerCount(jobs.length, options.jobs);
  return n === 0 ? compileSerial(jobs, options) : compileParallel(jobs, n, options);
}

async function compileSerial(jobs: Job[], options: CompileAllOptions): Promise<Outcome[]> {
  // Loaded here so that a parallel run's main thread never loads the compiler.
  const { compileOne, STEPS } = await import('./compile-one.ts');
  const steps = { ...STEPS, ...options.steps };
  const outcomes: Outcome[] = [];
  for (const job of jobs) {
    outcomes.push(compileOne(job, { outDir: options.outDir, previous: options.manifest?.get(job.id) }, steps));
    options.onDone?.(outcomes.length, jobs.length, job.id);
  }
  return outcomes;
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
 * A worker compiles its batch in order, so when it dies the first job it had not finished is the
 * one it died on: that one goes through a fresh pool again one at a time, and dying there too
 * makes it that connector's internal error; the rest of the batch goes back to the queue.
 */
async function compileParallel(jobs: Job[], n: number, options: CompileAllOptions): Promise<Outcome[]> {
  const outcomes = new Array<Outcome | undefined>(jobs.length);
  let done = 0;
  const record = (index: number, outcome: Outcome) => {
    if (outcomes[index]) return;
    outcomes[index] = outcome;
    options.onDone?.(++done, jobs.length, outcome.id);
  };
  // Small batches keep every thread busy to the end (connectors differ a lot in size).
  const batch = Math.max(1, Math.min(4, Math.ceil(jobs.length / (n * 8))));
  const init: WorkerInit = { outDir: options.outDir, manifest: options.manifest, steps: options.workerSteps };
  const pool = (queue: number[], threads: number, size: number) => runPool({ jobs, queue, threads, batch: size, init, record, isDone: (i) => !!outcomes[i] });
  const lost = await pool(jobs.map((_, i) => i), n, batch);
  const again = lost.filter((l) => !outcomes[l.index]).map((l) => l.index);
  if (again.length) {
    for (const { index, reason } of await pool(again, Math.min(n, again.length), 1)) record(index, crashOutcome(jobs[index]!, 'compiling', new Error(reason)));
  }
  return outcomes.map((o, i) => o ?? crashOutcome(jobs[i]!, 'compiling', new Error('no worker thread returned a result')));
}

interface PoolOptions {
  jobs: Job[];
  /** Indexes into `jobs`, in the order to hand them out. */
  queue: number[];
  threads: number;
  batch: number;
  init: WorkerInit;
  record: (index: number, outcome: Outcome) => void;
  isDone: (index: number) => boolean;
}

/**
 * Runs the queue on worker threads and resolves, once every worker has exited, with the jobs that
 * did not come back. A worker that dies holding jobs loses the one it was compiling (the first it
 * held), gives the others back to the queue and is replaced: each death retires one job, so at most
 * `threads + queue.length` workers ever start. One that dies holding none is not replaced, and when
 * none is left the rest of the queue is returned as lost.
 */
function runPool(o: PoolOptions): Promise<Lost[]> {
  const queue = [...o.queue];
  const lost: Lost[] = [];
  let live = 0;
  return new Promise((resolve) => {
    const start = () => {
      const held = new Set<number>();
      let failure: unknown;
      let worker: Worker;
      try {
        worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: o.init });
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
          o.record(message.index, outcomeFromData(message.outcome));
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
        const [compiling, ...untouched] = held;
        if (compiling !== undefined) lost.push({ index: compiling, reason });
        queue.unshift(...untouched);
        if (compiling !== undefined && queue.length > 0) start();
        if (live > 0) return;
        for (const index of queue.splice(0)) lost.push({ index, reason: `no worker thread was left to compile it (${reason})` });
        resolve(lost);
      });
    };
    for (let i = 0; i < Math.min(o.threads, queue.length); i++) start();
    if (live === 0) resolve(lost);
  });
}
