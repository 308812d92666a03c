/**
 * The "Try it" panel's server side (`plugboard site --dev`): a connect-style handler the dev server
 * mounts (astro.config.mjs) that answers
 *   POST <base>_plugboard/try/<connectorId>/call    { operationId, values, target }
 *   POST <base>_plugboard/try/<connectorId>/values  { operationId, parameter, values, target }
 * `call` runs one operation through the runner (runner.ts: the request built as the platform builds
 * it, the bounded client, the live rules) against the connector's mock — started here on 127.0.0.1,
 * one per connector, reused while its compiled document is the same — or its own API with the
 * credentials of the environment and `.env`; it answers the redacted request, the response (its
 * body cut at `TRY_IT_LIMITS.responseBytes`) and the findings on their MDX lines. `values` calls the
 * operation an `x-ms-dynamic-values` (or `x-ms-dynamic-list`) names, with its parameters taken from
 * the form as the extension maps them, and answers the dropdown's options.
 *
 * A page of any other site could post to a server on 127.0.0.1, so only same-origin JSON posts to a
 * loopback host are answered (else 403 / 415); bodies are capped (413); the connector id must be the
 * name of a connector folder; a failure is a JSON error, never a crash of the dev server.
 */
import { lstatSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connectorJobs, type Job } from '../build/connectors.ts';
import { recommended } from '../check/presets.ts';
import { createReporter } from '../check/reporter.ts';
import { compile } from '../compiler/index.ts';
import { loadConnector } from '../compiler/load.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { repositoryRoot } from '../core/repository-root.ts';
import { analyze, deref, isObject, parameters, type HttpRequest, type Json, type JsonObject, type OperationEntry, type Swagger } from '../swagger/index.ts';
import { readDotenv } from './credentials.ts';
import { send, type HttpResponse, type Transport } from './http.ts';
import { startMock, type MockServer } from './mock.ts';
import { runLive, type LiveRun } from './runner.ts';

export const TRY_IT_LIMITS = {
  /** Largest request body read; a larger one is answered 413. */
  requestBytes: 1_048_576,
  /** Response body shown; the rest is cut and the answer says so. */
  responseBytes: 262_144,
  /** Form values taken. */
  values: 500,
  /** Dropdown options returned. */
  options: 1_000,
  /** Deadline of one request to the API or the mock, connect to last byte. */
  timeoutMs: 15_000,
} as const;

/** `letters, digits, -, _ and .`, not starting with a dot: a folder name, never a path. */
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type Target = 'mock' | 'live';

export interface TryItOptions {
  /** Folders holding connector folders, relative to `cwd` (the site's, src/site/config.ts). */
  roots: readonly string[];
  /** The connector repository: where relative roots start and where `.env` is read. */
  cwd: string;
  /** The site's base path (`/`, `/repo/`); the endpoints live under it. */
  base?: string;
  /** Default process.env. */
  env?: Record<string, string | undefined>;
  /** Default the bounded client of http.ts; tests replace it. */
  transport?: Transport;
  /** A line per mock started or failure, for the dev server's log. */
  log?: (line: string) => void;
}

export interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

export interface CallAnswer {
  operationId: string;
  target: Target;
  /** The request as sent, credentials masked. */
  request?: HttpRequest;
  status?: number;
  ms?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Bytes of the whole body; `bodyCut` when only the first TRY_IT_LIMITS.responseBytes are in `body`. */
  bodyBytes?: number;
  bodyCut?: true;
  /** Why nothing was sent (a required input without a value), or how sending failed. */
  skipped?: string;
  failure?: string;
  findings: Finding[];
  /** `live`: connection parameters without a value, with the variable to set. */
  missingCredentials: string[];
}

export interface Option {
  value: string;
  title: string;
}

export interface ValuesAnswer {
  /** The operation the options came from. */
  operationId: string;
  options: Option[];
  /** More items than TRY_IT_LIMITS.options. */
  cut?: true;
}

export interface TryIt {
  /** Vite / connect middleware: answers the endpoints above, passes every other request on. */
  handle(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** Stops the mocks; later calls to the mock target fail. */
  close(): Promise<void>;
}

/** An answer with a status: thrown inside the handler, written as `{ error }`. */
class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function createTryIt(options: TryItOptions): TryIt {
  const base = `/${(options.base ?? '/').split('/').filter(Boolean).map((s) => `${s}/`).join('')}`;
  const prefix = '/_plugboard/try/';
  const mocks = new Map<string, { key: string; server: Promise<MockServer> }>();
  let closed = false;

  async function mockOf(job: Job, swagger: Swagger, apiProperties: unknown): Promise<MockServer> {
    if (closed) throw new Refusal(503, 'The dev server is closing');
    const key = createHash('sha256').update(JSON.stringify([swagger, apiProperties])).digest('hex');
    const known = mocks.get(job.id);
    if (known?.key === key) return known.server;
    // The connector changed since its mock started: serve the new definition.
    if (known) void known.server.then((m) => m.close(), () => undefined);
    const server = startMock({ swagger, apiProperties: apiProperties as never });
    mocks.set(job.id, { key, server });
    server.then(
      (m) => options.log?.(`mock of ${job.id} on ${m.url} (${m.operations} operations)`),
      () => mocks.delete(job.id),
    );
    return server;
  }

  async function answer(req: IncomingMessage, id: string, action: string): Promise<unknown> {
    if (req.method !== 'POST') throw new Refusal(405, 'Only POST is answered here');
    refuseOtherOrigins(req);
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new Refusal(415, 'Send a JSON body (Content-Type: application/json)');
    const input = await readJson(req);
    if (!SAFE_ID.test(id)) throw new Refusal(400, 'The connector id is not a folder name');
    const job = connectorJobs(options.roots, options.cwd).find((j) => j.id === id);
    if (!job) throw new Refusal(404, `No connector folder \`${id}\``);
    if (lstatSync(job.dir, { throwIfNoEntry: false })?.isSymbolicLink()) throw new Refusal(400, `The connector folder \`${id}\` is a symbolic link; it is used only when it is a real folder`);
    const context = { job, env: options.env ?? process.env, dotenv: readDotenv(repositoryRoot(job.dir)), transport: options.transport ?? send, mockOf };
    return action === 'call' ? call(context, parseCall(input)) : values(context, parseValues(input));
  }

  return {
    handle(req, res, next) {
      // Vite strips the base from the URL before this handler when the site has one; a server without it does not.
      const url = (req.url ?? '').split('?')[0]!;
      const path = url.startsWith(base) ? `/${url.slice(base.length)}` : url;
      if (!path.startsWith(prefix)) return next();
      const match = /^([^/]+)\/(call|values)$/.exec(path.slice(prefix.length));
      const reply = (status: number, body: unknown) => {
        if (res.headersSent) return void res.end();
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...(status === 405 ? { allow: 'POST' } : {}), ...(status === 413 ? { connection: 'close' } : {}) });
        res.end(text);
      };
      if (!match) return reply(404, { error: 'Unknown endpoint: use <connector>/call or <connector>/values' });
      let id = match[1]!;
      try {
        id = decodeURIComponent(id);
      } catch {
        return reply(400, { error: 'The connector id is not a folder name' });
      }
      answer(req, id, match[2]!).then(
        (body) => reply(200, body),
        (error: unknown) => {
          if (error instanceof Refusal) return reply(error.status, { error: error.message });
          options.log?.(`try it: ${id}: ${describe(error)}`);
          reply(500, { error: describe(error) });
        },
      );
    },
    async close() {
      closed = true;
      const servers = [...mocks.values()].map((m) => m.server);
      mocks.clear();
      await Promise.all(servers.map((s) => s.then((m) => m.close(), () => undefined)));
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- The request ---------------------------------------------------------------------------------

/**
 * A browser sends `Origin` with every POST from script; one from another site, or a name that
 * merely resolves to 127.0.0.1 (DNS rebinding), is refused.
 */
function refuseOtherOrigins(req: IncomingMessage): void {
  const host = String(req.headers.host ?? '');
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  if (!LOOPBACK.has(hostname)) throw new Refusal(403, 'Only requests to the dev server on this machine are answered');
  const origin = req.headers.origin;
  if (origin !== `http://${host}`) throw new Refusal(403, 'Only requests from the dev server\'s own pages are answered');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw new Refusal(403, 'Only requests from the dev server\'s own pages are answered');
}

/** The JSON body, at most TRY_IT_LIMITS.requestBytes. */
function readJson(req: IncomingMessage): Promise<unknown> {
  const limit = TRY_IT_LIMITS.requestBytes;
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.reject(new Refusal(413, `The request body is over ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new Refusal(413, `The request body is over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!done) reject(error);
      done = true;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Refusal(400, 'The request body is not JSON'));
      }
    });
  });
}

interface CallInput {
  operationId: string;
  values: Record<string, string>;
  target: Target;
}

interface ValuesInput extends CallInput {
  parameter: string;
}

function formValues(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw new Refusal(400, '`values` must be an object of strings');
  const entries = Object.entries(raw);
  if (entries.length > TRY_IT_LIMITS.values) throw new Refusal(400, `At most ${TRY_IT_LIMITS.values} values`);
  for (const [key, value] of entries) if (typeof value !== 'string') throw new Refusal(400, `The value of \`${key.slice(0, 80)}\` must be a string`);
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseCall(input: unknown): CallInput {
  if (!isObject(input) || typeof input.operationId !== 'string') throw new Refusal(400, 'Give `operationId`');
  const target = input.target ?? 'mock';
  if (target !== 'mock' && target !== 'live') throw new Refusal(400, '`target` is `mock` or `live`');
  return { operationId: input.operationId, values: formValues(input.values), target };
}

function parseValues(input: unknown): ValuesInput {
  const call = parseCall(input);
  if (!isObject(input) || typeof input.parameter !== 'string') throw new Refusal(400, 'Give `parameter`, the key of the field');
  return { ...call, parameter: input.parameter };
}

// ---- Running one operation ---------------------------------------------------------------------

interface Context {
  job: Job;
  env: Record<string, string | undefined>;
  dotenv: Record<string, string>;
  transport: Transport;
  mockOf: (job: Job, swagger: Swagger, apiProperties: unknown) => Promise<MockServer>;
}

interface Compiled {
  swagger: Swagger;
  apiProperties: unknown;
  entry: (operationId: string) => OperationEntry;
}

function compiled(job: Job): Compiled {
  const result = compile(loadConnector(job.dir, job.display), { report: createReporter(job.preset ?? recommended), check: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Refusal(422, `${job.id} does not compile: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ''}`);
  const byId = analyze(result.swagger).operationsById;
  return {
    swagger: result.swagger,
    apiProperties: result.apiProperties,
    entry: (operationId) => {
      const entry = byId.get(operationId);
      if (!entry) throw new Refusal(404, `No operation \`${operationId.slice(0, 80)}\` in ${job.id}`);
      return entry;
    },
  };
}

/** `--set` values of the runner from form values: `body/a.b` keys assembled into one body, typed by its schema. */
export function setsOf(swagger: Swagger, entry: OperationEntry, values: Readonly<Record<string, string>>): Map<string, string> {
  const sets = new Map<string, string>();
  const params = parameters(swagger, entry.pathItem.node, entry.visit.node);
  for (const p of params) {
    if (typeof p.name !== 'string' || p.in === 'body') continue;
    const value = values[p.name];
    if (value !== undefined && value !== '') sets.set(p.name, value);
  }
  const body = params.find((p) => p.in === 'body');
  if (body && typeof body.name === 'string') {
    const assembled = assembleBody(swagger, (body as { schema?: unknown }).schema, values);
    if (assembled !== undefined) sets.set(body.name, JSON.stringify(assembled));
  }
  return sets;
}

/** The body from `body` (JSON text) and `body/a.b` fields; undefined when the form gives none. */
export function assembleBody(swagger: Swagger, schema: unknown, values: Readonly<Record<string, string>>): unknown {
  let body: unknown;
  const whole = values.body;
  if (whole !== undefined && whole.trim() !== '') body = parseOr(whole, whole);
  for (const [key, text] of Object.entries(values)) {
    if (!key.startsWith('body/') || text === '') continue;
    const path = key.slice('body/'.length).split('.');
    if (path.some((part) => part === '' || part.endsWith('[]') || part === '__proto__' || part === 'constructor' || part === 'prototype')) continue;
    if (!isObject(body)) body = {};
    let node = body as Record<string, unknown>;
    for (const part of path.slice(0, -1)) node = (isObject(node[part]) ? node[part] : (node[part] = {})) as Record<string, unknown>;
    node[path[path.length - 1]!] = typed(text, schemaAt(swagger, schema, path));
  }
  return body;
}

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** The schema of the property at `path` below `schema`, references followed; undefined when it does not say. */
function schemaAt(swagger: Swagger, schema: unknown, path: readonly string[]): JsonObject | undefined {
  let node = deref(swagger, schema);
  for (const part of path) {
    const props = node && isObject(node.properties) ? node.properties : undefined;
    node = props && Object.hasOwn(props, part) ? deref(swagger, props[part]) : undefined;
  }
  return node;
}

/** Form text as the schema's type: numbers, booleans, and JSON (or a comma list) for arrays and objects. */
function typed(text: string, schema: JsonObject | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (type === 'array') return parseOr(text, text.split(',').map((s) => s.trim()).filter(Boolean));
  if (type === 'object') return parseOr(text, text);
  return text;
}

/** One run of one operation; the first response (of page one) kept whole for the answer. */
async function runOne(context: Context, doc: Compiled, operationId: string, sets: Map<string, string>, target: Target): Promise<{ run: LiveRun; response: HttpResponse | undefined }> {
  const { job } = context;
  let baseUrl: string | undefined;
  if (target === 'mock') {
    const mock = await context.mockOf(job, doc.swagger, doc.apiProperties);
    const basePath = typeof doc.swagger.basePath === 'string' ? doc.swagger.basePath.replace(/\/+$/, '') : '';
    baseUrl = `${mock.url}${basePath}`;
  }
  let response: HttpResponse | undefined;
  const transport: Transport = async (request, sendOptions) => {
    const answer = await context.transport(request, sendOptions);
    response ??= answer;
    return answer;
  };
  const run = await runLive(() => loadConnector(job.dir, job.display), {
    connectorId: job.id,
    operations: [operationId],
    sets,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    // The mock needs no credentials, and gets none.
    env: target === 'live' ? context.env : {},
    dotenv: target === 'live' ? context.dotenv : {},
    maxPages: 1,
    timeoutMs: TRY_IT_LIMITS.timeoutMs,
    transport,
    ...(job.preset ? { preset: job.preset } : {}),
  });
  return { run, response };
}

function findingOf(d: Diagnostic): Finding {
  const finding: Finding = { ruleId: d.ruleId, severity: d.severity, message: d.message, file: d.file };
  if (d.place) {
    finding.line = d.place.start.line;
    finding.column = d.place.start.column;
  }
  return finding;
}

async function call(context: Context, input: CallInput): Promise<CallAnswer> {
  const doc = compiled(context.job);
  const entry = doc.entry(input.operationId);
  const { run, response } = await runOne(context, doc, input.operationId, setsOf(doc.swagger, entry, input.values), input.target);
  const op = run.operations[0];
  const redact = (text: string) => (run.redactor ? run.redactor.text(text) : text);
  const out: CallAnswer = {
    operationId: input.operationId,
    target: input.target,
    findings: run.diagnostics.map(findingOf),
    missingCredentials: input.target === 'live' ? run.missingCredentials : [],
  };
  if (op?.request) out.request = op.request;
  if (op?.skipped) out.skipped = redact(op.skipped);
  if (op?.failure) out.failure = redact(op.failure);
  if (response) {
    const hidden = run.redactor?.headers ?? new Set<string>();
    out.status = response.status;
    out.ms = response.ms;
    out.headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, hidden.has(k) ? '***' : redact(v)]));
    const bytes = Buffer.from(redact(response.body), 'utf8');
    out.bodyBytes = bytes.length;
    out.body = bytes.subarray(0, TRY_IT_LIMITS.responseBytes).toString('utf8');
    if (bytes.length > TRY_IT_LIMITS.responseBytes) out.bodyCut = true;
  }
  return out;
}

// ---- Dropdown values ---------------------------------------------------------------------------

/** What a dynamic-values extension asks for, both forms read alike. */
interface DynamicValues {
  operationId: string;
  /** Called operation's parameter → a literal, or the form key of a field of this operation. */
  parameters: Array<[string, { value: Json } | { field: string }]>;
  collection: string;
  valuePath: string;
  titlePath: string;
}

/** The extension on the field `key` (`name`, or `body/a.b`; on an array, the one on its items). */
function dynamicOf(swagger: Swagger, entry: OperationEntry, key: string): DynamicValues {
  const params = parameters(swagger, entry.pathItem.node, entry.visit.node);
  let node: JsonObject | undefined;
  if (key === 'body' || key.startsWith('body/')) {
    const body = params.find((p) => p.in === 'body') as (JsonObject & { schema?: unknown }) | undefined;
    node = body && (key === 'body' ? deref(swagger, body.schema) : schemaAt(swagger, body.schema, key.slice('body/'.length).split('.')));
  } else node = params.find((p) => p.name === key && p.in !== 'body') as JsonObject | undefined;
  if (node && node.type === 'array' && !isObject(node['x-ms-dynamic-values']) && !isObject(node['x-ms-dynamic-list'])) node = deref(swagger, node.items);
  if (!node) throw new Refusal(404, `No parameter \`${key.slice(0, 80)}\` in ${entry.operationId}`);
  const values = node['x-ms-dynamic-values'];
  const list = node['x-ms-dynamic-list'];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (isObject(values) && typeof values.operationId === 'string') {
    return {
      operationId: values.operationId,
      parameters: Object.entries(isObject(values.parameters) ? values.parameters : {}).map(([name, v]) => [
        name,
        isObject(v) && typeof v.parameter === 'string' ? { field: v.parameter } : isObject(v) && 'value' in v ? { value: v.value! } : { value: v },
      ]),
      collection: str(values['value-collection']),
      valuePath: str(values['value-path']),
      titlePath: str(values['value-title']),
    };
  }
  if (isObject(list) && typeof list.operationId === 'string') {
    return {
      operationId: list.operationId,
      parameters: Object.entries(isObject(list.parameters) ? list.parameters : {}).map(([name, v]) => [
        name,
        isObject(v) && typeof v.parameterReference === 'string' ? { field: v.parameterReference } : isObject(v) && 'value' in v ? { value: v.value! } : { value: v },
      ]),
      collection: str(list.itemsPath),
      valuePath: str(list.itemValuePath),
      titlePath: str(list.itemTitlePath),
    };
  }
  if (isObject(values) || isObject(list)) throw new Refusal(400, `The values of \`${key.slice(0, 80)}\` come from a built-in operation the dev server cannot call`);
  throw new Refusal(400, `\`${key.slice(0, 80)}\` has no dynamic values`);
}

/** What is at a `value-path` (a JSON pointer without the leading `/`; a dotted path is read too). */
export function valueAt(data: unknown, path: string): unknown {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return data;
  const walk = (parts: string[]) => parts.reduce<unknown>((node, part) => (isObject(node) && Object.hasOwn(node, part) ? node[part] : Array.isArray(node) && /^\d+$/.test(part) ? node[Number(part)] : undefined), data);
  const found = walk(trimmed.split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')));
  return found === undefined && trimmed.includes('.') ? walk(trimmed.split(/[./]/)) : found;
}

const shown = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

async function values(context: Context, input: ValuesInput): Promise<ValuesAnswer> {
  const doc = compiled(context.job);
  const dynamic = dynamicOf(doc.swagger, doc.entry(input.operationId), input.parameter);
  const source = doc.entry(dynamic.operationId);
  // The called operation's inputs, keyed as its own form would key them.
  const mapped: Record<string, string> = {};
  for (const [name, from] of dynamic.parameters) {
    const text = 'field' in from ? (input.values[from.field] ?? input.values[`body/${from.field}`]) : shown(from.value);
    if (text !== undefined && text !== '') mapped[name] = text;
  }
  const { run, response } = await runOne(context, doc, dynamic.operationId, setsOf(doc.swagger, source, mapped), input.target);
  const op = run.operations[0];
  const redact = (text: string) => (run.redactor ? run.redactor.text(text) : text);
  if (op?.skipped) throw new Refusal(422, `${dynamic.operationId} was not called: ${redact(op.skipped)}`);
  if (!response) throw new Refusal(502, `${dynamic.operationId} failed: ${redact(op?.failure ?? 'no response')}`);
  if (response.status < 200 || response.status >= 300) throw new Refusal(502, `${dynamic.operationId} answered ${response.status}`);
  const body = parseOr(redact(response.body), undefined);
  const items = valueAt(body, dynamic.collection);
  if (!Array.isArray(items)) throw new Refusal(502, `${dynamic.operationId} did not answer a list${dynamic.collection ? ` at \`${dynamic.collection}\`` : ''}`);
  const options: Option[] = [];
  for (const item of items) {
    const value = shown(valueAt(item, dynamic.valuePath));
    if (value === undefined) continue;
    if (options.length === TRY_IT_LIMITS.options) return { operationId: dynamic.operationId, options, cut: true };
    options.push({ value, title: (dynamic.titlePath ? shown(valueAt(item, dynamic.titlePath)) : undefined) ?? value });
  }
  return { operationId: dynamic.operationId, options };
}
