/**
 * Records the bundled connectors for CI's `plugboard test <id> --replay`: each is served by
 * `plugboard mock` (in process, on 127.0.0.1, a free port) and tested against it as
 * `plugboard test <id> --record --base-url <mock>` does, with no credentials. The mock's data is
 * deterministic and the mock's address becomes `{baseUrl}`, so running this again on unchanged
 * connectors writes the same bytes.
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
import { RECORDINGS_FILE, recorder, serializeRecording, type RecordedExchange } from '../src/live/recording.ts';
import { runLive } from '../src/live/runner.ts';

export const BUNDLED = ['github-issues', 'mailchimp-audiences', 'open-meteo', 'the-cat-api'] as const;
export const CONNECTORS = resolve(fileURLToPath(new URL('../connectors', import.meta.url)));

/** The recordings file of connector `id` under `root`, recorded against its mock. */
export async function recordAgainstMock(root: string, id: string): Promise<string> {
  const dir = join(root, id);
  const load = () => loadConnector(dir, `connectors/${id}`);
  const { swagger, apiProperties } = compile(load(), { report: createReporter(recommended), check: false });
  const server = await startMock({ swagger, apiProperties });
  try {
    const exchanges: RecordedExchange[] = [];
    const run = await runLive(load, { connectorId: id, baseUrl: server.url + basePathOf(swagger), env: {}, dotenv: {}, timeoutMs: 10_000, transport: recorder(send, exchanges) });
    const text = serializeRecording({ connector: id, exchanges });
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
