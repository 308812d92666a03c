/** Which connector folders a command works on: all of `--connectors`, or the ids given. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectorJobs, jobOf, type Job } from '../build/connectors.ts';
import { UsageError, display } from './util.ts';

export function resolveJobs(root: string, ids: string[], command: string, cwd = process.cwd()): Job[] {
  const rootAbs = resolve(cwd, root);
  if (ids.length === 0) {
    if (!isDir(rootAbs)) throw new UsageError(`no connectors folder at ${display(rootAbs, cwd)} (use --connectors <dir>)`, command);
    return connectorJobs([rootAbs], cwd, display);
  }
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const arg of ids) {
    // An id under --connectors, or (tab completion) the path of a connector folder.
    let dir = join(rootAbs, arg);
    if (!isDir(dir) && /[\\/]/.test(arg) && existsSync(join(resolve(cwd, arg), 'connector.mdx'))) dir = resolve(cwd, arg);
    if (!isDir(dir)) throw new UsageError(`no connector \`${arg}\` in ${display(rootAbs, cwd)} (expected ${display(join(rootAbs, arg, 'connector.mdx'), cwd)})`, command);
    if (seen.has(dir)) continue;
    seen.add(dir);
    jobs.push(jobOf(dir, cwd, display));
  }
  return jobs;
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
