/**
 * `plugboard mock <id | folder>`: the connector compiled as `check` compiles it, or a Power Platform
 * folder's Swagger as it is, served by the mock server (src/live/mock.ts) on 127.0.0.1 until Ctrl-C.
 * A connector with errors is still served (what compiled is what flows would call); the count of
 * its diagnostics is printed first.
 */
import { resolve } from 'node:path';
import { compileConnector } from '../../build/connector.ts';
import { plural } from '../../core/plural.ts';
import { MOCK_HOST, MOCK_LIMITS, startMock, type MockServer } from '../../live/mock.ts';
import type { ApiProperties, Swagger } from '../../swagger/index.ts';
import { numberOption, parseCommand, stringOption } from '../args.ts';
import { assertSafeId } from '../connector-folder.ts';
import { resolveJobs } from '../connectors.ts';
import { assertNotAPath, isPowerPlatformFolderArg, readFolderArg, refuseMdxOnly } from '../power-platform-arg.ts';
import { EXIT, UsageError, problemsSummary } from '../util.ts';

export const mockHelp = `Usage: plugboard mock <id | Power Platform folder> [options]

Serves a connector as a mock API on ${MOCK_HOST}, so flows, the simulator and tests run
offline. Every operation answers from its examples, else with data made from its response
schema (valid against it, the same every time). Requests are checked against the
definition: a missing required parameter or a value of the wrong type is answered 400 with
{ "error", "parameter", "in" }; an unknown path 404, naming the closest operation.

Triggers keep their contracts. A webhook registration answers 201 with a Location under
/_plugboard/subscriptions/ (DELETE it to unsubscribe). A poll answers 202 with Location and
Retry-After until items are added, then 200 with them (newest first for a trigger with a
state parameter). Each made item differs from the one before in its id-like fields and is a
minute later in its date-times.

Admin endpoints (also under the connector's basePath, like /3.0/_plugboard/items/<id>):
  GET    /_plugboard                      Operations, triggers and the subscription count
  GET    /_plugboard/subscriptions        The webhook subscriptions
  DELETE /_plugboard/subscriptions/<n>    Unsubscribe (what the platform calls)
  POST   /_plugboard/notify/<operationId> Post the JSON body (else a made payload) to every
                                          callback of a webhook trigger on 127.0.0.1/localhost
  POST   /_plugboard/items/<operationId>  Queue items (a JSON array or object; empty: one made
                                          item) for the next poll of a polling trigger

<id> is a connector folder name under --connectors, compiled as check compiles it. A Power
Platform folder (a path holding apiDefinition.swagger.json, like
connectors/contoso-tasks in microsoft/PowerPlatformConnectors) is served as it is, read as
check reads it (invalid JSON recovered where it can be, and counted).

Options:
  --port <n>           Port to listen on (default: 0, any free port)
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  -h, --help           Show this help

Limits: bodies up to ${MOCK_LIMITS.bodyBytes / 1_048_576} MB (413), ${MOCK_LIMITS.headers} headers (431), ${MOCK_LIMITS.subscriptions} subscriptions,
${MOCK_LIMITS.itemsPerTrigger} waiting items per trigger, ${MOCK_LIMITS.itemsPerPoll} items per poll, ${MOCK_LIMITS.notifyTimeoutMs / 1000} s per callback.

Prints one line per request (method, path, status). Ctrl-C stops it (exit 0); bad usage
exits 2.
`;

export interface MockIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * What to serve: a connector id compiled as `check` compiles it, or a Power Platform folder
 * (apiDefinition.swagger.json + apiProperties.json) as it is; the exit code when there is nothing.
 */
function loadDocuments(arg: string, values: Record<string, string | boolean | undefined>, io: MockIo): { id: string; swagger: Swagger; apiProperties: ApiProperties } | number {
  if (isPowerPlatformFolderArg(arg)) {
    refuseMdxOnly(values, ['connectors'], 'mock');
    const read = readFolderArg(arg, 'mock', 'serve from', io.stderr);
    if (typeof read === 'number') return read;
    if (read.diagnostics.length > 0) io.stderr.write(`${read.shown}: ${problemsSummary(read.diagnostics)} reading it (run \`plugboard check ${read.shown}\` to see them); serving what was read\n`);
    return { id: read.shown, swagger: read.swagger, apiProperties: read.apiProperties };
  }
  assertNotAPath(arg, 'mock');
  assertSafeId(arg, 'mock');
  const root = resolve(stringOption(values, 'connectors') ?? 'connectors');
  const [job] = resolveJobs(root, [arg], 'mock');
  const { result } = compileConnector(job!);
  if (result.diagnostics.length > 0) io.stderr.write(`${arg}: ${problemsSummary(result.diagnostics)} (run \`plugboard check ${arg}\` to see them); serving what compiled\n`);
  return { id: arg, swagger: result.swagger, apiProperties: result.apiProperties };
}

/** A running mock of the command, or the exit code when it did not start (help, usage). */
export async function startMockCommand(argv: string[], io: MockIo = process): Promise<MockServer | number> {
  const { values, positionals } = parseCommand('mock', argv, { port: { type: 'string' }, connectors: { type: 'string' } });
  if (values.help) {
    io.stdout.write(mockHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('give one connector id, like `plugboard mock github-issues`, or one Power Platform folder', 'mock');
  const port = numberOption(values, 'port', 'mock', 0, { max: 65_535, integer: true });
  const documents = loadDocuments(positionals[0]!, values, io);
  if (typeof documents === 'number') return documents;
  const id = documents.id;
  let server: MockServer;
  try {
    server = await startMock({ swagger: documents.swagger, apiProperties: documents.apiProperties }, { port, log: (line) => io.stdout.write(`${line}\n`) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'EADDRINUSE' ? 'is in use' : code === 'EACCES' ? 'needs rights this user does not have' : `could not be opened (${error instanceof Error ? error.message : String(error)})`;
    io.stderr.write(`plugboard mock: port ${port} on ${MOCK_HOST} ${why}; choose another with --port, or --port 0 for any free one\n`);
    return EXIT.usage;
  }
  io.stdout.write(`Mock of ${id} listening on ${server.url} (${plural(server.operations, 'operation')})\n`);
  // The address `test` and `simulate` need includes the basePath, which a user would otherwise look up.
  io.stdout.write(`Base URL: ${server.baseUrl} (for test and simulate --base-url)\n`);
  return server;
}

export async function runMock(argv: string[]): Promise<number> {
  const started = await startMockCommand(argv);
  if (typeof started === 'number') return started;
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await started.close();
  return EXIT.ok;
}
