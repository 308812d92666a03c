/**
 * `plugboard simulate`: one trigger's life, step by step, as the platform would live it
 * (platform-format §2 and §3, README "Triggers in detail").
 *
 * - A **webhook** trigger: a callback receiver on 127.0.0.1 (port 0, bodies capped), the
 *   registration sent with the receiver's URL at the `x-ms-notification-url` property, a bounded
 *   wait for one notification (sent by the user, by the API, or by the mock when asked), the payload
 *   checked against `x-ms-notification-content`, then a DELETE at the `Location` the API returned.
 * - A **polling** trigger: `polls` polls at most, with the platform's state: a 202 sends the next
 *   poll to its `Location` after `Retry-After` (waited up to `retryCapMs` only); a 200 fires one run
 *   per item at the trigger's data path, and the `pollingtrigger` policy's `triggerConfig`
 *   expressions, evaluated over that response, give the state parameter of the next poll. Items are
 *   told apart by an id-like field, else a hash of their JSON: one seen before would start a flow twice.
 *
 * Every step is one line (`✔`/`✖`/`⚠`); what is printed is redacted. Nothing here waits unbounded.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { analyze, buildRequest, isObject, parameters, type ApiProperties, type HttpRequest, type Json, type JsonObject, type Swagger } from '../swagger/index.ts';
import { findCredentials, Redactor } from './credentials.ts';
import { send, TransportError, withoutCredentials, type HttpResponse, type SendOptions, type Transport } from './http.ts';
import { inputsFor } from './inputs.ts';
import { withBaseUrl, withoutDynamicHost } from './runner.ts';
import { SchemaValidator } from './schema-validator.ts';
import { triggersOf, type PollingTrigger, type Trigger, type WebhookTrigger } from './triggers.ts';

export const SIMULATE_LIMITS = {
  /** Largest notification body the receiver reads. */
  receiverBytes: 1_048_576,
  /** Most polls of one run. */
  maxPolls: 50,
  /** Default wait for a notification. */
  waitMs: 30_000,
  /** Default longest `Retry-After` actually waited. */
  retryCapMs: 2_000,
} as const;

export interface Step {
  /** `subscribe`, `notification`, `payload`, `unsubscribe`, `poll 2`. */
  name: string;
  status: 'ok' | 'fail' | 'warn' | 'info';
  text: string;
}

export interface PollReport {
  poll: number;
  status: number | undefined;
  /** Keys of the items that would start a flow. */
  fired: string[];
  /** Keys of items seen on an earlier poll (or twice in this one): a second run. */
  twice: string[];
}

export interface Simulation {
  kind: Trigger['kind'];
  steps: Step[];
  polls: PollReport[];
  /** No step failed. */
  ok: boolean;
}

export interface SimulateOptions {
  connectorId: string;
  swagger: Swagger;
  apiProperties: ApiProperties | undefined;
  operationId: string;
  baseUrl?: string | undefined;
  sets?: ReadonlyMap<string, string>;
  env?: Record<string, string | undefined>;
  dotenv?: Record<string, string>;
  transport?: Transport;
  timeoutMs?: number;
  /** Webhook: how long to wait for a notification (default 30 s). */
  waitMs?: number;
  /** Webhook: ask the mock at the base URL to notify (`POST /_plugboard/notify/<operationId>`). */
  notifyViaMock?: boolean;
  /** Polling: how many polls (default 3, at most 50). */
  polls?: number;
  /** Polling: the longest `Retry-After` actually waited (default 2 s; 0 in tests). */
  retryCapMs?: number;
  /** Polling: called before each poll (1-based), e.g. to queue items in a mock. */
  beforePoll?: (poll: number) => Promise<void> | void;
  /** Webhook: called once the receiver is registered, with its URL (e.g. to send a notification). */
  onSubscribed?: (callbackUrl: string) => Promise<void> | void;
  /** Each step as it happens, already redacted. */
  log?: (step: Step) => void;
}

/** The triggers of a compiled connector (for usage errors: did-you-mean, not a trigger). */
export function triggerIds(swagger: Swagger, apiProperties: ApiProperties | undefined): Map<string, Trigger> {
  return triggersOf(swagger, apiProperties);
}

export function stepLine(step: Step): string {
  const mark = step.status === 'ok' ? '✔' : step.status === 'fail' ? '✖' : step.status === 'warn' ? '⚠' : 'ℹ';
  return `${mark} ${step.name} ${step.text}`;
}

interface Context {
  swagger: Swagger;
  apiProperties: ApiProperties;
  redactor: Redactor;
  transport: Transport;
  sendOptions: SendOptions;
  credentials: ReturnType<typeof findCredentials>['credentials'];
  steps: Step[];
  log: (step: Step) => void;
}

export async function simulate(options: SimulateOptions): Promise<Simulation> {
  const trigger = triggersOf(options.swagger, options.apiProperties).get(options.operationId);
  if (!trigger) throw new Error(`${options.operationId} is not a trigger`);
  const swagger = withBaseUrl(options.swagger, options.baseUrl);
  const apiProperties = withoutDynamicHost(options.apiProperties ?? ({} as ApiProperties), options.baseUrl);
  const found = findCredentials(options.connectorId, apiProperties, options.env ?? {}, options.dotenv ?? {});
  const redactor = new Redactor(swagger, found.secrets);
  const base = `${swagger.schemes?.[0] ?? 'https'}://${swagger.host}${typeof swagger.basePath === 'string' ? swagger.basePath.replace(/\/+$/, '') : ''}`;
  const steps: Step[] = [];
  const ctx: Context = {
    swagger,
    apiProperties,
    redactor,
    transport: options.transport ?? send,
    sendOptions: { timeoutMs: options.timeoutMs ?? 10_000, baseUrl: base, operationId: options.operationId, sensitiveHeaders: redactor.headers, sensitiveQuery: redactor.query, secrets: found.secrets, maxRetries: 0 },
    credentials: found.credentials,
    steps,
    log: (step) => {
      const shown = { ...step, text: redactor.text(step.text) };
      steps.push(shown);
      options.log?.(shown);
    },
  };
  const polls: PollReport[] = [];
  if (trigger.kind === 'webhook') await webhook(ctx, trigger, options);
  else await polling(ctx, trigger, options, polls);
  return { kind: trigger.kind, steps, polls, ok: !steps.some((s) => s.status === 'fail') };
}

// ---------------------------------------------------------------------------------------------
// Webhook

interface Receiver {
  url: string;
  /** The first notification, or undefined after `ms`. */
  next(ms: number): Promise<{ body: string; contentType: string } | { tooLarge: true } | undefined>;
  close(): Promise<void>;
}

/** A callback receiver on 127.0.0.1, any free port; bodies over `maxBytes` are answered 413. */
export async function startReceiver(maxBytes: number = SIMULATE_LIMITS.receiverBytes): Promise<Receiver> {
  type Got = { body: string; contentType: string } | { tooLarge: true };
  const got: Got[] = [];
  let wake: (() => void) | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        got.push({ tooLarge: true });
        wake?.();
        res.writeHead(413, { connection: 'close' }).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) return;
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      got.push({ body: Buffer.concat(chunks).toString('utf8'), contentType: String(req.headers['content-type'] ?? '') });
      wake?.();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    req.on('error', () => res.destroy());
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    next: (ms) =>
      new Promise((done) => {
        if (got.length) return done(got.shift());
        const timer = setTimeout(() => {
          wake = undefined;
          done(undefined);
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          done(got.shift());
        };
      }),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** `value` with `leaf` set at `path` (objects created on the way). */
function setAt(value: unknown, path: readonly string[], leaf: string): JsonObject {
  const root: JsonObject = isObject(value as Json) ? structuredClone(value as JsonObject) : {};
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[path[path.length - 1]!] = leaf;
  return root;
}

async function call(ctx: Context, request: HttpRequest): Promise<HttpResponse | string> {
  try {
    return await ctx.transport(request, ctx.sendOptions);
  } catch (error) {
    return error instanceof TransportError || error instanceof Error ? error.message : String(error);
  }
}

function shortUrl(url: string, base: string | undefined): string {
  return base && url.startsWith(base) ? `…${url.slice(base.length) || '/'}` : url;
}

async function webhook(ctx: Context, trigger: WebhookTrigger, options: SimulateOptions): Promise<void> {
  const entry = analyze(ctx.swagger).operationsById.get(trigger.operationId)!;
  const receiver = await startReceiver();
  const base = ctx.sendOptions.baseUrl;
  try {
    ctx.log({ name: 'receiver', status: 'ok', text: `listening at ${receiver.url}` });
    const inputs = inputsFor(ctx.swagger, entry, options.sets ?? new Map(), () => undefined);
    const bodyParam = parameters(ctx.swagger, entry.pathItem.node, entry.visit.node).find((p) => p.in === 'body');
    if (bodyParam && typeof bodyParam.name === 'string') inputs.values[bodyParam.name] = setAt(inputs.values[bodyParam.name], trigger.callback, receiver.url);
    const missing = inputs.missing.filter((n) => n !== bodyParam?.name);
    if (missing.length) {
      ctx.log({ name: 'subscribe', status: 'fail', text: `not sent: no value for the required ${missing.map((n) => `\`${n}\``).join(', ')} (give it a testValue, or --set ${missing[0]}=…)` });
      return;
    }
    const request = buildRequest({ swagger: ctx.swagger, apiProperties: ctx.apiProperties }, trigger.operationId, inputs.values, ctx.credentials);
    if (!request) {
      ctx.log({ name: 'subscribe', status: 'fail', text: 'not sent: the request could not be built' });
      return;
    }
    const head = `${request.method} ${shortUrl(ctx.redactor.url(request.url), base)}`;
    const response = await call(ctx, request);
    if (typeof response === 'string') {
      ctx.log({ name: 'subscribe', status: 'fail', text: `${head} failed: ${response}` });
      return;
    }
    const location = response.headers.location;
    if (response.status < 200 || response.status >= 300) {
      ctx.log({ name: 'subscribe', status: 'fail', text: `${head} → ${response.status}${snippet(response.body)}, expected 2xx (201)` });
      return;
    }
    if (!location) {
      ctx.log({ name: 'subscribe', status: 'fail', text: `${head} → ${response.status}, no Location: the platform could not unsubscribe (add it in the API, or in script.csx)` });
    } else {
      ctx.log({ name: 'subscribe', status: 'ok', text: `${head} → ${response.status}, Location ${shortUrl(location, base)}` });
    }

    await notification(ctx, trigger, options, receiver);

    if (!location) return;
    let url: URL;
    try {
      url = new URL(location, request.url);
    } catch {
      ctx.log({ name: 'unsubscribe', status: 'fail', text: `the Location \`${location.slice(0, 200)}\` is not a URL` });
      return;
    }
    const { body: _body, ...rest } = request;
    let del: HttpRequest = { ...rest, method: 'DELETE', url: url.toString() };
    if (url.origin !== new URL(request.url).origin) {
      const stripped = withoutCredentials(del, url, ctx.sendOptions);
      del = { ...stripped.req, url: stripped.url.toString() };
    }
    del.headers = Object.fromEntries(Object.entries(del.headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
    const delHead = `DELETE ${shortUrl(ctx.redactor.url(del.url), base)}`;
    const deleted = await call(ctx, del);
    if (typeof deleted === 'string') ctx.log({ name: 'unsubscribe', status: 'fail', text: `${delHead} failed: ${deleted}` });
    else if (deleted.status >= 200 && deleted.status < 300) ctx.log({ name: 'unsubscribe', status: 'ok', text: `${delHead} → ${deleted.status}` });
    else ctx.log({ name: 'unsubscribe', status: 'fail', text: `${delHead} → ${deleted.status}, expected 2xx: the API would keep calling a flow that is off` });
  } finally {
    await receiver.close();
  }
}

async function notification(ctx: Context, trigger: WebhookTrigger, options: SimulateOptions, receiver: Receiver): Promise<void> {
  const waitMs = options.waitMs ?? SIMULATE_LIMITS.waitMs;
  if (options.notifyViaMock) {
    const origin = new URL(ctx.sendOptions.baseUrl!).origin;
    const asked = await call(ctx, { method: 'POST', url: `${origin}/_plugboard/notify/${encodeURIComponent(trigger.operationId)}`, headers: {} });
    const text = typeof asked === 'string' ? `failed: ${asked}` : `→ ${asked.status}`;
    ctx.log({ name: 'notify', status: typeof asked !== 'string' && asked.status < 300 ? 'ok' : 'fail', text: `POST ${origin}/_plugboard/notify/${trigger.operationId} ${text}` });
  } else {
    ctx.log({ name: 'wait', status: 'info', text: `up to ${waitMs / 1000} s for a notification at ${receiver.url} (send one with: curl -X POST -H 'content-type: application/json' -d @payload.json ${receiver.url})` });
  }
  await options.onSubscribed?.(receiver.url);
  const got = await receiver.next(waitMs);
  if (!got) {
    ctx.log({ name: 'notification', status: 'fail', text: `none within ${waitMs / 1000} s` });
    return;
  }
  if ('tooLarge' in got) {
    ctx.log({ name: 'notification', status: 'fail', text: `the body passed ${SIMULATE_LIMITS.receiverBytes / 1_048_576} MB; answered 413` });
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(got.body);
  } catch {
    ctx.log({ name: 'notification', status: 'fail', text: `received ${got.body.length} bytes that are not JSON${got.contentType ? ` (${got.contentType})` : ''}` });
    return;
  }
  ctx.log({ name: 'notification', status: 'ok', text: `received ${got.body.length} bytes of JSON` });
  if (!trigger.payload) {
    ctx.log({ name: 'payload', status: 'warn', text: 'not checked: the path item declares no x-ms-notification-content schema' });
    return;
  }
  const result = new SchemaValidator(ctx.swagger).validate(trigger.payload, payload);
  ctx.log(result.ok ? { name: 'payload', status: 'ok', text: 'matches x-ms-notification-content' } : { name: 'payload', status: 'fail', text: `does not match x-ms-notification-content: ${result.message}` });
}

// ---------------------------------------------------------------------------------------------
// Polling

const ID_FIELDS = ['id', 'Id', 'ID', '_id', 'uuid', 'guid', 'key', 'unique_email_id', 'email_address'];

/** An item's identity: its first id-like field, else a stable hash of its JSON. */
export function itemKey(item: unknown): string {
  if (isObject(item as Json)) {
    const obj = item as JsonObject;
    for (const name of ID_FIELDS) {
      const v = obj[name];
      if (typeof v === 'string' || typeof v === 'number') return `${name}=${String(v)}`;
    }
  }
  return `#${createHash('sha256').update(stable(item)).digest('hex').slice(0, 10)}`;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `triggerBody().members[0].timestamp_opt` over `body`; undefined when a step is missing or the expression is another. */
export function evaluateTriggerBody(expression: string, body: unknown): unknown {
  const m = /^\s*triggerBody\(\)(.*)$/.exec(expression);
  if (!m) return undefined;
  const step = /\??(?:\.([A-Za-z_$][\w$]*)|\[['"]([^'"]*)['"]\]|\[(\d+)\])/y;
  const rest = m[1]!.trim();
  let node: unknown = body;
  let at = 0;
  while (at < rest.length) {
    step.lastIndex = at;
    const s = step.exec(rest);
    if (!s) return undefined;
    at = step.lastIndex;
    if (s[3] !== undefined) node = Array.isArray(node) ? node[Number(s[3])] : undefined;
    else node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[(s[1] ?? s[2])!] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** A `triggerConfig` value over the last response: `@{…}` parts interpolated, or a whole `@…` expression. */
export function evaluateConfig(template: string, body: unknown): string | undefined {
  if (/^@[^{]/.test(template)) {
    const v = evaluateTriggerBody(template.slice(1), body);
    return v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
  }
  let missing = false;
  const out = template.replace(/@\{([^}]*)\}/g, (_all, inner: string) => {
    const v = evaluateTriggerBody(inner, body);
    if (v === undefined || v === null) missing = true;
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
  return missing ? undefined : out;
}

function triggerConfig(apiProperties: ApiProperties | undefined, operationId: string): Record<string, string> {
  const list = isObject(apiProperties) && isObject(apiProperties.properties) ? apiProperties.properties.policyTemplateInstances : undefined;
  if (!Array.isArray(list)) return {};
  for (const instance of list) {
    if (!isObject(instance) || String(instance.templateId).toLowerCase() !== 'pollingtrigger' || !isObject(instance.parameters)) continue;
    const names = instance.parameters['x-ms-apimTemplate-operationName'];
    if (Array.isArray(names) && names.length > 0 && !names.includes(operationId)) continue;
    const config = instance.parameters['x-ms-apimTemplateParameter.triggerConfig'];
    if (!isObject(config)) return {};
    return Object.fromEntries(Object.entries(config).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('x-ms-')));
  }
  return {};
}

function itemsAt(body: unknown, path: readonly string[]): unknown {
  let node = body;
  for (const key of path) node = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** ` ({"error":…})`: the start of an error body, on one line. */
function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text ? ` (${text.length > 120 ? `${text.slice(0, 120)}…` : text})` : '';
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

async function polling(ctx: Context, trigger: PollingTrigger, options: SimulateOptions, polls: PollReport[]): Promise<void> {
  const entry = analyze(ctx.swagger).operationsById.get(trigger.operationId)!;
  const count = Math.min(Math.max(1, Math.floor(options.polls ?? 3)), SIMULATE_LIMITS.maxPolls);
  const cap = Math.max(0, options.retryCapMs ?? SIMULATE_LIMITS.retryCapMs);
  const base = ctx.sendOptions.baseUrl;
  const config = triggerConfig(ctx.apiProperties, trigger.operationId);
  const sets = new Map(options.sets ?? []);
  const inputs = inputsFor(ctx.swagger, entry, sets, () => undefined);
  if (inputs.missing.length) {
    ctx.log({ name: 'poll 1', status: 'fail', text: `not sent: no value for the required ${inputs.missing.map((n) => `\`${n}\``).join(', ')} (give it a testValue, or --set ${inputs.missing[0]}=…)` });
    return;
  }
  const values = inputs.values;
  const seen = new Map<string, number>();
  /** The next poll's URL when the last answer was a 202 with a Location. */
  let next: string | undefined;
  for (let poll = 1; poll <= count; poll++) {
    await options.beforePoll?.(poll);
    let request = buildRequest({ swagger: ctx.swagger, apiProperties: ctx.apiProperties }, trigger.operationId, values, ctx.credentials);
    if (!request) {
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: 'not sent: the request could not be built' });
      return;
    }
    if (next !== undefined) {
      const url = new URL(next, request.url);
      request = { ...request, url: url.toString() };
      if (url.origin !== new URL(request.url).origin) {
        const stripped = withoutCredentials(request, url, ctx.sendOptions);
        request = { ...stripped.req, url: stripped.url.toString() };
      }
    }
    const head = `${request.method} ${shortUrl(ctx.redactor.url(request.url), base)}`;
    const response = await call(ctx, request);
    const report: PollReport = { poll, status: typeof response === 'string' ? undefined : response.status, fired: [], twice: [] };
    polls.push(report);
    if (typeof response === 'string') {
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} failed: ${response}` });
      return;
    }
    const retryAfter = Number(response.headers['retry-after']);
    const waitText = (ms: number) => (Number.isFinite(retryAfter) && response.headers['retry-after'] ? `, Retry-After ${retryAfter} s (waited ${ms / 1000} s)` : '');
    if (response.status === 202) {
      next = response.headers.location;
      const waited = poll < count && Number.isFinite(retryAfter) ? Math.min(retryAfter * 1000, cap) : 0;
      const at = next === undefined ? '; no Location, the next poll repeats this one' : new URL(next, request.url).toString() === request.url ? '; Location: the same URL' : `; next poll at Location ${shortUrl(ctx.redactor.url(next), base)}`;
      ctx.log({ name: `poll ${poll}`, status: 'ok', text: `${head} → 202, nothing new${at}${waitText(waited)}` });
      if (poll < count && waited > 0) await sleep(waited);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} → ${response.status}${snippet(response.body)}: the platform would mark the trigger failed` });
      next = undefined;
      continue;
    }
    let body: unknown;
    try {
      body = response.body === '' ? undefined : JSON.parse(response.body);
    } catch {
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} → ${response.status}, the body is not JSON` });
      continue;
    }
    const items = itemsAt(body, trigger.items);
    const where = trigger.items.length ? trigger.items.join('.') : 'the body';
    if (!Array.isArray(items)) {
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} → ${response.status}, no array at ${where}: nothing would fire` });
      continue;
    }
    const inPoll = new Set<string>();
    for (const item of items) {
      const key = itemKey(item);
      if (seen.has(key) || inPoll.has(key)) report.twice.push(key);
      else report.fired.push(key);
      inPoll.add(key);
      if (!seen.has(key)) seen.set(key, poll);
    }
    const fired = report.fired.length ? `${report.fired.length} new (${report.fired.slice(0, 5).join(', ')}${report.fired.length > 5 ? ', …' : ''})` : 'no new item';
    if (report.twice.length) {
      const firsts = report.twice.slice(0, 5).map((k) => `${k}${seen.get(k) !== poll ? ` from poll ${seen.get(k)}` : ''}`);
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} → ${response.status}, ${fired}; would start a flow twice: ${firsts.join(', ')}${report.twice.length > 5 ? ', …' : ''}` });
    } else {
      ctx.log({ name: `poll ${poll}`, status: items.length ? 'ok' : 'warn', text: `${head} → ${response.status}, ${fired}${items.length ? '' : ': a 200 with no items should be a 202'}` });
    }
    // The state of the next poll: the 200's Location (style B), else triggerConfig over this body (style A).
    next = response.headers.location;
    for (const [param, template] of Object.entries(config)) {
      const value = evaluateConfig(template, body);
      if (value === undefined) {
        if (items.length) ctx.log({ name: `state`, status: 'warn', text: `\`${param}\` (${template}) has no value in this response: the state stays ${values[param] === undefined ? 'unset' : `\`${String(values[param])}\``}, so a gap or repeats may follow` });
        continue;
      }
      if (value === values[param]) {
        if (items.length) ctx.log({ name: 'state', status: 'warn', text: `\`${param}\` did not move (\`${value}\`) after new items: the next poll would return them again` });
        continue;
      }
      values[param] = value;
      ctx.log({ name: 'state', status: 'info', text: `\`${param}\` = \`${value}\` for the next poll` });
    }
    if (poll < count && Number.isFinite(retryAfter) && retryAfter > 0) await sleep(Math.min(retryAfter * 1000, cap));
  }
  const total = polls.reduce((n, p) => n + p.fired.length, 0);
  const twice = polls.reduce((n, p) => n + p.twice.length, 0);
  ctx.log({ name: 'summary', status: twice ? 'fail' : 'info', text: `${polls.length} poll${polls.length === 1 ? '' : 's'}: ${total} run${total === 1 ? '' : 's'} would start${twice ? `, ${twice} of them for an item already seen` : ''}` });
}
