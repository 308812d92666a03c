/**
 * Compiles a list of connectors, in the main thread or across worker threads, and returns the
 * outcomes in the order of the list whatever thread finished first.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadRunChecks } from './checks.ts';
import { compileOne, outcomeFromData, type Job, type Outcome } from './compile-one.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker.ts';

/** Below this many connectors, starting workers (each loads the compiler afresh) costs more than it saves. */
export const PARALLEL_THRESHOLD = 50;
export const DEFAULT_WORKERS = 2;

export interface CompileAllOptions {
  outDir: string | undefined;
  /** Threads compiling: 1 = the main thread alone, n > 1 = n worker threads; 'auto' = 2 workers above the threshold on a machine with 2+ cores. */
  jobs: number | 'auto';
  /** Called as each connector finishes (in completion order). */
  onDone?: (done: number, total: number, id: string) => void;
}

/** Worker threads to start for `jobs` connectors; 0 means compile in the main thread. */
export function workerCount(jobs: number, requested: number | 'auto'): number {
  if (requested !== 'auto') return requested <= 1 || jobs < 2 ? 0 : Math.min(requested, jobs);
  if (jobs <= PARALLEL_THRESHOLD || availableParallelism() < 2) return 0;
  return DEFAULT_WORKERS;
}

export async function compileAll(jobs: Job[], options: CompileAllOptions): Promise<Outcome[]> {
  const n = workerCount(jobs.length, options.jobs);
  return n === 0 ? compileSerial(jobs, options) : compileParallel(jobs, n, options);
}

async function compileSerial(jobs: Job[], options: CompileAllOptions): Promise<Outcome[]> {
  const runChecks = await loadRunChecks();
  const outcomes: Outcome[] = [];
  for (const job of jobs) {
    outcomes.push(compileOne(job, { outDir: options.outDir, runChecks }));
    options.onDone?.(outcomes.length, jobs.length, job.id);
  }
  return outcomes;
}

function compileParallel(jobs: Job[], n: number, options: CompileAllOptions): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(jobs.length);
  // Small batches keep both workers busy to the end (connectors differ a lot in size).
  const batch = Math.max(1, Math.min(16, Math.ceil(jobs.length / (n * 8))));
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let running = n;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    for (let i = 0; i < n; i++) {
      const init: WorkerInit = { outDir: options.outDir };
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: init });
      workers.push(worker);
      const send = (message: ToWorker) => worker.postMessage(message);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'result') {
          const outcome = outcomeFromData(message.outcome);
          outcomes[message.index] = outcome;
          options.onDone?.(++done, jobs.length, outcome.id);
        } else if (next < jobs.length) {
          const slice = jobs.slice(next, next + batch).map((job, k) => ({ index: next + k, job }));
          next += slice.length;
          send({ type: 'jobs', jobs: slice });
        } else send({ type: 'stop' });
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (failed) return;
        if (code !== 0) return fail(new Error(`worker thread exited with code ${code}`));
        if (--running === 0) {
          if (done < jobs.length) fail(new Error(`worker threads stopped after ${done} of ${jobs.length} connectors`));
          else resolve(outcomes);
        }
      });
    }
  });
}
