/**
 * Compiles a list of connectors, in the main thread or across worker threads, and returns the
 * outcomes in the order of the list whatever thread finished first.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PARALLEL_THRESHOLD } from '../core/parallel.ts';
import { lookup, type ConnectorCache } from './cache.ts';
import { outcomeFromData, outcomeToData, type Job, type Outcome } from './outcome.ts';
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
  const { compileOne } = await import('./compile-one.ts');
  const outcomes: Outcome[] = [];
  for (const job of jobs) {
    outcomes.push(compileOne(job, { outDir: options.outDir }));
    options.onDone?.(outcomes.length, jobs.length, job.id);
  }
  return outcomes;
}

/**
 * `n` worker threads pull small batches from one queue (dynamic, so a run of large connectors
 * does not leave one worker idle); the main thread only hands out work and collects results.
 * Measured: letting the main thread compile too (main + 1 worker) was no faster than 2 workers.
 */
function compileParallel(jobs: Job[], n: number, options: CompileAllOptions): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(jobs.length);
  // Small batches keep every thread busy to the end (connectors differ a lot in size).
  const batch = Math.max(1, Math.min(4, Math.ceil(jobs.length / (n * 8))));
  let next = 0;
  let done = 0;
  const record = (index: number, outcome: Outcome) => {
    outcomes[index] = outcome;
    options.onDone?.(++done, jobs.length, outcome.id);
  };
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let pending = n;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const finish = () => {
      if (failed || --pending > 0) return;
      if (done < jobs.length) fail(new Error(`compiled ${done} of ${jobs.length} connectors`));
      else resolve(outcomes);
    };
    for (let i = 0; i < n; i++) {
      const init: WorkerInit = { outDir: options.outDir };
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: init });
      workers.push(worker);
      const send = (message: ToWorker) => worker.postMessage(message);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'result') record(message.index, outcomeFromData(message.outcome));
        else if (next < jobs.length && !failed) {
          const slice = jobs.slice(next, next + batch).map((job, k) => ({ index: next + k, job }));
          next += slice.length;
          send({ type: 'jobs', jobs: slice });
        } else send({ type: 'stop' });
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`worker thread exited with code ${code}`));
        else finish();
      });
    }
  });
}
