/**
 * The `connectors` collection: one entry per connector folder, built through src/build (load,
 * compile with every check, write the package; src/site/compile-all.ts) once per build, never by
 * re-reading front-matter here.
 * Nothing a connector holds stops the loader: a body that breaks MDX safe mode is rendered safely,
 * a connector plugboard fails on is an entry with its diagnostics, one with an unsafe id is kept
 * for its diagnostics but gets no pages (SiteConnector.published). Every page is written, then
 * src/site/postbuild.ts prints the diagnostics and exits 1 on errors. The loader never throws:
 * Astro would add hints about browser APIs that have nothing to do with a connector.
 * In dev the loader watches the connector folders and recompiles the folder that changed, one
 * compile per connector at a time (src/site/dev-reload.ts); pages read the recompiled documents
 * because their cache is keyed by the entry's revision (src/site/connectors.ts documentsOf).
 */
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { connectorJobs } from './build/connectors.ts';
import { connectorRoots, packageCacheDir, siteCwd } from './site/config.ts';
import { compileConnectors } from './site/compile-all.ts';
import { connectorOfPath, serialRecompiler } from './site/dev-reload.ts';
import type { SiteConnector } from './site/connectors.ts';

function connectorsLoader(): Loader {
  return {
    name: 'plugboard-connectors',
    load: async ({ store, logger, watcher }) => {
      const cwd = siteCwd();
      const roots = connectorRoots();
      const packages = packageCacheDir();
      rmSync(packages, { recursive: true, force: true });
      const put = (c: SiteConnector) => store.set({ id: c.id, data: c as unknown as Record<string, unknown> });
      const started = performance.now();
      store.clear();
      try {
        const { connectors, outError } = await compileConnectors(connectorJobs(roots, cwd), packages, { all: true });
        for (const c of connectors) put(c);
        if (outError !== undefined) logger.warn(`plugboard could not record the packages it wrote in ${packages}: ${describe(outError)}`);
      } catch (error) {
        // Not a connector's fault (each one's failure is its own entry): report it plainly.
        logger.error(`plugboard could not compile the connectors: ${describe(error)}`);
        process.exitCode = 1;
      }
      const entries = store.values().map((e) => e.data as unknown as SiteConnector);
      logger.info(`compiled ${entries.length} connectors in ${Math.round(performance.now() - started)} ms`);
      reportLeftOut(entries, logger);
      if (!watcher) return;
      // Dev: recompile the connector whose file changed, and tell the page to reload.
      const absRoots = roots.map((r) => resolve(cwd, r));
      watcher.add(absRoots);
      // One compile of a connector at a time, the last edit's data last (src/site/dev-reload.ts).
      const recompile = serialRecompiler(async (id) => {
        const found = connectorJobs(roots, cwd).find((d) => d.id === id);
        if (!found) store.delete(id);
        else {
          const [c] = (await compileConnectors([found], packages, { all: false, threads: 1 })).connectors;
          for (const d of c!.diagnostics.filter((d) => d.severity === 'error')) logger.error(d.text);
          put(c!);
        }
        logger.info(`recompiled ${id}`);
      });
      const onChange = (path: string) => {
        const id = connectorOfPath(absRoots, path);
        if (id !== undefined) recompile(id).catch((error: unknown) => logger.error(`plugboard could not recompile ${id}: ${describe(error)}`));
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', onChange);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Says which connectors get no pages, and why; the build lists every diagnostic at the end. */
function reportLeftOut(entries: readonly SiteConnector[], logger: { warn: (message: string) => void }): void {
  for (const c of entries.filter((e) => !e.published)) {
    logger.warn(`connector folder \`${c.id}\` is left out of the site: its name is not a safe URL segment (connector-id-unsafe)`);
  }
  const failing = entries.filter((e) => e.errors > 0).length;
  if (failing) logger.warn(`${failing} of ${entries.length} connectors have errors; every page is written, the diagnostics follow the build`);
}

export const collections = {
  connectors: defineCollection({ loader: connectorsLoader() }),
};
