// The documentation site: every connector through the compiler (src/content.config.ts), plain
// Astro pages (src/pages), the package files as static endpoints. See README "Documentation site".
// `plugboard site` (src/cli/commands/site.ts) runs Astro on this file with its options in
// PLUGBOARD_* variables; installed, the site's sources are the compiled lib/ (scripts/build-lib.ts).
// Relative paths start from the connector repository (PLUGBOARD_CWD, set by `plugboard site`, which
// runs Astro in this file's folder — node_modules/plugboard once installed; default the working folder).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig } from 'astro/config';

const here = fileURLToPath(new URL('.', import.meta.url));
const srcDir = process.env.PLUGBOARD_SITE_SRC ?? (existsSync(join(here, 'src', 'pages')) ? join(here, 'src') : join(here, 'lib'));
/** Imports a module of the site's sources: `<srcDir>/<path>.ts` in a checkout, `.js` in lib/ once installed. */
const importSource = (path) => import(pathToFileURL([`${path}.ts`, `${path}.js`].map((name) => join(srcDir, name)).find((file) => existsSync(file))).href);
const { connectorRoots, siteBase, siteCwd, siteOutDir } = await importSource('site/config');
// Astro's and Vite's caches: in the connector repository's node_modules, never inside the package.
const cache = resolve(siteCwd(), 'node_modules', '.cache', 'plugboard-site');

/**
 * The "Try it" panel of `plugboard site --dev`: its endpoints (src/live/try-it.ts) on the dev server
 * only, and `import.meta.env.PLUGBOARD_TRY_IT` for the pages, so that `astro build` never imports the
 * module nor renders the panel (src/pages/connectors/[id]/[op].astro).
 */
function tryIt() {
  return {
    name: 'plugboard-try-it',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'dev') updateConfig({ vite: { define: { 'import.meta.env.PLUGBOARD_TRY_IT': 'true' } } });
      },
      'astro:server:setup': async ({ server, logger }) => {
        const { createTryIt } = await importSource('live/try-it');
        const handler = createTryIt({ roots: connectorRoots(), cwd: siteCwd(), base: siteBase(), log: (line) => logger.info(line) });
        server.middlewares.use(handler.handle);
        server.httpServer?.once('close', () => void handler.close());
      },
    },
  };
}

export default defineConfig({
  srcDir,
  integrations: [tryIt()],
  outDir: siteOutDir(),
  base: siteBase(),
  ...(process.env.PLUGBOARD_SITE_URL ? { site: process.env.PLUGBOARD_SITE_URL } : {}),
  cacheDir: join(cache, 'astro'),
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  server: { host: '127.0.0.1' },
  devToolbar: { enabled: false },
  vite: {
    cacheDir: join(cache, 'vite'),
    // The first page opened is not reloaded by the content sync that ran before it (src/site/dev-reload.ts).
    plugins: [{ name: 'plugboard-startup-reloads', configureServer: async (server) => void (await importSource('site/dev-reload')).dropStartupReloads(server) }],
    build: {
      rolldownOptions: {
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
