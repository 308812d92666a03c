/**
 * The folder packages are written to (`plugboard build --out`, the site's package folder), and
 * what plugboard may delete in it.
 *
 * Packages go to `<out>/<id>/`. Beside them, `<out>/.plugboard-build.json` (the manifest) lists,
 * per connector id, the files plugboard wrote there. Only files listed in it are ever deleted:
 * a file a connector no longer has, or every file of a connector that no longer exists (the
 * folder too, once empty). Anything else in `--out` is not plugboard's — pages of a site, a folder
 * someone put there — and stays. Nothing is followed: every
 * folder on the way is checked with lstat, a symlink is left alone, nothing outside `--out` is
 * touched. Light on purpose (fs only): the main thread of a parallel run loads this.
 */
import { closeSync, constants, lstatSync, mkdirSync, openSync, renameSync, rmdirSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isSkipped, readRegularText } from '../core/safe-fs.ts';

export const MANIFEST = '.plugboard-build.json';
const FORMAT = 1;
/** A manifest over this is not read (a thousand connectors of ten files take about 500 KB). */
const MANIFEST_BYTES = 32 * 1024 * 1024;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Connector id → package files (relative POSIX paths) plugboard wrote under `<out>/<id>/`. */
export type Manifest = Map<string, string[]>;

/** A connector id usable as one folder name inside `--out`: one segment, no dot first. */
function isFolderName(id: string): boolean {
  return id.length > 0 && !id.startsWith('.') && !/[/\\\0]/.test(id);
}

/** A relative POSIX path that stays inside its folder: no empty, `.` or `..` segment. */
function isInsidePath(rel: string): boolean {
  return rel.length > 0 && !/[\\\0]/.test(rel) && rel.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The manifest of `outDir`; empty when there is none, or it is unreadable or of another shape. */
export function readManifest(outDir: string): Manifest {
  const manifest: Manifest = new Map();
  const text = readRegularText(join(outDir, MANIFEST), MANIFEST_BYTES);
  if (isSkipped(text)) return manifest;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return manifest;
  }
  const packages = (data as { format?: unknown; packages?: unknown } | null)?.packages;
  if ((data as { format?: unknown }).format !== FORMAT || !packages || typeof packages !== 'object') return manifest;
  for (const [id, files] of Object.entries(packages)) {
    if (!isFolderName(id) || !Array.isArray(files)) continue;
    manifest.set(id, files.filter((f): f is string => typeof f === 'string' && isInsidePath(f)));
  }
  return manifest;
}

function writeManifest(outDir: string, manifest: Manifest): void {
  const packages = Object.fromEntries([...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const file = join(outDir, MANIFEST);
  const temp = `${file}.${process.pid}.tmp`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(temp, JSON.stringify({ format: FORMAT, note: 'Files plugboard build wrote here; only these are ever deleted by it.', packages }, null, 2) + '\n');
  renameSync(temp, file);
}

/** lstat, or undefined when nothing is there. */
function entry(path: string) {
  return lstatSync(path, { throwIfNoEntry: false });
}

/** Creates `dir` (and its parents) unless it is there, and refuses it unless it is a real folder. */
export function ensureRealFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (!entry(dir)?.isDirectory()) throw new Error(`${dir} is a symbolic link or not a folder; plugboard writes packages only into real folders`);
}

/**
 * Writes `bytes` to `<dir>/<rel>`, creating real folders on the way and refusing to pass through
 * a symlink; a symlink (or device) where the file goes is removed, never written through.
 */
export function writeFileInside(dir: string, rel: string, bytes: Uint8Array): void {
  if (!isInsidePath(rel)) throw new Error(`refusing to write \`${rel}\`: not a path inside the package`);
  const parts = rel.split('/');
  let at = dir;
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    const st = entry(at);
    if (!st) mkdirSync(at);
    else if (!st.isDirectory()) throw new Error(`cannot write \`${rel}\`: \`${part}\` on the way is a symbolic link or a file`);
  }
  const file = join(at, parts.at(-1)!);
  const st = entry(file);
  if (st?.isDirectory()) throw new Error(`cannot write \`${rel}\`: a folder of that name is in the way`);
  if (st && !st.isFile()) unlinkSync(file);
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 0o666);
  try {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Deletes the listed files of `<dir>` that are still regular files reached through real folders,
 * then the folders they leave empty (and `dir` itself when `andFolder`). Returns how many files went.
 */
export function removeWritten(dir: string, files: readonly string[], andFolder = false): number {
  if (!entry(dir)?.isDirectory()) return 0;
  let removed = 0;
  const emptied = new Set<string>();
  for (const rel of files) {
    if (!isInsidePath(rel)) continue;
    const parts = rel.split('/');
    const folders = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    if (!folders.every((f) => entry(join(dir, f))?.isDirectory())) continue;
    if (!entry(join(dir, rel))?.isFile()) continue;
    unlinkSync(join(dir, rel));
    removed++;
    for (const f of folders) emptied.add(f);
  }
  // Deepest first, so that a parent is tried after its children.
  const candidates = [...emptied].sort((a, b) => b.split('/').length - a.split('/').length);
  if (andFolder) candidates.push('');
  for (const f of candidates) {
    try {
      if (entry(join(dir, f))?.isDirectory()) rmdirSync(join(dir, f));
    } catch {
      // Not empty: it holds files plugboard did not write, which stay.
    }
  }
  return removed;
}

export interface Written {
  id: string;
  /** Files written this run; undefined when the connector failed (what was recorded stays recorded). */
  files?: readonly string[] | undefined;
}

/**
 * After a build: records what was written, and, when `all` connectors were built, deletes what
 * plugboard had written for connectors that no longer exist. Returns the ids whose files went.
 */
export function updateOutFolder(outDir: string, written: readonly Written[], all: boolean): string[] {
  const before = readManifest(outDir);
  const after: Manifest = all ? new Map() : new Map(before);
  for (const { id, files } of written) {
    // `files` may come from a cache entry on disk: trust only inside paths.
    const kept = Array.isArray(files) ? files.filter((f) => typeof f === 'string' && isInsidePath(f)) : before.get(id);
    if (kept && isFolderName(id)) after.set(id, kept);
    else after.delete(id);
  }
  const gone: string[] = [];
  if (all) {
    for (const [id, files] of before) {
      if (after.has(id)) continue;
      if (removeWritten(join(outDir, id), files, true) > 0) gone.push(id);
    }
  }
  if (after.size > 0 || before.size > 0) writeManifest(outDir, after);
  return gone;
}

