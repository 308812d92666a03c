/**
 * `plugboard simulate <id> <trigger>`: one trigger's life, step by step, against the API, a mock
 * (`--base-url` of `plugboard mock`) or the recordings (src/live/simulate.ts). One line per step;
 * exit 1 when a step broke.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileConnector } from '../../build/connector.ts';
import { readDotenv } from '../../live/credentials.ts';
import { parseSets } from '../../live/inputs.ts';
import { mergeRecording, parseRecording, RECORDINGS_FILE, recordedLine, recordedNotification, REPLAY_BASE_URL, replayer, serializeRecording, type RecordedExchange, type Recording } from '../../live/recording.ts';
import { operationIds } from '../../live/runner.ts';
import { simulate, SIMULATE_LIMITS, stepLine, triggerIds, type Notification } from '../../live/simulate.ts';
import type { Transport } from '../../live/http.ts';
import type { ApiProperties, Swagger } from '../../swagger/index.ts';
import { listOption, numberOption, parseCommand, stringOption } from '../args.ts';
import { assertSafeId } from '../connector-folder.ts';
import { resolveJobs } from '../connectors.ts';
import { simulationJson, simulationJunit } from '../formatters/simulation.ts';
import { terminalText } from '../formatters/stylish.ts';
import { repositoryRoot } from '../../core/repository-root.ts';
import { assertNotAPath, isPowerPlatformFolderArg, readFolderArg, refuseMdxOnly } from '../power-platform-arg.ts';
import { EXIT, UsageError, didYouMean, display, problemsSummary } from '../util.ts';

export const simulateHelp = `Usage: plugboard simulate <id | Power Platform folder> <triggerOperationId> [options]

Lives one trigger's life as the platform would, one line per step.

A webhook trigger: starts a callback receiver on 127.0.0.1 (any free port), calls the
subscribe operation with the receiver's URL at its x-ms-notification-url property, waits
for one notification (send it yourself, with the curl line printed, or let the API or
--notify-via-mock send it), checks the payload against x-ms-notification-content, then
DELETEs the Location the API returned. No Location, no notification in time, a payload
that does not match, or a DELETE that is not 2xx is a broken step.

A polling trigger: polls --polls times, keeping the state as the platform does: a 202
sends the next poll to its Location after Retry-After (waited at most --retry-cap
seconds); a 200 starts one run per item at the trigger's data path, and the
pollingtrigger policy's triggerConfig, evaluated over that response, sets the state
parameter. A next link in the body (the policy's x-ms-triggerConfig-nextLink, else
@odata.nextLink) is followed within the poll, --pages pages in all. Each 200 body is
checked against the declared response schema. Each poll shows the new items (by id-like
field, else a hash of the item); an item seen before would start a flow twice, and with
--feed-via-mock an item queued that no poll fires is a gap: both are broken steps.

Options:
  --polls <n>          Polls of a polling trigger (default: 3, at most ${SIMULATE_LIMITS.maxPolls})
  --wait <seconds>     How long to wait for a notification (default: ${SIMULATE_LIMITS.waitMs / 1000})
  --retry-cap <s>      Longest Retry-After actually waited (default: ${SIMULATE_LIMITS.retryCapMs / 1000}; 0 waits none)
  --base-url <url>     Send to this address instead of the connector's (a mock: plugboard mock)
  --notify-via-mock    Ask the mock at --base-url to send the notification
                       (POST <base-url>/_plugboard/notify/<operationId>)
  --feed-via-mock <n>  Ask the mock at --base-url to queue n made items before each poll
                       after the first (POST <base-url>/_plugboard/items/<operationId>, at
                       most ${SIMULATE_LIMITS.maxFeed}); a queued item no poll fires is a gap
  --pages <n>          Pages read per poll through the next link (default: ${SIMULATE_LIMITS.pages}, at most ${SIMULATE_LIMITS.maxPages})
  --record             Also keep every exchange (and the notification received), redacted,
                       in the connector's recordings.yaml, replacing this trigger's earlier
                       simulation and keeping everything else
  --replay             Answer from the connector's recordings.yaml instead of calling; a
                       recorded notification is posted to the receiver again; Retry-After
                       is not waited (unless --retry-cap)
  --set <name=value>   An input value, by parameter name or operationId.name (repeatable)
  --timeout <seconds>  Deadline of each request (default: 10)
  --format <name>      stylish (default: one line per step), json, or junit (one test case
                       per step)
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  -h, --help           Show this help

A Power Platform folder (a path holding apiDefinition.swagger.json) is simulated as it is;
--record and --replay write and read an MDX connector's recordings, so they need one.

Credentials come from the environment or .env as for plugboard test; they are never printed.
The receiver reads bodies up to ${SIMULATE_LIMITS.receiverBytes / 1_048_576} MB.

Exit status: 1 when a step broke (or the connector does not compile), 0 otherwise,
2 on bad usage (an unknown trigger, an operation that is not a trigger).
`;

export interface SimulateIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** What a simulation runs on: the documents, how the connector is named, and its folder. */
interface Simulated {
  /** As shown: the connector id, or the folder's path. */
  id: string;
  /** What credential names derive from: the id, or the folder's name. */
  connectorId: string;
  dir: string;
  swagger: Swagger;
  apiProperties: ApiProperties | undefined;
}

/** An MDX connector compiled as `check` compiles it; exit 1 when it has errors. */
function compileMdx(id: string, connectors: string | undefined, io: SimulateIo): Simulated | number {
  const root = resolve(connectors ?? 'connectors');
  const [job] = resolveJobs(root, [id], 'simulate');
  const { result } = compileConnector(job!);
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(`${id}: ${problemsSummary(result.diagnostics)}; run \`plugboard check ${id}\` to see them\n`);
    return EXIT.errors;
  }
  return { id, connectorId: id, dir: job!.dir, swagger: result.swagger as Swagger, apiProperties: result.apiProperties as ApiProperties };
}

/** A Power Platform folder's documents as they are (read as `check` reads the folder); exit 1 when there is no Swagger object. */
function readFolder(arg: string, io: SimulateIo): Simulated | number {
  const read = readFolderArg(arg, 'simulate', 'simulate in', io.stderr);
  return typeof read === 'number' ? read : { id: read.shown, connectorId: read.connectorId, dir: read.dir, swagger: read.swagger, apiProperties: read.apiProperties };
}

export async function runSimulate(argv: string[], io: SimulateIo = process): Promise<number> {
  const { values, positionals } = parseCommand('simulate', argv, {
    polls: { type: 'string' },
    wait: { type: 'string' },
    'retry-cap': { type: 'string' },
    'base-url': { type: 'string' },
    'notify-via-mock': { type: 'boolean' },
    'feed-via-mock': { type: 'string' },
    pages: { type: 'string' },
    record: { type: 'boolean' },
    replay: { type: 'boolean' },
    format: { type: 'string' },
    set: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    connectors: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(simulateHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('give a connector id and a trigger, like `plugboard simulate github-issues WhenIssueChanged`', 'simulate');
  const [arg, operationId] = positionals as [string, string];
  const folder = isPowerPlatformFolderArg(arg);
  if (folder) refuseMdxOnly(values, ['record', 'replay', 'connectors'], 'simulate');
  else {
    assertNotAPath(arg, 'simulate');
    assertSafeId(arg, 'simulate');
  }
  const polls = numberOption(values, 'polls', 'simulate', 3, { min: 1, max: SIMULATE_LIMITS.maxPolls, integer: true });
  const waitMs = numberOption(values, 'wait', 'simulate', SIMULATE_LIMITS.waitMs / 1000, { min: 0, max: 3600 }) * 1000;
  const retryCapMs = numberOption(values, 'retry-cap', 'simulate', values.replay ? 0 : SIMULATE_LIMITS.retryCapMs / 1000, { min: 0, max: 60 }) * 1000;
  const maxPages = numberOption(values, 'pages', 'simulate', SIMULATE_LIMITS.pages, { min: 1, max: SIMULATE_LIMITS.maxPages, integer: true });
  const feedViaMock = numberOption(values, 'feed-via-mock', 'simulate', 0, { min: 1, max: SIMULATE_LIMITS.maxFeed, integer: true });
  const format = stringOption(values, 'format') ?? 'stylish';
  if (!['stylish', 'json', 'junit'].includes(format)) throw new UsageError(`--format takes stylish, json or junit, not \`${format.slice(0, 40)}\`${didYouMean(format, ['stylish', 'json', 'junit'])}`, 'simulate');
  const timeoutMs = numberOption(values, 'timeout', 'simulate', 10, { min: 0.001, max: 600 }) * 1000;
  const baseUrl = stringOption(values, 'base-url');
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) throw new UsageError(`--base-url takes an http or https URL, not \`${baseUrl.slice(0, 80)}\``, 'simulate');
  if (values['notify-via-mock'] && baseUrl === undefined) throw new UsageError('--notify-via-mock needs --base-url, the address of `plugboard mock`', 'simulate');
  if (feedViaMock > 0 && baseUrl === undefined && !values.replay) throw new UsageError('--feed-via-mock needs --base-url, the address of `plugboard mock` (or --replay of a run recorded with it)', 'simulate');
  if (values.replay && baseUrl !== undefined) throw new UsageError('give --replay or --base-url, not both', 'simulate');
  if (values.replay && values.record) throw new UsageError('give --record or --replay, not both', 'simulate');
  const { sets, errors } = parseSets(listOption(values, 'set'));
  if (errors.length) throw new UsageError(errors[0]!, 'simulate');

  const loaded = folder ? readFolder(arg, io) : compileMdx(arg, stringOption(values, 'connectors'), io);
  if (typeof loaded === 'number') return loaded;
  const { id, connectorId, dir, swagger, apiProperties } = loaded;
  const triggers = triggerIds(swagger, apiProperties);
  if (!triggers.has(operationId)) {
    const all = operationIds(swagger);
    const names = [...triggers.keys()];
    if (all.includes(operationId)) throw new UsageError(`\`${operationId}\` is an action, not a trigger; ${id}'s triggers: ${names.join(', ') || 'none'}`, 'simulate');
    throw new UsageError(`no trigger \`${operationId.slice(0, 120)}\` in ${id}${didYouMean(operationId, names.length ? names : all)}`, 'simulate');
  }

  let transport: Transport | undefined;
  let replayedNotification: Notification | undefined;
  const recordingPath = join(dir, RECORDINGS_FILE);
  if (values.replay) {
    const path = recordingPath;
    try {
      const recording = parseRecording(readFileSync(path, 'utf8'));
      transport = replayer(recording, 'simulate');
      replayedNotification = recordedNotification(recording, operationId);
    } catch (error) {
      io.stderr.write(`plugboard simulate: cannot replay ${display(path)}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.usage;
    }
  }
  const trigger = triggers.get(operationId)!;
  const stylish = format === 'stylish';
  if (stylish) io.stdout.write(`Simulating ${trigger.kind} trigger ${operationId} of ${id}${baseUrl ? ` at ${baseUrl}` : values.replay ? ' from its recordings' : ''}\n`);
  const recorded: RecordedExchange[] | undefined = values.record ? [] : undefined;
  const run = await simulate({
    connectorId,
    swagger,
    apiProperties,
    operationId,
    ...(baseUrl !== undefined ? { baseUrl } : values.replay ? { baseUrl: REPLAY_BASE_URL } : {}),
    sets,
    env: values.replay ? {} : process.env,
    dotenv: values.replay ? {} : readDotenv(repositoryRoot(dir)),
    ...(transport ? { transport } : {}),
    timeoutMs,
    waitMs,
    polls,
    retryCapMs,
    notifyViaMock: values['notify-via-mock'] === true,
    maxPages,
    ...(feedViaMock > 0 ? { feedViaMock } : {}),
    ...(replayedNotification ? { replayedNotification } : {}),
    ...(recorded ? { recordTo: recorded } : {}),
    log: (step) => {
      if (stylish) io.stdout.write(`${terminalText(stepLine(step))}\n`);
    },
  });
  if (recorded) {
    let previous: Recording | undefined;
    try {
      previous = parseRecording(readFileSync(recordingPath, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') io.stderr.write(`plugboard simulate: ${display(recordingPath)} could not be read (${error instanceof Error ? error.message : String(error)}); writing it anew\n`);
    }
    const stats = { kept: 0 };
    const merged = mergeRecording(previous, { connector: id, exchanges: recorded }, (e) => e.run === 'simulate' && e.operationId === operationId, stats);
    writeFileSync(recordingPath, serializeRecording(merged));
    io.stderr.write(`${recordedLine(merged, stats.kept, recorded.length, display(recordingPath), operationId)}\n`);
  }
  const meta = { connector: id, trigger: operationId };
  if (format === 'json') io.stdout.write(simulationJson(run, meta));
  else if (format === 'junit') io.stdout.write(simulationJunit(run, meta));
  else {
    const broken = run.steps.filter((s) => s.status === 'fail');
    io.stdout.write(broken.length ? `${broken.length} broken step${broken.length === 1 ? '' : 's'}: ${[...new Set(broken.map((s) => s.name))].join(', ')}\n` : 'Every step passed\n');
  }
  return run.ok ? EXIT.ok : EXIT.errors;
}
