/**
 * Watches connectors folders and says which connector folders changed: any file added, changed or
 * deleted inside one (at any depth), or the folder itself created, removed or renamed. Bursts of
 * events (an editor writes a temporary file, renames it, touches the original…) are gathered
 * until the folders have been quiet for `quietMs`, then reported once.
 *
 * Nothing is followed out of a watched folder: Node's recursive watch (node:fs `watch`) does not
 * descend into a symlinked folder; it still reports the link's own name when its target changes,
 * so a symlinked connector folder is reported only when the link itself changes (the check then
 * refuses it, as every read does: src/core/safe-fs.ts). Entries whose name starts with a dot
 * (editor swap files, `.<id>.plugboard-tmp-<pid>` of an import in progress) are not read as part
 * of a connector (src/compiler/load.ts), so they are not reported either.
 */
import { lstatSync, readdirSync, readlinkSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface WatchOptions {
  /** Folders holding connector folders. */
  roots: readonly string[];
  /** When set, only these connector folders (absolute paths) are reported. */
  only?: ReadonlySet<string> | undefined;
  /** Report after this long without a new event (default 50 ms). */
  quietMs?: number;
  /**
   * Called with the changed connector folders (absolute paths, sorted), or `'all'` when the
   * system dropped events and every folder must be looked at again. The next batch waits until
   * the promise settles.
   */
  onChange: (dirs: string[] | 'all') => Promise<void>;
  /** A watched folder cannot be watched any more (removed, unreadable). */
  onError: (root: string, error: Error) => void;
}

export interface Watch {
  close(): void;
}

export const QUIET_MS = 50;

export function watchConnectors(options: WatchOptions): Watch {
  const quietMs = options.quietMs ?? QUIET_MS;
  const pending = new Set<string>();
  let all = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let closed = false;
  // Symlinked connector folders by path → their target, so that changes behind a link are not
  // taken for changes of the link.
  const links = new Map<string, string>();
  for (const root of options.roots) {
    for (const name of entries(root)) unchangedLink(join(root, name), links);
  }

  const flush = async () => {
    timer = undefined;
    if (running || closed || (!all && pending.size === 0)) return;
    const batch: string[] | 'all' = all ? 'all' : [...pending].sort();
    pending.clear();
    all = false;
    running = true;
    try {
      await options.onChange(batch);
    } finally {
      running = false;
      if (!closed && (all || pending.size)) schedule();
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), quietMs);
  };

  const onEvent = (root: string, filename: string | null) => {
    if (closed) return;
    if (filename === null) {
      all = true;
      return schedule();
    }
    const parts = filename.split(/[\\/]/);
    // '' is the watched folder itself: only what is inside it is a connector.
    if (!parts[0] || parts.some((part) => part.startsWith('.'))) return;
    const dir = join(root, parts[0]!);
    if (options.only && !options.only.has(dir)) return;
    if (parts.length === 1 && unchangedLink(dir, links)) return;
    pending.add(dir);
    schedule();
  };

  const watchers: FSWatcher[] = [];
  for (const root of options.roots) {
    const watcher = watch(root, { recursive: true }, (_event, filename) => onEvent(root, filename));
    watcher.on('error', (error) => {
      if (!closed) options.onError(root, error);
    });
    watchers.push(watcher);
  }
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** True when `dir` is a symlink whose target has not changed since last seen (records it). */
function unchangedLink(dir: string, links: Map<string, string>): boolean {
  let target: string | undefined;
  try {
    if (lstatSync(dir).isSymbolicLink()) target = readlinkSync(dir);
  } catch {
    // Gone: a change.
  }
  const before = links.get(dir);
  if (target === undefined) links.delete(dir);
  else links.set(dir, target);
  return target !== undefined && before === target;
}
