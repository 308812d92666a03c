/**
 * `astro dev`: which connector a changed file belongs to, and recompiling it so that the store
 * always ends with the data of the last edit. Two edits in a row start two compiles of the same
 * connector; were they run side by side, the first could finish last and put the older data (and
 * write the older package) over the newer one. So compiles of one connector run one at a time, and
 * edits made while one runs are folded into one more compile after it.
 * src/content.config.ts wires these to Vite's watcher and the content store.
 */
import { isAbsolute, relative, sep } from 'node:path';

/**
 * The connector folder name (its id) holding `path`, the first folder below one of `roots`
 * (absolute), or undefined for a path outside them or a file lying in a root itself.
 */
export function connectorOfPath(roots: readonly string[], path: string): string | undefined {
  for (const root of roots) {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    const parts = rel.split(sep);
    // A file beside the connector folders (a README of the folder) is no connector's.
    return parts.length > 1 ? parts[0] : undefined;
  }
  return undefined;
}

/**
 * Wraps `compile(id)` so that calls for one id never overlap: a call while that id compiles
 * marks it to compile once more when the running compile ends (however many calls came), and
 * resolves when the data of the last edit is in (rejects with the compile's error, if any).
 * Different ids compile independently.
 */
export function serialRecompiler(compile: (id: string) => Promise<void>): (id: string) => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const run = async (id: string): Promise<void> => {
    try {
      do {
        again.delete(id);
        await compile(id);
      } while (again.has(id));
    } finally {
      running.delete(id);
    }
  };
  return (id) => {
    const current = running.get(id);
    if (current) {
      again.add(id);
      return current;
    }
    const started = run(id);
    running.set(id, started);
    return started;
  };
}

/** The parts of Vite's dev server `dropStartupReloads` touches. */
export interface DevServerLike {
  middlewares: { use(handler: (req: unknown, res: unknown, next: () => void) => void): unknown };
  environments?: { client?: { hot?: { send: (...args: never[]) => unknown } } };
}

/**
 * Vite keeps a full reload sent while no browser is connected and hands it to the first page that
 * connects (`bufferedMessage` in vite/dist/node/chunks/node.js), for pages that lost the server in a
 * restart. Astro's first content sync sends one before any page exists, so the first page a user
 * opened reloaded itself a moment after it showed (closing a Try it panel opened meanwhile). A reload
 * sent before the server answered any request can reach no page that is out of date: it is dropped.
 * Gives false when the server lacks the shape this relies on (then nothing is changed).
 */
export function dropStartupReloads(server: DevServerLike): boolean {
  const hot = server.environments?.client?.hot;
  if (!hot || typeof hot.send !== 'function') return false;
  let served = false;
  server.middlewares.use((_req, _res, next) => {
    served = true;
    next();
  });
  const send = hot.send.bind(hot) as (...args: unknown[]) => unknown;
  hot.send = ((...args: unknown[]) => {
    const payload = args[0];
    if (!served && typeof payload === 'object' && payload !== null && (payload as { type?: unknown }).type === 'full-reload') return undefined;
    return send(...args);
  }) as typeof hot.send;
  return true;
}
