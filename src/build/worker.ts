/**
 * Worker thread of the pool (pool.ts): asks for a batch of jobs, builds them one by one, posts
 * each outcome back as plain data, and asks again until told to stop. buildConnector never
 * throws; anything that still kills this thread is handled by pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildConnector, STEPS, type ConnectorSteps, type View } from './connector.ts';
import type { Job } from './connectors.ts';
import type { Manifest } from './out-folder.ts';
import { outcomeToData, type OutcomeData } from './outcome.ts';

export interface WorkerInit {
  outDir: string | undefined;
  /** What earlier builds wrote into `outDir` (a Map crosses the boundary as is). */
  manifest: Manifest | undefined;
  /** URL of a module whose default export is the view step (BuildOptions.view.module). */
  view: string | undefined;
  /** Tests only: URL of a module whose default export replaces some of buildConnector's steps. */
  steps: string | undefined;
}
export type ToWorker = { type: 'jobs'; jobs: Array<{ index: number; job: Job }> } | { type: 'stop' };
export type FromWorker = { type: 'result'; index: number; outcome: OutcomeData } | { type: 'idle' };

const port = parentPort;
if (!port) throw new Error('src/build/worker.ts runs as a worker thread');
const init = workerData as WorkerInit;
const defaultOf = async <T>(url: string) => ((await import(url)) as { default: T }).default;
const steps: ConnectorSteps = init.steps ? { ...STEPS, ...(await defaultOf<Partial<ConnectorSteps>>(init.steps)) } : STEPS;
const view = init.view ? await defaultOf<View<unknown>>(init.view) : undefined;

const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  for (const { index, job } of message.jobs) {
    const outcome = buildConnector(job, { outDir: init.outDir, previous: init.manifest?.get(job.id), view }, steps);
    post({ type: 'result', index, outcome: outcomeToData(outcome) });
  }
  post({ type: 'idle' });
});
post({ type: 'idle' });
