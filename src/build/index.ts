/**
 * Build many connectors: the one pipeline behind `plugboard build`/`check` and the site's content
 * loader. connectors → jobs (connectors.ts) → cache (cache.ts, opt-in) → main thread or worker
 * pool (pool.ts) → per connector load, compile with every check, write the package, view
 * (connector.ts) → the output folder's record (out-folder.ts). One connector never stops the
 * others: what plugboard fails on is that connector's connector-internal-error.
 */
import { lookup, type ConnectorCache } from './cache.ts';
import type { ConnectorSteps, View } from './connector.ts';
import type { Job } from './connectors.ts';
import { readManifest, updateOutFolder, type Manifest } from './out-folder.ts';
import { outcomeFromData, outcomeToData, type Outcome } from './outcome.ts';
import { buildInWorkers, workerCount, type Threads } from './pool.ts';
import type { WorkerInit } from './worker.ts';

export interface BuildOptions<T> {
  threads: Threads;
  /**
   * Write each package into `<dir>/<id>/` and record the files in `<dir>/.plugboard-build.json`.
   * `prune`: every connector was built, so the recorded files of connectors that are gone are deleted.
   */
  out?: { dir: string; prune: boolean } | undefined;
  /**
   * The caller's view step: `view` runs in this thread, the default export of the module at the
   * URL `module` (the same step) in worker threads.
   */
  view?: { view: View<T>; module: string } | undefined;
  /** `--cache`: connectors whose entry is current are not built; fresh outcomes are stored. Without a view only. */
  cache?: ConnectorCache | undefined;
  /** Called as each connector finishes (in completion order). */
  onDone?: ((done: number, total: number, id: string) => void) | undefined;
  /** Tests: steps of buildConnector replaced in the main thread. */
  steps?: Partial<ConnectorSteps> | undefined;
  /** Tests: URL of a module whose default export replaces steps of buildConnector inside the worker threads. */
  workerSteps?: string | undefined;
}

export interface BuildRun<T> {
  /** One per job, in the order of the jobs. */
  outcomes: Array<Outcome<T>>;
  /** Connectors whose recorded package files were deleted (they are gone). */
  removed: string[];
  /** Set when the output folder could not be brought up to date: packages are written, but a stale one may stay. */
  outError?: unknown;
}

export async function buildConnectors<T = never>(jobs: readonly Job[], options: BuildOptions<T>): Promise<BuildRun<T>> {
  const manifest = options.out ? readManifest(options.out.dir) : undefined;
  const outcomes = await buildCached(jobs, options, manifest);
  if (!options.out) return { outcomes, removed: [] };
  try {
    return { outcomes, removed: updateOutFolder(options.out.dir, outcomes, options.out.prune) };
  } catch (error) {
    return { outcomes, removed: [], outError: error };
  }
}

async function buildCached<T>(jobs: readonly Job[], options: BuildOptions<T>, manifest: Manifest | undefined): Promise<Array<Outcome<T>>> {
  const cache = options.cache;
  if (!cache) return buildFresh(jobs, options, manifest);
  const { cached, keys } = lookup(cache, jobs);
  const outcomes = new Array<Outcome<T>>(jobs.length);
  const missing: number[] = [];
  let hits = 0;
  cached.forEach((data, i) => {
    if (!data) return void missing.push(i);
    outcomes[i] = outcomeFromData(data) as Outcome<T>;
    options.onDone?.(++hits, jobs.length, data.id);
  });
  if (missing.length === 0) return outcomes;
  // Only the misses decide between the main thread and workers.
  const fresh = await buildFresh(
    missing.map((i) => jobs[i]!),
    { ...options, onDone: (done, _total, id) => options.onDone?.(hits + done, jobs.length, id) },
    manifest,
  );
  fresh.forEach((outcome, k) => {
    const i = missing[k]!;
    outcomes[i] = outcome;
    if (keys[i]) cache.set(jobs[i]!, keys[i], outcomeToData(outcome));
  });
  return outcomes;
}

async function buildFresh<T>(jobs: readonly Job[], options: BuildOptions<T>, manifest: Manifest | undefined): Promise<Array<Outcome<T>>> {
  const outDir = options.out?.dir;
  const n = workerCount(jobs.length, options.threads);
  let done = 0;
  const onDone = (outcome: Outcome<T>) => options.onDone?.(++done, jobs.length, outcome.id);
  if (n > 0) {
    const init: WorkerInit = { outDir, manifest, view: options.view?.module, steps: options.workerSteps };
    return buildInWorkers<T>(jobs, n, init, onDone);
  }
  // Loaded here so that a parallel run's main thread never loads the compiler.
  const { buildConnector, STEPS } = await import('./connector.ts');
  const steps = { ...STEPS, ...options.steps };
  const view = options.view?.view;
  return jobs.map((job) => {
    const outcome = buildConnector(job, { outDir, previous: manifest?.get(job.id), view }, steps);
    onDone(outcome);
    return outcome;
  });
}
