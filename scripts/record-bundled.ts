/**
 * Records the bundled connectors for CI's `plugboard test <id> --replay` and
 * `plugboard simulate <id> <trigger> --replay`: each is served by `plugboard mock` (in process, on
 * 127.0.0.1, a free port) and tested against it as `plugboard test <id> --record --base-url <mock>`
 * does, with no credentials; then each trigger of `SIMULATIONS` is simulated against the same mock
 * as `plugboard simulate … --record` does (the mock sends the notification, or queues items). The
 * mock's data is deterministic and its address becomes `{baseUrl}` (the receiver's `{callbackUrl}`),
 * so running this again on unchanged connectors writes the same bytes.
 *
 *   node scripts/record-bundled.ts [<id>...]      writes connectors/<id>/recordings.yaml
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recommended } from '../src/check/presets.ts';
import { createReporter } from '../src/check/reporter.ts';
import { compile } from '../src/compiler/index.ts';
import { loadConnector } from '../src/compiler/load.ts';
import { send } from '../src/live/http.ts';
import { startMock } from '../src/live/mock.ts';
import { basePathOf } from '../src/live/routes.ts';
import { mergeRecording, RECORDINGS_FILE, recorder, serializeRecording, type RecordedExchange } from '../src/live/recording.ts';
import { runLive } from '../src/live/runner.ts';
import { simulate } from '../src/live/simulate.ts';

export const BUNDLED = ['github-issues', 'mailchimp-audiences', 'open-meteo', 'the-cat-api'] as const;
export const CONNECTORS = resolve(fileURLToPath(new URL('../connectors', import.meta.url)));

/**
 * The trigger runs recorded per connector, and the `plugboard simulate` options a replay repeats
 * (.ci/run passes the same): a webhook notified by the mock, a polling trigger fed 2 items before
 * each of its polls after the first.
 */
export const SIMULATIONS: Record<string, Array<{ trigger: string; polls?: number; feedViaMock?: number }>> = {
  'github-issues': [{ trigger: 'WhenIssueChanged' }],
  'mailchimp-audiences': [{ trigger: 'WhenContactSubscribes', polls: 3, feedViaMock: 2 }],
};

/** The recordings file of connector `id` under `root`, recorded against its mock. */
export async function recordAgainstMock(root: string, id: string): Promise<string> {
  const dir = join(root, id);
  const load = () => loadConnector(dir, `connectors/${id}`);
  const { swagger, apiProperties } = compile(load(), { report: createReporter(recommended), check: false });
  const server = await startMock({ swagger, apiProperties });
  try {
    const exchanges: RecordedExchange[] = [];
    const baseUrl = server.url + basePathOf(swagger);
    const run = await runLive(load, { connectorId: id, baseUrl, env: {}, dotenv: {}, timeoutMs: 10_000, transport: recorder(send, exchanges) });
    for (const { trigger, polls, feedViaMock } of SIMULATIONS[id] ?? []) {
      const simulated = await simulate({ connectorId: id, swagger, apiProperties, operationId: trigger, baseUrl, env: {}, dotenv: {}, timeoutMs: 10_000, waitMs: 5_000, retryCapMs: 0, notifyViaMock: feedViaMock === undefined, ...(polls ? { polls } : {}), ...(feedViaMock ? { feedViaMock } : {}), recordTo: exchanges });
      if (!simulated.ok) throw new Error(`${id} ${trigger}: the simulation against the mock broke: ${simulated.steps.filter((s) => s.status === 'fail').map((s) => `${s.name} ${s.text}`).join('; ')}`);
    }
    const text = serializeRecording(mergeRecording(undefined, { connector: id, exchanges }, () => false));
    return run.redactor ? run.redactor.text(text) : text;
  } finally {
    await server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ids = process.argv.slice(2).length ? process.argv.slice(2) : [...BUNDLED];
  for (const id of ids) {
    const path = join(CONNECTORS, id, RECORDINGS_FILE);
    writeFileSync(path, await recordAgainstMock(CONNECTORS, id));
    process.stdout.write(`wrote ${path}\n`);
  }
}
