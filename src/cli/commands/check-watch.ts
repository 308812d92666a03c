/**
 * `plugboard check --watch`: checks every connector once, then re-checks a connector each time a
 * file inside its folder changes (src/cli/watch.ts says which), printing that connector's
 * diagnostics and the summary of all. Re-checks run in this thread, whose compiler stays loaded,
 * so a save is answered in the time of one connector's compile. Stops cleanly, exit 0, on Ctrl-C.
 */
import { basename, dirname } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { buildConnectors } from '../../build/index.ts';
import type { ConnectorCache } from '../../build/cache.ts';
import { connectorJobs, jobOf, listConnectorDirs, type Job } from '../../build/connectors.ts';
import type { Outcome } from '../../build/outcome.ts';
import type { Threads } from '../../build/pool.ts';
import type { Preset } from '../../check/presets.ts';
import { stylish } from '../formatters/stylish.ts';
import { createProgress } from '../progress.ts';
import { watchConnectors } from '../watch.ts';
import { EXIT, display, problemsSummary, seconds, useColor } from '../util.ts';
import { plural } from '../../core/plural.ts';

export interface CheckWatchOptions {
  /** The connectors checked first. */
  jobs: Job[];
  /** The connectors folder (absolute). */
  root: string;
  /** Ids were given: only their folders are watched for. */
  named: boolean;
  threads: Threads;
  cache: ConnectorCache | undefined;
  /** The levels of a connector from the repository config (and --preset); absent: `recommended`. */
  levels?: ((target: { id: string; dir: string }) => Preset) | undefined;
}

/** Clears the screen and its scroll-back, cursor home: on a terminal only, never into a file or pipe. */
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';

export async function runCheckWatch(o: CheckWatchOptions): Promise<number> {
  const out = process.stdout;
  const color = useColor(out);
  const write = (text: string) => out.write(text);
  // Each connector's latest outcome, by folder.
  const outcomes = new Map<string, Outcome>();
  const roots = o.named ? [...new Set(o.jobs.map((j) => dirname(j.dir)))].sort() : [o.root];
  const only = o.named ? new Set(o.jobs.map((j) => j.dir)) : undefined;
  const watching = `Watching ${roots.map((r) => display(r)).join(', ')} for changes (Ctrl-C to stop).\n`;

  const started = performance.now();
  const progress = createProgress('checking', o.jobs.length);
  // Ctrl-C ends with exit status 0 at any time: during the first check (whose worker threads end
  // with the process) as well as while watching.
  let stopWatching: (() => void) | undefined;
  let stopped = false;
  const onInterrupt = () => {
    progress.clear();
    write('\n');
    if (stopWatching) stopWatching();
    else process.exit(EXIT.ok);
  };
  process.on('SIGINT', onInterrupt);
  let first;
  try {
    first = await buildConnectors(o.jobs, { threads: o.threads, cache: o.cache, onDone: (done, total, id) => progress.update(done, total, id) });
  } finally {
    progress.clear();
  }
  first.outcomes.forEach((outcome, i) => outcomes.set(o.jobs[i]!.dir, outcome));
  // A first run on worker threads left this thread without the compiler: load it now, not on
  // the first save (buildConnectors imports the same module for a run in this thread).
  await import('../../build/connector.ts');
  if (out.isTTY) write(CLEAR);
  write(stylish(first.outcomes.flatMap((x) => x.diagnostics), { color }));
  write(`${clock()} Checked ${countText(first.outcomes)} in ${seconds(performance.now() - started)}: ${problemsSummary(all(outcomes))}\n${watching}`);

  /** Re-checks `dirs` (or every folder), then prints what changed. */
  const recheck = async (dirs: string[] | 'all') => {
    const t0 = performance.now();
    const wanted = dirs === 'all' ? [...new Set([...outcomes.keys(), ...currentDirs(roots, only)])].sort() : dirs;
    const jobs: Job[] = [];
    const removed: string[] = [];
    for (const dir of wanted) {
      if (isConnectorFolder(dir)) {
        const job = jobOf(dir, process.cwd(), display);
        if (o.levels) job.preset = o.levels({ id: job.id, dir: job.dir });
        jobs.push(job);
      }
      else if (outcomes.delete(dir)) removed.push(dir);
    }
    if (jobs.length === 0 && removed.length === 0) return; // A folder without connector.mdx (yet).
    // In this thread, whose compiler is loaded: no worker to start for one connector.
    const run = jobs.length ? await buildConnectors(jobs, { threads: 1, cache: o.cache }) : { outcomes: [] };
    run.outcomes.forEach((outcome, i) => outcomes.set(jobs[i]!.dir, outcome));
    if (stopped) return;

    const done: string[] = [];
    if (run.outcomes.length) {
      const what = run.outcomes.length === 1 ? run.outcomes[0]!.id : countText(run.outcomes);
      done.push(`Checked ${what} in ${seconds(performance.now() - t0)}: ${problemsSummary(run.outcomes.flatMap((x) => x.diagnostics))}`);
    }
    if (removed.length) done.push(`${removed.map((d) => display(d)).join(', ')} removed`);
    if (out.isTTY) write(CLEAR);
    write(stylish(run.outcomes.flatMap((x) => x.diagnostics), { color }));
    write(`${clock()} ${done.join('; ')}. All ${plural(outcomes.size, 'connector')}: ${problemsSummary(all(outcomes))}\n${watching}`);
  };

  return new Promise<number>((resolve) => {
    const stop = (code: number) => {
      stopped = true;
      watcher.close();
      process.off('SIGINT', onInterrupt);
      resolve(code);
    };
    stopWatching = () => stop(EXIT.ok);
    const watcher = watchConnectors({
      roots,
      only,
      onChange: recheck,
      onError: (root, error) => {
        process.stderr.write(`plugboard check: stopped watching ${display(root)}: ${error.message}\n`);
        stop(EXIT.usage);
      },
    });
  });
}

function all(outcomes: Map<string, Outcome>): Diagnostic[] {
  return [...outcomes.values()].flatMap((o) => o.diagnostics);
}

function countText(outcomes: readonly Outcome[]): string {
  return `${plural(outcomes.length, 'connector')} (${plural(outcomes.reduce((n, x) => n + x.operations, 0), 'operation')})`;
}

/** `12:04:31`: which re-check a block of output belongs to, as `tsc --watch` shows it. */
function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** Still a connector folder, by the one lister's rule (src/build/connectors.ts). */
function isConnectorFolder(dir: string): boolean {
  return listConnectorDirs(dirname(dir)).includes(basename(dir));
}

/** The connector folders under the roots now (only the named ones, when ids were given). */
function currentDirs(roots: readonly string[], only: ReadonlySet<string> | undefined): string[] {
  return connectorJobs(roots, process.cwd())
    .map((j) => j.dir)
    .filter((dir) => !only || only.has(dir));
}
