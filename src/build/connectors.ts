/**
 * Which connector folders there are: the one lister of the CLI (`build`, `check`) and the site.
 * A job names one connector folder; its `display` is how diagnostics show that folder.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Preset } from '../check/presets.ts';

export interface Job {
  /** Connector id: the folder name. */
  id: string;
  /** Absolute folder path. */
  dir: string;
  /** The folder as shown in diagnostics, like `connectors/github-issues`. */
  display: string;
  /**
   * The levels this connector is checked with (the repository config resolved for it,
   * src/check/config.ts levelsFor); absent: `recommended`. Plain data: it crosses worker threads
   * with the job, and is part of the cache key.
   */
  preset?: Preset;
}

/** How a folder is shown in diagnostics, relative to `cwd`. */
export type Display = (path: string, cwd: string) => string;

/** The path relative to `cwd`, with forward slashes (the site's "edit this file" links use it). */
export const relativeDisplay: Display = (path, cwd) => {
  const rel = relative(cwd, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
};

/** True when `path` (a symlink) leads to a folder; stat only, nothing is opened. */
function leadsToFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Connector folders under `root`, sorted: every real sub-folder holding a `connector.mdx` (of any
 * type, so that a symlinked one is reported), and every symlink to a folder (`connectors/evil ->
 * /etc`), which loadConnector reports instead of reading.
 */
export function listConnectorDirs(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      const full = join(root, name);
      const st = lstatSync(full, { throwIfNoEntry: false });
      if (st?.isSymbolicLink()) return leadsToFolder(full);
      return !!st?.isDirectory() && lstatSync(join(full, 'connector.mdx'), { throwIfNoEntry: false }) !== undefined;
    })
    .sort();
}

/** The job of the connector folder `dir`. */
export function jobOf(dir: string, cwd: string, display: Display = relativeDisplay): Job {
  const abs = resolve(cwd, dir);
  return { id: basename(abs), dir: abs, display: display(abs, cwd) };
}

/**
 * Every connector folder under the `roots` (relative to `cwd`), sorted by id; when two roots hold
 * the same id, the first root's folder wins.
 */
export function connectorJobs(roots: readonly string[], cwd: string, display: Display = relativeDisplay): Job[] {
  const seen = new Map<string, Job>();
  for (const root of roots) {
    const base = resolve(cwd, root);
    for (const id of listConnectorDirs(base)) if (!seen.has(id)) seen.set(id, jobOf(join(base, id), cwd, display));
  }
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
