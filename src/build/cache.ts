/**
 * The opt-in cache of `build --cache` / `check --cache`: one entry per connector, reused while
 * nothing that could change its outcome has changed. A cached connector is not parsed or compiled.
 *
 * Key: sha256 of the cache format, plugboard's version, a hash of plugboard's own files (src/,
 * package.json, package-lock.json: a code or dependency change invalidates every entry), the
 * command, how the folder is displayed in diagnostics, the levels it is checked with (the
 * repository config or --preset, when given), and every file of the connector folder
 * (relative path and bytes, in sorted order) as the loader lists it: symlinks, devices and FIFOs
 * are never followed or opened, and each entry it leaves out counts with its reason.
 * Value: the outcome (operations count and diagnostics), and for `build` a listing of the written
 * package (relative paths, sizes, modification times): a hit for `build` also requires that listing
 * to match what is on disk, so a package deleted or touched since is written again.
 *
 * Entries live at `<dir>/<command>/<id>.json`, one per connector id (a new key replaces the old
 * entry, so the cache does not grow with edits), written atomically (temp file + rename). An entry
 * that cannot be read or does not have the expected shape is ignored and replaced.
 * Light on purpose, like outcome.ts: a run where every connector hits never loads the compiler.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listConnectorFolder, readConnectorFile } from '../compiler/load.ts';
import { isSkipped, type SkippedEntry } from '../core/safe-fs.ts';
import type { Job } from './connectors.ts';
import type { OutcomeData } from './outcome.ts';

/** Bump when the entry format or the key recipe changes. */
const FORMAT = 3;

export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/plugboard';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Entry {
  format: number;
  key: string;
  outcome: OutcomeData;
  /** `build` only: the written package as `path size mtimeMs` lines. */
  output?: string;
}

/** Files below `dir`, one of plugboard's own folders, as sorted POSIX paths; [] when `dir` is not a folder. */
function listFiles(dir: string, prefix = '', out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    const st = statSync(full, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) listFiles(full, prefix + name + '/', out);
    else if (st.isFile()) out.push(prefix + name);
  }
  return out;
}

function addFile(hash: Hash, rel: string, bytes: Buffer): void {
  // Length-prefixed, so that no two different folders give the same stream.
  hash.update(`${rel}\0${bytes.length}\0`);
  hash.update(bytes);
}

function addSkipped(hash: Hash, entry: SkippedEntry): void {
  // A leading NUL cannot start a file name, so a skipped entry never reads as a file.
  hash.update(`\0skipped\0${entry.rel}\0${entry.reason}\0${entry.detail}\0`);
}

let codeHashMemo: string | undefined;

/**
 * Hash of plugboard's version and its own files (the `src` and `lib` folders, package.json and
 * package-lock.json of the installed package). `root` is for tests.
 */
export function codeHash(root = PACKAGE_ROOT): string {
  if (root === PACKAGE_ROOT && codeHashMemo) return codeHashMemo;
  const hash = createHash('sha256');
  let version = '';
  try {
    version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    // No readable package.json: the file hashes below still tell versions apart.
  }
  hash.update(`plugboard ${version}\0`);
  // src/ in a checkout; lib/ (the compiled code) in the installed package.
  for (const folder of ['src', 'lib']) for (const rel of listFiles(join(root, folder))) addFile(hash, `${folder}/${rel}`, readFileSync(join(root, folder, rel)));
  for (const rel of ['package.json', 'package-lock.json']) {
    try {
      addFile(hash, rel, readFileSync(join(root, rel)));
    } catch {
      // Not there: nothing to hash.
    }
  }
  const digest = hash.digest('hex');
  if (root === PACKAGE_ROOT) codeHashMemo = digest;
  return digest;
}

/** The `path size mtimeMs` listing of a written package, or undefined when it is not there. */
function outputListing(dir: string): string | undefined {
  const files = listFiles(dir);
  if (files.length === 0) return undefined;
  return files
    .map((rel) => {
      const st = statSync(join(dir, rel));
      return `${rel} ${st.size} ${st.mtimeMs}`;
    })
    .join('\n');
}

function isEntry(value: unknown): value is Entry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Partial<Entry>;
  const o = e.outcome as Partial<OutcomeData> | undefined;
  return (
    e.format === FORMAT &&
    typeof e.key === 'string' &&
    !!o &&
    typeof o === 'object' &&
    typeof o.id === 'string' &&
    typeof o.operations === 'number' &&
    Array.isArray(o.diagnostics) &&
    o.diagnostics.every((d) => !!d && typeof d === 'object' && typeof d.message === 'string' && typeof d.ruleId === 'string' && Array.isArray(d.args)) &&
    o.crash === undefined &&
    (e.output === undefined || typeof e.output === 'string')
  );
}

export interface CacheOptions {
  /** The cache folder (created on first write). */
  dir: string;
  command: 'build' | 'check';
  /** `build`: where packages are written, `<outDir>/<id>/`. */
  outDir?: string | undefined;
  /** Overrides codeHash(), for tests. */
  code?: string;
}

export class ConnectorCache {
  readonly dir: string;
  readonly command: 'build' | 'check';
  readonly outDir: string | undefined;
  private readonly code: string;
  hits = 0;
  misses = 0;

  constructor(options: CacheOptions) {
    this.dir = options.dir;
    this.command = options.command;
    this.outDir = options.outDir;
    this.code = options.code ?? codeHash();
  }

  /** The key of a connector as its folder is now. */
  key(job: Job): string {
    const hash = createHash('sha256');
    hash.update(`plugboard-cache ${FORMAT}\0${this.code}\0${this.command}\0${job.id}\0${job.display}\0`);
    // The levels of the repository config (and --preset) decide the diagnostics too.
    if (job.preset) hash.update(`preset\0${JSON.stringify(Object.entries(job.preset).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}\0`);
    // The loader's own listing and reads (src/compiler/load.ts): nothing is followed or opened that
    // the compile would not open, and what it leaves out is part of the key, reason and all.
    const listing = listConnectorFolder(job.dir);
    for (const { rel } of listing.files) {
      const bytes = readConnectorFile(job.dir, rel);
      if (isSkipped(bytes)) addSkipped(hash, { ...bytes, rel });
      else addFile(hash, rel, bytes);
    }
    for (const entry of listing.skipped) addSkipped(hash, entry);
    return hash.digest('hex');
  }

  private file(id: string): string {
    return join(this.dir, this.command, `${id}.json`);
  }

  /** The cached outcome for `key`, or undefined (no entry, another key, unreadable, package changed). */
  get(job: Job, key: string): OutcomeData | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.file(job.id), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isEntry(entry) || entry.key !== key || entry.outcome.id !== job.id) return undefined;
    if (this.command === 'build') {
      if (this.outDir === undefined || entry.output === undefined) return undefined;
      if (outputListing(join(this.outDir, job.id)) !== entry.output) return undefined;
    }
    return entry.outcome;
  }

  /** Records a fresh outcome. Crashes are not cached (they may not happen again); write errors are ignored. */
  set(job: Job, key: string, outcome: OutcomeData): void {
    if (outcome.crash) return;
    const entry: Entry = { format: FORMAT, key, outcome };
    if (this.command === 'build') {
      const output = this.outDir === undefined ? undefined : outputListing(join(this.outDir, job.id));
      if (output === undefined) return;
      entry.output = output;
    }
    const file = this.file(job.id);
    const temp = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.dir, this.command), { recursive: true });
      writeFileSync(temp, JSON.stringify(entry));
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }
}

/** Splits `jobs` into cached outcomes and the jobs to compile, with their keys. */
export function lookup(cache: ConnectorCache, jobs: readonly Job[]): { cached: Array<OutcomeData | undefined>; keys: string[] } {
  const keys: string[] = [];
  const cached: Array<OutcomeData | undefined> = [];
  for (const job of jobs) {
    let key: string;
    try {
      key = cache.key(job);
    } catch {
      // Unreadable folder: compile it, which reports the problem.
      key = '';
    }
    keys.push(key);
    const hit = key ? cache.get(job, key) : undefined;
    if (hit) cache.hits++;
    else cache.misses++;
    cached.push(hit);
  }
  return { cached, keys };
}
