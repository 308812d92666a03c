/**
 * Worker thread for `build`/`check` over many connectors: asks for a batch of jobs, compiles
 * them one by one, posts each outcome back as plain data, and asks again until told to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileOne } from './compile-one.ts';
import { outcomeToData, type Job, type OutcomeData } from './outcome.ts';

export interface WorkerInit {
  outDir: string | undefined;
}
export type ToWorker = { type: 'jobs'; jobs: Array<{ index: number; job: Job }> } | { type: 'stop' };
export type FromWorker = { type: 'result'; index: number; outcome: OutcomeData } | { type: 'idle' };

const port = parentPort;
if (!port) throw new Error('src/cli/worker.ts runs as a worker thread');
const { outDir } = workerData as WorkerInit;

const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    port.close();
    return;
  }
  for (const { index, job } of message.jobs) post({ type: 'result', index, outcome: outcomeToData(compileOne(job, { outDir })) });
  post({ type: 'idle' });
});
post({ type: 'idle' });
