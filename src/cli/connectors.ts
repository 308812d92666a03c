/** Which connector folders a command works on: all of `--connectors`, or the ids given. */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectorJobs, jobOf, listConnectorDirs, type Job } from '../build/connectors.ts';
import { UsageError, didYouMean, display } from './util.ts';
import { plural } from '../core/plural.ts';

/**
 * The jobs of `ids` under `root`, or of every connector there. A usage error (exit 2) when the
 * folder is missing or holds no connector — a mistyped --connectors must not pass as "no
 * problems" — and when an id names no connector (with the closest existing id).
 */
export function resolveJobs(root: string, ids: string[], command: string, cwd = process.cwd()): Job[] {
  const rootAbs = resolve(cwd, root);
  if (ids.length === 0) {
    if (!isDir(rootAbs)) throw new UsageError(`no connectors folder at ${display(rootAbs, cwd)} (use --connectors <dir>)`, command);
    const jobs = connectorJobs([rootAbs], cwd, display);
    if (jobs.length === 0) throw new UsageError(noConnectorMessage(rootAbs, cwd), command);
    return jobs;
  }
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const arg of ids) {
    // An id under --connectors, or (tab completion) the path of a connector folder.
    let dir = join(rootAbs, arg);
    if (!isDir(dir) && /[\\/]/.test(arg) && existsSync(join(resolve(cwd, arg), 'connector.mdx'))) dir = resolve(cwd, arg);
    if (!isDir(dir)) {
      const hint = didYouMean(arg, listConnectorDirs(rootAbs));
      throw new UsageError(`no connector \`${arg}\` in ${display(rootAbs, cwd)} (expected ${display(join(rootAbs, arg, 'connector.mdx'), cwd)})${hint}`, command);
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    jobs.push(jobOf(dir, cwd, display));
  }
  return jobs;
}

/** Folders shown by name when a connectors folder holds none with a connector.mdx. */
const SHOWN_FOLDERS = 5;

/** What a connector folder looks like, what the folder holds instead, and how to make one. */
export function noConnectorMessage(rootAbs: string, cwd = process.cwd()): string {
  const shown = display(rootAbs, cwd);
  const folders = subFolders(rootAbs);
  const powerPlatform = folders.filter((name) => lstatSync(join(rootAbs, name, 'apiDefinition.swagger.json'), { throwIfNoEntry: false })?.isFile());
  const lines = [`no connector in ${shown}/: a connector is a folder ${shown}/<id>/ holding a connector.mdx (actions/, triggers/ and definitions/ beside it)`];
  if (folders.length) {
    const listed = folders.slice(0, SHOWN_FOLDERS).join(', ') + (folders.length > SHOWN_FOLDERS ? ', …' : '');
    lines.push(`  ${shown}/ holds ${plural(folders.length, 'folder')} without connector.mdx: ${listed}`);
  }
  if (powerPlatform.length) {
    const example = `${shown}/${powerPlatform[0]}`;
    lines.push(
      powerPlatform.length === 1
        ? `  ${powerPlatform[0]} is a Power Platform connector folder: check it as it is with \`plugboard check ${example}\`, or convert it with \`plugboard import ${example}\``
        : `  ${plural(powerPlatform.length, 'is a Power Platform connector folder', 'are Power Platform connector folders')}: check them as they are with \`plugboard check ${shown}/*\`, or convert them with \`plugboard import ${shown}/*\``,
    );
  }
  lines.push('  Make a connector with `plugboard new <id>` or `plugboard import <source>`, or point --connectors at the folder that holds them');
  return lines.join('\n');
}

/** Real sub-folders, not hidden, sorted; nothing is followed. */
function subFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
