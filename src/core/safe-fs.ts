/**
 * The one way plugboard reads a folder it was handed: a connector folder from a pull request, a
 * downloaded Power Platform folder, the files an imported document `$ref`s. Folders arrive from
 * anyone, so only regular files inside the folder are read: a symlink (to a file or a folder), a
 * device, a FIFO or a socket is never opened, and every read, listing and descent is bounded.
 * What is left out comes back as a `SkippedEntry`, for the caller to report as a diagnostic.
 * The threat model and the limits are in the README ("Running plugboard on untrusted pull requests").
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Limits on what one folder or file may make plugboard do. Stated in the README. */
export const LIMITS = {
  /** Bytes of one MDX, JSON or YAML source file (a connector file, or a file a `$ref` names). */
  sourceBytes: 4 * 1024 * 1024,
  /** Bytes of one asset (icon, script.csx…); the platform takes an icon under 1 MB and a script under 1 MB. */
  assetBytes: 4 * 1024 * 1024,
  /** Bytes of one document given to `import` (an OpenAPI file, a Postman collection, a Swagger file). */
  importBytes: 10 * 1024 * 1024,
  /** Entries read from one connector folder, sub-folders included. */
  folderEntries: 5_000,
  /** Sub-folder depth below the connector folder. */
  folderDepth: 8,
} as const;

export type SkipReason = 'symlink' | 'special' | 'too-large' | 'too-many' | 'too-deep' | 'unreadable';

/** An entry that was not read, and why. `rel` uses forward slashes, relative to the folder. */
export interface SkippedEntry {
  rel: string;
  reason: SkipReason;
  /** A sentence for the diagnostic: "is a symbolic link to /etc/passwd", "is 12.0 MB; the limit is 4 MB". */
  detail: string;
}

export interface RegularFile {
  rel: string;
  size: number;
}

/** A path with forward slashes, as plugboard shows and keys paths on every system. */
export const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}

/** "is 4.2 MB; the limit is 4.0 MB", in exact bytes when rounding would show two equal sizes. */
export function sizeOverLimit(size: number, limit: number): string {
  const [a, b] = [formatBytes(size), formatBytes(limit)];
  if (a !== b) return `is ${a}; the limit is ${b}`;
  const exact = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  return `is ${exact(size)}; the limit is ${exact(limit)}`;
}

/** What a non-regular, non-directory entry is, in words. */
function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function symlinkDetail(full: string): string {
  // The target is shown so that a reviewer sees what the link was after; it is never opened.
  try {
    return `is a symbolic link (to \`${readlinkSync(full).slice(0, 200)}\`); links are not followed`;
  } catch {
    return 'is a symbolic link; links are not followed';
  }
}

/** Why `st` (from lstat) is not a readable regular file, or undefined when it is one within `maxBytes`. */
export function unreadableReason(full: string, st: Stats, maxBytes: number): Omit<SkippedEntry, 'rel'> | undefined {
  if (st.isSymbolicLink()) return { reason: 'symlink', detail: symlinkDetail(full) };
  if (!st.isFile()) return { reason: 'special', detail: `is ${kindOf(st)}; only regular files are read` };
  if (st.size > maxBytes) return { reason: 'too-large', detail: sizeOverLimit(st.size, maxBytes) };
  return undefined;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Reads a regular file of at most `maxBytes`, refusing a symlink in its last component (O_NOFOLLOW),
 * never blocking on a FIFO (O_NONBLOCK), and checking the type and size on the opened descriptor, so
 * a file swapped between a listing and the read is still refused. Reads no more than `maxBytes + 1`.
 */
export function readRegularFile(full: string, maxBytes: number, rel = full): Buffer | SkippedEntry {
  let fd: number;
  try {
    const st = lstatSync(full);
    const why = unreadableReason(full, st, maxBytes);
    if (why) return { rel, ...why };
    fd = openSync(full, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { rel, reason: 'symlink', detail: 'is a symbolic link; links are not followed' };
    return { rel, reason: 'unreadable', detail: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { rel, reason: 'special', detail: `is ${kindOf(st)}; only regular files are read` };
    if (st.size > maxBytes) return { rel, reason: 'too-large', detail: sizeOverLimit(st.size, maxBytes) };
    // The size may change while reading; never read more than the limit allows.
    const buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total === buffer.length) break;
    }
    if (total > maxBytes) return { rel, reason: 'too-large', detail: `is over ${formatBytes(maxBytes)}, the limit` };
    return buffer.subarray(0, total);
  } catch (error) {
    return { rel, reason: 'unreadable', detail: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** `readRegularFile` as UTF-8 text (a leading byte order mark is kept for the caller to judge). */
export function readRegularText(full: string, maxBytes: number, rel = full): string | SkippedEntry {
  const result = readRegularFile(full, maxBytes, rel);
  return Buffer.isBuffer(result) ? result.toString('utf8') : result;
}

export function isSkipped(value: unknown): value is SkippedEntry {
  return !!value && typeof value === 'object' && !Buffer.isBuffer(value) && 'reason' in value && 'detail' in value;
}

/** True when `dir` is a real directory (not a symlink to one). */
export function isRealDirectory(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

export interface FolderListing {
  /** Regular files within the limits, sorted by relative path. */
  files: RegularFile[];
  /** Real sub-folders that were entered, sorted. */
  dirs: string[];
  /** Everything left out, sorted by relative path. */
  skipped: SkippedEntry[];
}

export interface ListOptions {
  /** Size limit for a file (default LIMITS.assetBytes); a function to choose by relative path. */
  maxBytes?: number | ((rel: string) => number);
  maxEntries?: number;
  maxDepth?: number;
  /** Names (at any depth) not listed at all, like `.git` (default: names starting with a dot). */
  ignore?: (name: string, rel: string) => boolean;
  /**
   * Entries visited before the others of their folder (then sorted as usual), so that what matters
   * most is read before the entry limit: a connector's sources before its assets.
   */
  first?: (rel: string) => boolean;
}

/**
 * Lists a folder without following anything: lstat on every entry, regular files and real folders
 * only, at most `maxEntries` entries and `maxDepth` levels. Never throws for what it finds inside.
 */
export function listFolder(dir: string, options: ListOptions = {}): FolderListing {
  const maxEntries = options.maxEntries ?? LIMITS.folderEntries;
  const maxDepth = options.maxDepth ?? LIMITS.folderDepth;
  const sizeFor = typeof options.maxBytes === 'function' ? options.maxBytes : () => (options.maxBytes as number | undefined) ?? LIMITS.assetBytes;
  const ignore = options.ignore ?? ((name: string) => name.startsWith('.'));
  const first = options.first ?? (() => false);
  const out: FolderListing = { files: [], dirs: [], skipped: [] };
  let entries = 0;
  let stopped = false;
  const walk = (abs: string, relDir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch (error) {
      if (relDir) out.skipped.push({ rel: relDir, reason: 'unreadable', detail: `cannot be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    const relOf = (name: string) => (relDir ? `${relDir}/${name}` : name);
    const ordered = [...names.filter((n) => first(relOf(n))), ...names.filter((n) => !first(relOf(n)))];
    for (const name of ordered) {
      if (stopped) return;
      const rel = relOf(name);
      if (ignore(name, rel)) continue;
      if (++entries > maxEntries) {
        out.skipped.push({ rel, reason: 'too-many', detail: `is past the limit of ${maxEntries} entries in the folder (sub-folders included); it and the entries after it were not read` });
        stopped = true;
        return;
      }
      const full = join(abs, name);
      let st: Stats;
      try {
        st = lstatSync(full);
      } catch (error) {
        out.skipped.push({ rel, reason: 'unreadable', detail: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      if (st.isDirectory()) {
        if (depth + 1 > maxDepth) {
          out.skipped.push({ rel, reason: 'too-deep', detail: `is more than ${maxDepth} folders deep; it was not read` });
          continue;
        }
        out.dirs.push(rel);
        walk(full, rel, depth + 1);
        continue;
      }
      const why = unreadableReason(full, st, sizeFor(rel));
      if (why) out.skipped.push({ rel, ...why });
      else out.files.push({ rel, size: st.size });
    }
  };
  walk(dir, '', 0);
  const byRel = (a: { rel: string }, b: { rel: string }) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  out.files.sort(byRel);
  out.skipped.sort(byRel);
  out.dirs.sort();
  return out;
}

/**
 * Resolves `target` (relative to `fromDir`) and returns it only when it stays inside `root`
 * lexically; undefined for an absolute path outside, a `..` escape or a URL. Symlinks are judged
 * later, when the file is read (`readInside`).
 */
export function resolveInside(root: string, fromDir: string, target: string): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target) && !/^[a-zA-Z]:[\\/]/.test(target)) return undefined;
  const full = isAbsolute(target) ? resolve(target) : resolve(fromDir, target);
  const rel = relative(resolve(root), full);
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return undefined;
  return full;
}

/**
 * Reads `full`, a path inside `root`, refusing it when any folder on the way from `root` (or the
 * file itself) is a symlink, or the file is not a regular file within `maxBytes`.
 */
export function readInside(root: string, full: string, maxBytes: number): Buffer | SkippedEntry {
  const rootAbs = resolve(root);
  const rel = toPosix(relative(rootAbs, full));
  if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return { rel, reason: 'unreadable', detail: 'is outside the folder' };
  const parts = rel.split('/');
  let at = rootAbs;
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    try {
      const st = lstatSync(at);
      if (st.isSymbolicLink()) return { rel, reason: 'symlink', detail: `passes through \`${toPosix(relative(rootAbs, at))}\`, ${symlinkDetail(at).replace(/^is /, '')}` };
      if (!st.isDirectory()) return { rel, reason: 'unreadable', detail: 'cannot be read (not a folder on the way)' };
    } catch (error) {
      return { rel, reason: 'unreadable', detail: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  return readRegularFile(full, maxBytes, rel);
}
