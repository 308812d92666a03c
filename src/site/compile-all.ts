/**
 * Builds connectors for the site through src/build, the pipeline `plugboard build` uses: packages
 * written into the site's package folder (config.ts packageCacheDir, with its
 * .plugboard-build.json record), page data made by the site's view step in the thread that
 * compiled each connector (on worker threads for a large set, as `build --jobs auto`), and one
 * crash policy: a connector plugboard fails on is a failed entry with its connector-internal-error.
 */
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildConnectors, type BuildOptions } from '../build/index.ts';
import type { Job } from '../build/connectors.ts';
import { siteThreads } from './config.ts';
import { SITE_VIEW, siteEntry, type SiteConnector } from './connectors.ts';

/**
 * URL of view.ts for worker threads (view.js in the installed package, lib/). Bundled (the content loader under Vite), `import.meta.url`
 * may not be this file: then the source tree under the working directory is used.
 */
function viewModule(): string {
  try {
    const here = new URL(`./view${extname(import.meta.url)}`, import.meta.url);
    if (existsSync(fileURLToPath(here))) return here.href;
  } catch {
    // Not a file URL.
  }
  return pathToFileURL(join(process.cwd(), 'src', 'site', 'view.ts')).href;
}

export interface CompileConnectorsOptions {
  /** Every connector of the site is in `jobs`: packages of connectors that are gone are deleted. */
  all: boolean;
  threads?: BuildOptions<SiteConnector>['threads'];
  /** Tests: the view step (default: the site's page data, view.ts in worker threads). */
  view?: BuildOptions<SiteConnector>['view'];
}

/** The entries of `jobs`, sorted by id, and the error of updating the package folder's record, if any. */
export async function compileConnectors(jobs: readonly Job[], packages: string, options: CompileConnectorsOptions): Promise<{ connectors: SiteConnector[]; outError?: unknown }> {
  const run = await buildConnectors<SiteConnector>(jobs, {
    threads: options.threads ?? siteThreads(),
    out: { dir: packages, prune: options.all },
    view: options.view ?? { view: SITE_VIEW, module: viewModule() },
  });
  const connectors = run.outcomes.map((o, i) => siteEntry(jobs[i]!, o)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return run.outError === undefined ? { connectors } : { connectors, outError: run.outError };
}
