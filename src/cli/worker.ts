/**
 * Worker thread for `build`/`check` over many connectors: asks for a batch of jobs, compiles
 * them one by one, posts each outcome back as plain data, and asks again until told to stop.
 * compileOne never throws; anything that still kills this thread is handled by compile-all.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileOne, STEPS, type ConnectorSteps } from './compile-one.ts';
import type { Manifest } from './out-folder.ts';
import { outcomeToData, type Job, type OutcomeData } from './outcome.ts';

export interface WorkerInit {
  outDir: string | undefined;
  /** `build`: what earlier builds wrote into `outDir` (a Map crosses the boundary as is). */
  manifest?: Manifest | undefined;
  /** Tests only: URL of a module whose default export replaces some of compileOne's steps. */
  steps?: string | undefined;
}
export type ToWorker = { type: 'jobs'; jobs: Array<{ index: number; job: Job }> } | { type: 'stop' };
export type FromWorker = { type: 'result'; index: number; outcome: OutcomeData } | { type: 'idle' };

const port = parentPort;
if (!port) throw new Error('src/cli/worker.ts runs as a worker thread');
const init = workerData as WorkerInit;
const steps: ConnectorSteps = init.steps ? { ...STEPS, ...((await import(init.steps)) as { default: Partial<ConnectorSteps> }).default } : STEPS;

const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  for (const { index, job } of message.jobs) {
    const outcome = compileOne(job, { outDir: init.outDir, previous: init.manifest?.get(job.id) }, steps);
    post({ type: 'result', index, outcome: outcomeToData(outcome) });
  }
  post({ type: 'idle' });
});
post({ type: 'idle' });
