/**
 * `plugboard test <id>`: calls a connector's operations on its live API (or `--base-url`) with
 * their test values and the credentials of the environment, and checks each exchange: the status
 * declared, the content type produced, the body against its schema, with a drift list placed on the
 * MDX lines that declare each field (src/live). Everything printed goes through the run's redactor.
 * With `--update-schema`, what the responses showed is then written into the MDX front-matter
 * (src/live/update-schema.ts) and shown as a unified diff; `--dry-run` shows it and writes nothing.
 */
import { lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyEdits, unifiedDiff, type TextEdit } from '../../check/fix.ts';
import { loadConnector } from '../../compiler/load.ts';
import { checkPowerPlatformFolder } from '../../import/powerplatform-check.ts';
import { readConnectorFolder } from '../../import/powerplatform.ts';
import { plural } from '../../core/plural.ts';
import { readDotenv } from '../../live/credentials.ts';
import { send, type Transport } from '../../live/http.ts';
import { parseSets } from '../../live/inputs.ts';
import { mergeRecording, parseRecording, recordedLine, RECORDINGS_FILE, REPLAY_BASE_URL, recorder, replayer, serializeRecording, type RecordedExchange, type Recording } from '../../live/recording.ts';
import { placedFindings, type LiveFinding } from '../../live/place.ts';
import { operationIds, runLive, runLiveOn, type LiveRun, type LiveTarget } from '../../live/runner.ts';
import type { Swagger } from '../../swagger/index.ts';
import { summaryLine, updateLines, updateSchema } from '../../live/update-schema.ts';
import { formatOption, listOption, numberOption, parseCommand, stringOption } from '../args.ts';
import { assertSafeId, connectorFolder } from '../connector-folder.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { terminalText } from '../formatters/stylish.ts';
import { formatContext } from '../report.ts';
import { repositoryRoot } from '../../core/repository-root.ts';
import { assertNotAPath, isPowerPlatformFolderArg, readFolderArg, refuseMdxOnly } from '../power-platform-arg.ts';
import { EXIT, UsageError, didYouMean, display } from '../util.ts';

export const testHelp = `Usage: plugboard test <id | Power Platform folder> [options]

Calls the connector's operations on the live API and checks each response: the status
code is declared (live-status-undeclared), the content type is one it produces
(live-content-type), the JSON body matches its schema (live-body-invalid) and declares
every field it returns (live-schema-drift); a timeout, reset, oversized body or refused
redirect is live-request-failed. Findings are placed at the MDX line that declares the field.

Without --operation, every GET and HEAD operation is called (nothing with side effects),
lists before gets, so a get can take its id from the list's first item.

Inputs come from each parameter's testValue (x-ms-test-value), example, default or first
enum value, or --set. Credentials come from the environment or the repository's .env
(never written): PLUGBOARD_<ID>_<PARAM> (like PLUGBOARD_THE_CAT_API_API_KEY), or in .env
also the bare <PARAM> (API_KEY, TOKEN, USERNAME, PASSWORD). They are never printed.

A Power Platform folder (a path holding apiDefinition.swagger.json) is tested as it is:
findings are placed in its JSON, credentials are named after the folder
(PLUGBOARD_CONTOSO_TASKS_API_KEY for "Contoso Tasks"); --record, --replay and
--update-schema write into an MDX connector, so they need one (plugboard import).

Options:
  --operation <id>     Call this operation (repeatable); any method
  --base-url <url>     Send to this address instead of the connector's scheme://host/basePath
  --set <name=value>   An input value, by parameter name or operationId.name (repeatable)
  --timeout <seconds>  Deadline of each request, connect to last byte (default: 10, at most 600)
  --pages <n>          x-ms-pageable pages followed per operation (default: 5, 1–50)
  --format <name>      stylish (default), json or junit (any format of check works)
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --record             Also write every exchange, redacted and normalised, to
                       <connector>/recordings.yaml (reviewable; credentials never written)
  --replay             Call nothing: answer each request from recordings.yaml and check the
                       recorded responses; a request with no recording is live-recording-mismatch.
                       No credentials needed. What CI runs.
  --update-schema      After the run, write what the JSON responses showed into the MDX
                       front-matter and print a unified diff of each file changed: fields
                       returned but not declared are added (type, date-time or int64 format,
                       Title Case summary, inferred from the values seen), a field returned
                       as another type every time gets that type, one returned as null gets
                       x-nullable: true. Declared fields never returned are kept and listed.
                       Operations with a dynamic schema are left alone. Works with a live
                       run, --replay or --base-url; the findings printed are this run's, so
                       run again to check against the updated schema.
  --dry-run            With --update-schema: print the diff, write nothing
  -h, --help           Show this help

Limits: bodies over 5 MB are not read; 3 redirects, never carrying credentials to another
host; 429/503 with Retry-After retried twice within 5 s in all.

Exit status: 1 on an error finding (or a connector that does not compile), 0 otherwise,
2 on bad usage.
`;

/** `GET https://api.contoso.com/items → 200 (84 ms)`, and below it how the operation went. */
export function operationLines(run: LiveRun, color = false): string {
  const lines: string[] = [];
  for (const op of run.operations) {
    if (op.skipped) {
      lines.push(terminalText(`${op.operationId}: skipped, ${op.skipped}`));
      continue;
    }
    const req = op.request;
    const head = req ? `${req.method} ${req.url}` : op.operationId;
    const outcome = op.failure ? `failed: ${op.failure}` : `${op.status} (${op.ms} ms)${op.pages > 1 ? `, ${plural(op.pages, 'page')}` : ''}`;
    lines.push(terminalText(`${head} → ${outcome}${op.chained.length ? `  [${op.chained.join(', ')}]` : ''}`));
    if (op.unsubscribed !== undefined) lines.push(terminalText(`  subscription deleted at its Location → ${op.unsubscribed}`));
    const drift = run.diagnostics.filter((d) => d.args[0] === op.operationId && d.ruleId !== 'live-request-failed' && d.ruleId !== 'live-recording-mismatch');
    for (const d of drift) {
      const at = d.place ? `${d.file}:${d.place.start.line}:${d.place.start.column}` : d.file;
      const mark = d.severity === 'error' ? '✖' : d.severity === 'warning' ? '⚠' : 'ℹ';
      lines.push(`  ${mark} ${terminalText(d.message)}  ${color ? `\x1b[2m${terminalText(at)}\x1b[22m` : terminalText(at)}`);
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

export async function runTest(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('test', argv, {
    operation: { type: 'string', multiple: true },
    'base-url': { type: 'string' },
    set: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    pages: { type: 'string' },
    format: { type: 'string' },
    connectors: { type: 'string' },
    record: { type: 'boolean' },
    replay: { type: 'boolean' },
    'update-schema': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(testHelp);
    return EXIT.ok;
  }
  const format = formatOption(values, 'test');
  if (positionals.length !== 1) throw new UsageError('give one connector id, like `plugboard test the-cat-api`, or one Power Platform folder', 'test');
  const { sets, errors } = parseSets(listOption(values, 'set'));
  if (errors.length) throw new UsageError(errors[0]!, 'test');
  const baseUrl = stringOption(values, 'base-url');
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) throw new UsageError(`--base-url takes an http or https URL, not \`${baseUrl}\``, 'test');
  const timeoutMs = numberOption(values, 'timeout', 'test', 10, { min: 0.001, max: 600 }) * 1000;
  const maxPages = numberOption(values, 'pages', 'test', 5, { min: 1, max: 50, integer: true });
  const operations = listOption(values, 'operation');
  if (isPowerPlatformFolderArg(positionals[0]!)) return testPowerPlatformFolder(positionals[0]!, values, { format, operations, sets, ...(baseUrl !== undefined ? { baseUrl } : {}), timeoutMs, maxPages });
  const id = positionals[0]!;
  assertNotAPath(id, 'test');
  assertSafeId(id, 'test');
  const root = resolve(stringOption(values, 'connectors') ?? 'connectors');
  const folder = connectorFolder(root, id);
  if ('problem' in folder) {
    process.stderr.write(`plugboard test: ${display(join(root, id))} ${folder.problem}\n`);
    return EXIT.usage;
  }
  const load = () => loadConnector(folder.dir, display(folder.dir));
  if (values.record && values.replay) throw new UsageError('give --record or --replay, not both', 'test');
  if (values['dry-run'] && !values['update-schema']) throw new UsageError('--dry-run goes with --update-schema', 'test');
  const recordingPath = join(folder.dir, RECORDINGS_FILE);
  let transport: Transport | undefined;
  const recorded: RecordedExchange[] = [];
  const notRecorded: string[] = [];
  if (values.replay) {
    let text: string;
    try {
      text = readFileSync(recordingPath, 'utf8');
    } catch {
      process.stderr.write(`plugboard test: no ${display(recordingPath)} to replay; make it with \`plugboard test ${id} --record\`\n`);
      return EXIT.usage;
    }
    try {
      transport = replayer(parseRecording(text));
    } catch (error) {
      process.stderr.write(`plugboard test: ${display(recordingPath)} is ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.usage;
    }
  } else if (values.record) transport = recorder(send, recorded, notRecorded);
  if (operations.length) {
    const { compile } = await import('../../compiler/index.ts');
    const { createReporter } = await import('../../check/reporter.ts');
    const { recommended } = await import('../../check/presets.ts');
    assertOperations(operations, compile(load(), { report: createReporter(recommended), check: false }).swagger, id);
  }

  const run = await runLive(load, {
    connectorId: id,
    operations,
    sets,
    // A replay calls nothing: its requests go to an address that cannot resolve (`.invalid`), compared as `{baseUrl}`.
    ...(baseUrl !== undefined ? { baseUrl } : values.replay ? { baseUrl: REPLAY_BASE_URL } : {}),
    timeoutMs,
    maxPages,
    // A replay needs no credentials: requests are compared without them.
    env: values.replay ? {} : process.env,
    dotenv: values.replay ? {} : readDotenv(repositoryRoot(folder.dir)),
    ...(transport ? { transport } : {}),
  });
  let written: Recording | undefined;
  const stats = { kept: 0 };
  if (values.record && run.redactor) {
    // Redacted as each exchange was recorded; the run's redactor once more over the whole text.
    // `plugboard simulate --record`'s trigger lives stay: only the test exchanges are recorded anew,
    // and with --operation only those of the operations this run called.
    let previous: Recording | undefined;
    try {
      previous = parseRecording(readFileSync(recordingPath, 'utf8'));
    } catch {
      previous = undefined; // none yet, or not a recording: written anew
    }
    const called = new Set([...operations, ...recorded.map((e) => e.operationId), ...notRecorded]);
    const replaces = (e: RecordedExchange) => e.run === undefined && (operations.length === 0 || called.has(e.operationId));
    written = mergeRecording(previous, { connector: id, leftOut: notRecorded, exchanges: recorded }, replaces, stats);
    writeFileSync(recordingPath, run.redactor.text(serializeRecording(written)));
  }
  const { log, redact, failed } = await writeRun(run, id, format, {
    ...(written ? { recorded: recordedLine(written, stats.kept, recorded.length + notRecorded.length, display(recordingPath)) } : {}),
    credentialsNote: !values.replay,
  });
  if (values['update-schema']) {
    const again = `plugboard test ${id}${values.replay ? ' --replay' : baseUrl !== undefined ? ` --base-url ${baseUrl}` : ''}`;
    writeSchemaUpdate(run, load, folder.dir, Boolean(values['dry-run']), log, redact, again);
  }
  return failed ? EXIT.errors : EXIT.ok;
}

/** Refuses an `--operation` the connector does not have, naming the closest. */
function assertOperations(operations: readonly string[], swagger: Swagger, shown: string): void {
  const known = operationIds(swagger);
  for (const name of operations) if (!known.includes(name)) throw new UsageError(`no operation \`${name}\` in ${shown}${didYouMean(name, known)}`, 'test');
}

/**
 * The run as the user reads it: the recording line, missing credentials, one line per operation
 * (stdout with stylish, stderr with a machine format so that stdout is the report alone), the
 * diagnostics in `format`, and the summary line; everything redacted.
 */
async function writeRun(run: LiveRun, id: string, format: string, notes: { recorded?: string; credentialsNote: boolean }) {
  const redact = (text: string) => (run.redactor ? run.redactor.text(text) : text);
  const log = format === 'stylish' ? process.stdout : process.stderr;
  if (notes.recorded) log.write(`${notes.recorded}\n`);
  if (run.missingCredentials.length && notes.credentialsNote) log.write(redact(`No credentials for ${run.missingCredentials.join(', ')}; calling without them\n`));
  log.write(redact(operationLines(run)));
  const ctx = await formatContext([{ id, diagnostics: run.diagnostics, operations: run.operations.length }], { command: 'test', format });
  const report = FORMATTERS[format]!(run.diagnostics, ctx);
  if (format !== 'stylish' || report) process.stdout.write(redact(report));
  const failed = run.diagnostics.filter((d) => d.severity === 'error').length;
  const called = run.operations.filter((o) => !o.skipped).length;
  log.write(`Tested ${plural(called, 'operation')} of ${id}${run.operations.length > called ? ` (${run.operations.length - called} skipped)` : ''}: ${failed ? plural(failed, 'failure') : 'no failures'}\n`);
  return { log, redact, failed };
}

interface CommonTestOptions {
  format: string;
  operations: string[];
  sets: ReadonlyMap<string, string>;
  baseUrl?: string;
  timeoutMs: number;
  maxPages: number;
}

/**
 * `plugboard test <Power Platform folder>`: its apiDefinition.swagger.json as it is, read as `check`
 * reads the folder, each finding placed in its JSON at the node it is about. Recording and schema
 * updates write into a connector folder, so they stay with MDX connectors (`plugboard import` makes one).
 */
async function testPowerPlatformFolder(arg: string, values: Record<string, unknown>, common: CommonTestOptions): Promise<number> {
  refuseMdxOnly(values, ['record', 'replay', 'update-schema', 'dry-run', 'connectors'], 'test');
  const read = readFolderArg(arg, 'test', 'test in', process.stderr);
  if (typeof read === 'number') return read;
  const { dir, shown, swagger } = read;
  assertOperations(common.operations, swagger, shown);
  // The folder's check with the findings as its checks: each lands on its line of the JSON.
  const live = (findings: readonly LiveFinding[]) => placedFindings(checkPowerPlatformFolder(dir, shown, {}, { read: readConnectorFolder, check: () => [...findings] }).diagnostics, findings);
  const target: LiveTarget = { compiled: { swagger, apiProperties: read.apiProperties, files: [], readme: '', assets: new Map() }, place: live };
  const run = await runLiveOn(target, {
    connectorId: read.connectorId,
    operations: common.operations,
    sets: common.sets,
    ...(common.baseUrl !== undefined ? { baseUrl: common.baseUrl } : {}),
    timeoutMs: common.timeoutMs,
    maxPages: common.maxPages,
    env: process.env,
    dotenv: readDotenv(repositoryRoot(dir)),
    testValueKey: 'x-ms-test-value',
  });
  const { failed } = await writeRun(run, shown, common.format, { credentialsNote: true });
  return failed ? EXIT.errors : EXIT.ok;
}

/**
 * `--update-schema`: the run's responses written into the front-matter of the connector's MDX
 * files (only regular files inside its folder), each change shown as a unified diff, then a summary.
 */
function writeSchemaUpdate(run: LiveRun, load: () => ReturnType<typeof loadConnector>, dir: string, dryRun: boolean, log: NodeJS.WritableStream, redact: (text: string) => string, again: string): void {
  const update = updateSchema(load, run.exchanges);
  const prefix = load().prefix;
  const byFile = new Map<string, TextEdit[]>();
  for (const e of update.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const path = insideFolder(dir, prefix, file);
    if (path === undefined) {
      update.notes.push(`${file}: not a regular MDX file inside the connector folder; not written`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    log.write(redact(unifiedDiff(file, text, edits)));
    if (!dryRun) writeFileSync(path, applyEdits(text, edits));
  }
  for (const line of updateLines(update)) log.write(redact(terminalText(line)) + '\n');
  log.write(`${summaryLine(update, dryRun)}${dryRun ? ' (nothing written)' : ''}\n`);
  if (!dryRun && update.edits.length) log.write(`The findings above are from before the update; run \`${again}\` again to check against the updated schema\n`);
}

/** The path of `file` (as the loader shows it) when it is a regular `.mdx` file inside `dir`, else undefined. */
function insideFolder(dir: string, prefix: string, file: string): string | undefined {
  if (!file.startsWith(prefix) || !/\.mdx?$/i.test(file)) return undefined;
  const rel = file.slice(prefix.length);
  if (rel.split('/').some((part) => part === '..' || part === '' || part === '.')) return undefined;
  const path = join(dir, rel);
  return lstatSync(path, { throwIfNoEntry: false })?.isFile() ? path : undefined;
}
