/**
 * Reading a revision of a git repository without touching the work tree or the index: `git
 * rev-parse` to validate a ref, `git ls-tree -r -z -l` to list a folder at a commit, and one
 * long-lived `git cat-file --batch` to read blobs. Every git call is `spawn`/`execFile` with an
 * argument array (never a shell), and every output is bounded: a revision arrives from a pull
 * request like the work tree does, so its tree and blobs are untrusted input.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Bytes of `git ls-tree` output read for one folder (about 40,000 entries). */
const MAX_TREE_BYTES = 8 * 1024 * 1024;
/** Bytes of the small answers (rev-parse). */
const MAX_SMALL_BYTES = 64 * 1024;

export class GitError extends Error {}

/** One file of a tree: `rel` relative to the folder listed, POSIX separators. */
export interface TreeEntry {
  rel: string;
  /** `100644`, `100755`, `120000` (a symbolic link), `160000` (a submodule)… */
  mode: string;
  type: string;
  oid: string;
  /** Bytes; -1 when git gives none (a submodule). */
  size: number;
}

function run(cwd: string, args: readonly string[], maxBuffer = MAX_SMALL_BYTES): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd, maxBuffer, encoding: 'utf8', windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }, (error, stdout, stderr) => {
      if (error) fail(new GitError(String(stderr || error.message).trim().split('\n')[0] ?? 'git failed'));
      else done(stdout);
    });
  });
}

/** Why `ref` is refused before git sees it, or undefined. */
export function refProblem(ref: string): string | undefined {
  if (ref === '') return 'a ref cannot be empty';
  if (ref.length > 256) return 'a ref is at most 256 characters';
  if (ref.startsWith('-')) return 'a ref cannot start with `-`';
  // Control characters and spaces are never part of a ref (git check-ref-format), nor of a revision we accept.
  if (/[\u0000-\u0020\u007f]/.test(ref)) return 'a ref cannot hold spaces or control characters';
  return undefined;
}

/** A repository read at revisions; `close()` ends its `cat-file` process. */
export class GitRepo {
  /** Absolute path of the work tree's top folder. */
  readonly top: string;
  private batch: BlobReader | undefined;

  private constructor(top: string) {
    this.top = top;
  }

  /** The repository holding `cwd`; a GitError when there is none. */
  static async open(cwd: string): Promise<GitRepo> {
    const top = (await run(cwd, ['rev-parse', '--show-toplevel'])).trim();
    if (!top) throw new GitError(`${cwd} is not inside a git work tree`);
    return new GitRepo(realpathSync(resolve(top)));
  }

  /** The commit `ref` names (`git rev-parse --verify --end-of-options <ref>^{commit}`). */
  async commit(ref: string): Promise<string> {
    const problem = refProblem(ref);
    if (problem) throw new GitError(`\`${ref}\`: ${problem}`);
    let out: string;
    try {
      out = await run(this.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    } catch {
      throw new GitError(`\`${ref}\` names no commit in ${this.top}`);
    }
    const oid = out.trim();
    if (!/^[0-9a-f]{40,64}$/.test(oid)) throw new GitError(`\`${ref}\` names no commit in ${this.top}`);
    return oid;
  }

  /**
   * The path of `path` (absolute, or relative to `cwd`) inside the repository, POSIX, `''` for the
   * top; undefined when it is outside.
   */
  repoPath(path: string, cwd = process.cwd()): string | undefined {
    let full = resolve(cwd, path);
    try {
      // git names the top by its real path; a path through a symbolic link (`/tmp` on some systems) is compared as real too.
      full = realpathSync(full);
    } catch {
      // Not there in the work tree (a folder only the revisions have): compared as given.
    }
    const rel = relative(this.top, full);
    if (rel === '') return '';
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return rel.split(sep).join('/');
  }

  /**
   * Every file under `folder` (repository path, `''` for all) at `commit`, recursively, at most
   * `maxEntries`; `truncated` says when there were more. Paths come back relative to `folder`.
   */
  async tree(commit: string, folder: string, maxEntries: number): Promise<{ entries: TreeEntry[]; truncated: boolean }> {
    // A folder of a listing already made (the connectors folder, listed to find the connectors) is cut from it.
    for (const listed of this.listings) {
      if (listed.commit !== commit || listed.truncated) continue;
      const inside = listed.folder === '' ? folder + '/' : folder.startsWith(listed.folder + '/') ? folder.slice(listed.folder.length + 1) + '/' : undefined;
      if (inside === undefined) continue;
      const entries = listed.entries.filter((e) => e.rel.startsWith(inside)).map((e) => ({ ...e, rel: e.rel.slice(inside.length) }));
      return entries.length > maxEntries ? { entries: entries.slice(0, maxEntries), truncated: true } : { entries, truncated: false };
    }
    const listing = await this.list(commit, folder, maxEntries);
    if (maxEntries >= GitRepo.KEPT_ENTRIES) {
      this.listings.push({ commit, folder, ...listing });
      if (this.listings.length > 8) this.listings.shift();
    }
    return listing;
  }

  /** Listings of at least this many entries allowed are kept for the folders inside them. */
  static readonly KEPT_ENTRIES = 100_000;
  private readonly listings: Array<{ commit: string; folder: string; entries: TreeEntry[]; truncated: boolean }> = [];

  private async list(commit: string, folder: string, maxEntries: number): Promise<{ entries: TreeEntry[]; truncated: boolean }> {
    const args = ['--literal-pathspecs', 'ls-tree', '-r', '-z', '-l', '--full-tree', commit];
    if (folder !== '') args.push('--', folder + '/');
    let out: string;
    try {
      out = await run(this.top, args, MAX_TREE_BYTES);
    } catch (error) {
      if (error instanceof GitError && /maxBuffer/i.test(error.message)) return { entries: [], truncated: true };
      throw error;
    }
    const entries: TreeEntry[] = [];
    let truncated = false;
    const base = folder === '' ? '' : folder + '/';
    for (const record of out.split('\0')) {
      if (record === '') continue;
      const match = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(-|\d+)\t([\s\S]+)$/.exec(record);
      if (!match) continue;
      const [, mode, type, oid, size, path] = match;
      if (!path!.startsWith(base)) continue;
      if (entries.length >= maxEntries) {
        truncated = true;
        break;
      }
      entries.push({ rel: path!.slice(base.length), mode: mode!, type: type!, oid: oid!, size: size === '-' ? -1 : Number(size) });
    }
    return { entries, truncated };
  }

  /** The folders directly under `folder` at `commit` (for listing connector ids). */
  async folders(commit: string, folder: string): Promise<string[]> {
    const args = ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', commit, '--', folder === '' ? '.' : folder + '/'];
    let out: string;
    try {
      out = await run(this.top, args, MAX_TREE_BYTES);
    } catch {
      return [];
    }
    const names: string[] = [];
    for (const record of out.split('\0')) {
      const match = /^040000 tree [0-9a-f]+\t([\s\S]+)$/.exec(record);
      if (match) names.push(match[1]!.split('/').pop()!);
    }
    return names.sort();
  }

  /** The bytes of a blob, read through the one `cat-file --batch` process; at most `maxBytes`. */
  blob(oid: string, maxBytes: number): Promise<Buffer> {
    this.batch ??= new BlobReader(this.top);
    return this.batch.read(oid, maxBytes);
  }

  close(): void {
    this.batch?.close();
    this.batch = undefined;
  }
}

interface Pending {
  oid: string;
  maxBytes: number;
  done: (bytes: Buffer) => void;
  fail: (error: Error) => void;
}

/**
 * `git cat-file --batch`: one request line per blob (`<oid>\n`), answered in order with
 * `<oid> <type> <size>\n<bytes>\n`. A blob over its limit is refused before it is requested (the
 * caller checked the size from `ls-tree -l`), and an answer larger than asked for ends the process.
 */
class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failed: Error | undefined;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    this.child.stderr.resume();
    this.child.on('error', (error) => this.fail(new GitError(`git cat-file failed: ${error.message}`)));
    this.child.on('close', () => this.fail(new GitError('git cat-file ended')));
    this.child.stdin.on('error', () => {});
  }

  read(oid: string, maxBytes: number): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(oid)) return Promise.reject(new GitError(`not an object id: ${oid}`));
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((done, fail) => {
      this.queue.push({ oid, maxBytes, done, fail });
      this.child.stdin.write(oid + '\n');
    });
  }

  private drain(): void {
    while (this.queue.length) {
      const newline = this.buffer.indexOf(10);
      if (newline === -1) {
        if (this.buffer.length > 512) this.fail(new GitError('git cat-file gave an unexpected answer'));
        return;
      }
      const header = this.buffer.subarray(0, newline).toString('utf8');
      const pending = this.queue[0]!;
      if (/ missing$/.test(header)) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.queue.shift();
        pending.fail(new GitError(`object ${pending.oid} is missing`));
        continue;
      }
      const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
      if (!match || match[1] !== pending.oid) return this.fail(new GitError('git cat-file gave an unexpected answer'));
      const size = Number(match[3]);
      if (size > pending.maxBytes) return this.fail(new GitError(`object ${pending.oid} is larger than its listed size`));
      if (this.buffer.length < newline + 1 + size + 1) return;
      const bytes = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + size));
      this.buffer = this.buffer.subarray(newline + 1 + size + 1);
      this.queue.shift();
      pending.done(bytes);
    }
  }

  private fail(error: Error): void {
    if (!this.failed) this.failed = error;
    for (const pending of this.queue.splice(0)) pending.fail(this.failed);
    if (this.child.exitCode === null && !this.child.killed) this.child.kill();
  }

  close(): void {
    this.child.stdin.end();
    this.fail(new GitError('closed'));
  }
}
