/**
 * Worker thread of compileConnectors: compiles its share of connectors in order and posts each
 * result; a connector that throws comes back as its failed entry (failed.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteWorkerInit, SiteWorkerResult } from './compile-all.ts';
import { siteConnectorOrFailure } from './failed.ts';

const { jobs, packages } = workerData as SiteWorkerInit;
for (const { index, job } of jobs) {
  const result: SiteWorkerResult = { index, connector: siteConnectorOrFailure(job, packages) };
  parentPort!.postMessage(result);
}
