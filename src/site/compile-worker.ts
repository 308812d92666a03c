/** Worker thread of compileConnectors: compiles its share of connectors and posts each result. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildSiteConnector } from './connectors.ts';

const { jobs, packages } = workerData as { jobs: Array<{ dir: string; display: string }>; packages: string };
for (const job of jobs) {
  try {
    parentPort!.postMessage({ ok: true, connector: buildSiteConnector(job.dir, job.display, packages) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, dir: job.dir, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
