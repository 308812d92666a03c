/**
 * Compiles every connector for the site: in this thread for a few, on worker threads (2 by
 * default, `PLUGBOARD_SITE_JOBS` to change) for many, the way `plugboard build --jobs auto` does.
 * Results come back in id order whatever the thread that compiled them.
 *
 * One connector never stops the others: a connector that throws becomes a failed entry
 * (failed.ts). A worker compiles its share in order, so when it dies (uncaught error, out of
 * memory, process.exit) the first connector it had not returned is the one it died on: that one is
 * compiled once more in a fresh worker after all the others, and becomes a failed entry if it kills
 * that one too; the rest of the share goes to a fresh worker. Each death retires one connector, so the number of
 * workers started is bounded by the number of connectors plus the threads.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { firstLine } from '../check/rules/connector-internal-error.ts';
import { PARALLEL_THRESHOLD } from '../core/parallel.ts';
import type { SiteConnector } from './connectors.ts';
import { failedEntry, siteConnectorOrFailure, type BuildSiteConnector, type SiteJob } from './failed.ts';

export type CompileJob = SiteJob;

/** What the main thread sends a worker (workerData) and what it posts back per connector. */
export interface SiteWorkerInit {
  jobs: Array<{ index: number; job: SiteJob }>;
  packages: string;
}
export interface SiteWorkerResult {
  index: number;
  connector: SiteConnector;
}

export interface CompileConnectorsOptions {
  /** Worker threads for a large set; below 2, or at most PARALLEL_THRESHOLD connectors, this thread compiles. */
  threads?: number;
  /** Tests: how one connector is built in this thread. */
  build?: BuildSiteConnector;
  /** Tests: the worker module (default compile-worker.ts). */
  workerFile?: string;
}

function workerFile(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL('./compile-worker.ts', import.meta.url)));
  } catch {
    // Not a file URL (bundled): fall back to the source tree.
  }
  candidates.push(join(process.cwd(), 'src', 'site', 'compile-worker.ts'));
  return candidates.find((f) => existsSync(f));
}

export async function compileConnectors(jobs: readonly CompileJob[], packages: string, options: CompileConnectorsOptions = {}): Promise<SiteConnector[]> {
  const threads = options.threads ?? Number(process.env.PLUGBOARD_SITE_JOBS ?? 2);
  const file = options.workerFile ?? workerFile();
  if (jobs.length <= PARALLEL_THRESHOLD || !(threads >= 2) || !file) return jobs.map((j) => siteConnectorOrFailure(j, packages, options.build));
  const results = new Array<SiteConnector | undefined>(jobs.length);
  const shares = Array.from({ length: threads }, (_, t) => jobs.map((_, i) => i).filter((i) => i % threads === t));
  const suspects = await runShares(file, jobs, packages, shares, results);
  // The connectors workers died on, once more in a fresh worker: a death there is final for the one it was on.
  const lost = suspects.length ? await runShares(file, jobs, packages, [suspects.map((s) => s.index)], results) : [];
  for (const { index, reason } of lost) results[index] = failedEntry(jobs[index]!, 'compiling', new Error(reason));
  return results
    .map((c, i) => c ?? failedEntry(jobs[i]!, 'compiling', new Error('no worker thread returned a result')))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

interface Lost {
  index: number;
  reason: string;
}

/**
 * Runs each share on its own worker and resolves when all have exited, with the connectors that
 * workers died on. When a worker dies, the rest of its share goes to a new worker.
 */
function runShares(file: string, jobs: readonly SiteJob[], packages: string, shares: number[][], results: Array<SiteConnector | undefined>): Promise<Lost[]> {
  const lost: Lost[] = [];
  let live = 0;
  return new Promise((resolve) => {
    const start = (share: number[]) => {
      const init: SiteWorkerInit = { jobs: share.map((index) => ({ index, job: { ...jobs[index]! } })), packages };
      let failure: unknown;
      let worker: Worker;
      try {
        worker = new Worker(file, { workerData: init });
      } catch (error) {
        for (const index of share) lost.push({ index, reason: `no worker thread could start: ${firstLine(error)}` });
        return;
      }
      live++;
      worker.on('message', (m: SiteWorkerResult) => {
        results[m.index] ??= m.connector;
      });
      worker.on('error', (error) => {
        failure = error;
      });
      worker.on('exit', (code) => {
        live--;
        const [compiling, ...untouched] = share.filter((i) => !results[i]);
        if (compiling !== undefined) {
          lost.push({ index: compiling, reason: failure !== undefined ? `the worker thread failed: ${firstLine(failure)}` : `the worker thread stopped (exit code ${code})` });
        }
        if (untouched.length) start(untouched);
        if (live === 0) resolve(lost);
      });
    };
    for (const share of shares) if (share.length) start(share);
    if (live === 0) resolve(lost);
  });
}
