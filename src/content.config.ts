/**
 * The `connectors` collection: one entry per connector folder, loaded through the compiler
 * (loadConnector + compile with every check) once per build, never by re-reading front-matter here.
 * A body that breaks MDX safe mode (the `mdx-…` rules) stops the build before any page renders.
 * In dev the loader watches the connector folders and recompiles the folder that changed.
 */
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { join, relative, resolve, sep } from 'node:path';
import { rmSync } from 'node:fs';
import { connectorRoots, packageCacheDir } from './site/config.ts';
import { compileConnectors } from './site/compile-all.ts';
import { buildSiteConnector, connectorDirs, isUnsafeBody, type SiteConnector } from './site/connectors.ts';

function connectorsLoader(): Loader {
  return {
    name: 'plugboard-connectors',
    load: async ({ store, logger, watcher }) => {
      const cwd = process.cwd();
      const roots = connectorRoots();
      const packages = packageCacheDir();
      rmSync(packages, { recursive: true, force: true });
      const put = (c: SiteConnector) => store.set({ id: c.id, data: c as unknown as Record<string, unknown> });
      const started = performance.now();
      store.clear();
      const unsafe: string[] = [];
      for (const c of await compileConnectors(connectorDirs(roots, cwd), packages)) {
        unsafe.push(...c.diagnostics.filter(isUnsafeBody).map((d) => d.text));
        put(c);
      }
      logger.info(`compiled ${store.keys().length} connectors in ${Math.round(performance.now() - started)} ms`);
      if (unsafe.length && !watcher) {
        throw new Error(`MDX bodies break safe mode; nothing was rendered:\n${unsafe.join('\n')}`);
      }
      for (const line of unsafe) logger.error(line);
      if (!watcher) return;
      // Dev: recompile the connector whose file changed, and tell the page to reload.
      const absRoots = roots.map((r) => resolve(cwd, r));
      watcher.add(absRoots);
      const onChange = (path: string) => {
        for (const root of absRoots) {
          const rel = relative(root, path);
          if (rel.startsWith('..') || rel === '') continue;
          const id = rel.split(sep)[0]!;
          const found = connectorDirs(roots, cwd).find((d) => d.id === id);
          if (!found) store.delete(id);
          else {
            const c = buildSiteConnector(join(root, id), found.display, packages);
            for (const d of c.diagnostics.filter(isUnsafeBody)) logger.error(d.text);
            put(c);
          }
          logger.info(`recompiled ${id}`);
          return;
        }
      };
      watcher.on('change', onChange);
      watcher.on('add', onChange);
      watcher.on('unlink', onChange);
    },
  };
}

export const collections = {
  connectors: defineCollection({ loader: connectorsLoader() }),
};
