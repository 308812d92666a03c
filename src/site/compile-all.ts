/**
 * Compiles every connector for the site: in this thread for a few, on worker threads (2 by
 * default, `PLUGBOARD_SITE_JOBS` to change) for many, the way `plugboard build --jobs auto` does.
 * Results come back in id order whatever the thread that compiled them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARALLEL_THRESHOLD } from '../core/parallel.ts';
import { Worker } from 'node:worker_threads';
import { buildSiteConnector, type SiteConnector } from './connectors.ts';

export interface CompileJob {
  id: string;
  dir: string;
  display: string;
}

function workerFile(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL('./compile-worker.ts', import.meta.url)));
  } catch {
    // Not a file URL (bundled): fall back to the source tree.
  }
  candidates.push(join(process.cwd(), 'src', 'site', 'compile-worker.ts'));
  return candidates.find((f) => existsSync(f));
}

export async function compileConnectors(jobs: readonly CompileJob[], packages: string, threads = Number(process.env.PLUGBOARD_SITE_JOBS ?? 2)): Promise<SiteConnector[]> {
  const file = workerFile();
  if (jobs.length <= PARALLEL_THRESHOLD || threads < 2 || !file) return jobs.map((j) => buildSiteConnector(j.dir, j.display, packages));
  const shares = Array.from({ length: threads }, (_, t) => jobs.filter((_, i) => i % threads === t).map(({ dir, display }) => ({ dir, display })));
  const results: SiteConnector[] = [];
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(file, { workerData: { jobs: share, packages } });
          worker.on('message', (m: { ok: true; connector: SiteConnector } | { ok: false; dir: string; message: string }) => {
            if (m.ok) results.push(m.connector);
            else reject(new Error(`compiling ${m.dir}: ${m.message}`));
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`compile worker exited with ${code}`))));
        }),
    ),
  );
  return results.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
