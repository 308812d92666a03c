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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { analyze, buildRequest, isObject, parameters, type ApiProperties, type HttpRequest, type Json, type JsonObject, type Swagger } from '../swagger/index.ts';
import { plural } from '../core/plural.ts';
import { findCredentials, Redactor } from './credentials.ts';
import { send, TransportError, withoutCredentials, type HttpResponse, type SendOptions, type Transport } from './http.ts';
import { bodyValue, inputsFor, missingInBody } from './inputs.ts';
import { recorder, recordRequest, type RecordedExchange } from './recording.ts';
import { withBaseUrl, withoutDynamicHost } from './runner.ts';
import { SchemaValidator } from './schema-validator.ts';
import { itemKey, triggersOf, type PollingTrigger, type Trigger, type WebhookTrigger } from './triggers.ts';

export const SIMULATE_LIMITS = {
  /** Largest notification body the receiver reads. */
  receiverBytes: 1_048_576,
  /** Most polls of one run. */
  maxPolls: 50,
  /** Default wait for a notification. */
  waitMs: 30_000,
  /** Default longest `Retry-After` actually waited. */
  retryCapMs: 2_000,
  /** Default and most pages read per poll (the trigger's next link, `x-ms-triggerConfig-nextLink`). */
  pages: 5,
  maxPages: 50,
  /** Most items queued in the mock before one poll (`--feed-via-mock`). */
  maxFeed: 20,
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
  /** Polling fed by the mock: the keys of queued items no poll turned into a run. */
  gaps: string[];
  /** Webhook: the notification the receiver got (recorded by `--record`, posted again by `--replay`). */
  notification?: Notification;
  /** No step failed. */
  ok: boolean;
}

export interface Notification {
  body: string;
  contentType: string;
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
  /** Polling: pages read per poll, following the next link (default 5, at most 50). */
  maxPages?: number;
  /** Polling: items the mock at the base URL queues before each poll after the first (`POST <base>/_plugboard/items/<operationId>`); a queued item no poll fires is a gap. */
  feedViaMock?: number;
  /** Webhook: a notification to post to the receiver once subscribed, as a replay does (none comes from a recording by itself). */
  replayedNotification?: Notification;
  /** Where to record every exchange (recording.ts `recorder`, marked `run: simulate`), the notification received included. */
  recordTo?: RecordedExchange[];
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
    transport: options.recordTo ? recorder(options.transport ?? send, options.recordTo) : (options.transport ?? send),
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
  const gaps: string[] = [];
  let notification: Notification | undefined;
  const recordedBefore = options.recordTo?.length ?? 0;
  if (trigger.kind === 'webhook') notification = await webhook(ctx, trigger, options);
  else await polling(ctx, trigger, options, polls, gaps);
  for (const exchange of options.recordTo?.slice(recordedBefore) ?? []) exchange.run = 'simulate';
  return { kind: trigger.kind, steps, polls, gaps, ...(notification ? { notification } : {}), ok: !steps.some((s) => s.status === 'fail') };
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

async function webhook(ctx: Context, trigger: WebhookTrigger, options: SimulateOptions): Promise<Notification | undefined> {
  const entry = analyze(ctx.swagger).operationsById.get(trigger.operationId)!;
  const receiver = await startReceiver();
  const base = ctx.sendOptions.baseUrl;
  ctx.sendOptions.callbackUrl = receiver.url;
  let received: Notification | undefined;
  try {
    ctx.log({ name: 'receiver', status: 'ok', text: `listening at ${receiver.url}` });
    const inputs = inputsFor(ctx.swagger, entry, options.sets ?? new Map(), () => undefined);
    const bodyParam = parameters(ctx.swagger, entry.pathItem.node, entry.visit.node).find((p) => p.in === 'body');
    const bodyName = bodyParam && typeof bodyParam.name === 'string' ? bodyParam.name : undefined;
    // A registration always carries a body (the callback is in it), so the body's required fields need
    // values even where the parameter is optional (Calendly's); the callback is filled in here.
    const body = bodyName === undefined ? undefined : (inputs.values[bodyName] ?? bodyValue(ctx.swagger, bodyParam!.schema));
    const bodyMissing = bodyName !== undefined && body === undefined ? missingInBody(ctx.swagger, bodyParam!.schema, bodyName) : [];
    if (bodyName !== undefined) inputs.values[bodyName] = setAt(body, trigger.callback, receiver.url);
    const missing = [...inputs.missing.filter((n) => n !== bodyName), ...bodyMissing];
    if (missing.length) {
      ctx.log({ name: 'subscribe', status: 'fail', text: `not sent: no value for the required ${missing.map((n) => `\`${n}\``).join(', ')} (give it a testValue, or --set ${missing[0]!.split('.')[0]}=…)` });
      return received;
    }
    const request = buildRequest({ swagger: ctx.swagger, apiProperties: ctx.apiProperties }, trigger.operationId, inputs.values, ctx.credentials);
    if (!request) {
      ctx.log({ name: 'subscribe', status: 'fail', text: 'not sent: the request could not be built' });
      return received;
    }
    const head = `${request.method} ${shortUrl(ctx.redactor.url(request.url), base)}`;
    const response = await call(ctx, request);
    if (typeof response === 'string') {
      ctx.log({ name: 'subscribe', status: 'fail', text: `${head} failed: ${response}` });
      return received;
    }
    const location = response.headers.location;
    if (response.status < 200 || response.status >= 300) {
      ctx.log({ name: 'subscribe', status: 'fail', text: `${head} → ${response.status}${snippet(response.body)}, expected 2xx (201)` });
      return received;
    }
    if (!location) {
      ctx.log({ name: 'subscribe', status: 'fail', text: `${head} → ${response.status}, no Location: the platform could not unsubscribe (add it in the API, or in script.csx)` });
    } else {
      ctx.log({ name: 'subscribe', status: 'ok', text: `${head} → ${response.status}, Location ${shortUrl(location, base)}` });
    }

    received = await notification(ctx, trigger, options, receiver);
    if (received && options.recordTo) {
      // What the API posted, as an exchange to `{callbackUrl}` with no response: a replay posts it again.
      const contentType = received.contentType || 'application/json';
      const request = recordRequest({ method: 'POST', url: receiver.url, headers: { 'content-type': contentType }, body: { contentType, text: received.body } }, ctx.sendOptions);
      options.recordTo.push({ operationId: trigger.operationId, request });
    }

    if (!location) return received;
    let url: URL;
    try {
      url = new URL(location, request.url);
    } catch {
      ctx.log({ name: 'unsubscribe', status: 'fail', text: `the Location \`${location.slice(0, 200)}\` is not a URL` });
      return received;
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
    return received;
  } finally {
    await receiver.close();
  }
}

async function notification(ctx: Context, trigger: WebhookTrigger, options: SimulateOptions, receiver: Receiver): Promise<Notification | undefined> {
  const waitMs = options.waitMs ?? SIMULATE_LIMITS.waitMs;
  if (options.notifyViaMock) {
    // Under the connector's address (the mock answers its admin endpoints there too), so a recording keeps it as `{baseUrl}/_plugboard/…`.
    const url = `${ctx.sendOptions.baseUrl}/_plugboard/notify/${encodeURIComponent(trigger.operationId)}`;
    const asked = await call(ctx, { method: 'POST', url, headers: {} });
    const text = typeof asked === 'string' ? `failed: ${asked}` : `→ ${asked.status}`;
    ctx.log({ name: 'notify', status: typeof asked !== 'string' && asked.status < 300 ? 'ok' : 'fail', text: `POST ${shortUrl(url, ctx.sendOptions.baseUrl)} ${text}` });
  } else if (options.replayedNotification) {
    ctx.log({ name: 'notify', status: 'info', text: `posting the recorded notification (${options.replayedNotification.body.length} bytes) to ${receiver.url}` });
  } else {
    ctx.log({ name: 'wait', status: 'info', text: `up to ${waitMs / 1000} s for a notification at ${receiver.url} (send one with: curl -X POST -H 'content-type: application/json' -d @payload.json ${receiver.url})` });
  }
  await options.onSubscribed?.(receiver.url);
  if (options.replayedNotification) await postLocal(receiver.url, options.replayedNotification, ctx.sendOptions.timeoutMs ?? 10_000);
  const got = await receiver.next(waitMs);
  if (!got) {
    ctx.log({ name: 'notification', status: 'fail', text: `none within ${waitMs / 1000} s` });
    return undefined;
  }
  if ('tooLarge' in got) {
    ctx.log({ name: 'notification', status: 'fail', text: `the body passed ${SIMULATE_LIMITS.receiverBytes / 1_048_576} MB; answered 413` });
    return undefined;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(got.body);
  } catch {
    ctx.log({ name: 'notification', status: 'fail', text: `received ${got.body.length} bytes that are not JSON${got.contentType ? ` (${got.contentType})` : ''}` });
    return got;
  }
  ctx.log({ name: 'notification', status: 'ok', text: `received ${got.body.length} bytes of JSON` });
  if (!trigger.payload) {
    ctx.log({ name: 'payload', status: 'warn', text: 'not checked: the path item declares no x-ms-notification-content schema' });
    return got;
  }
  const result = new SchemaValidator(ctx.swagger).validate(trigger.payload, payload);
  ctx.log(result.ok ? { name: 'payload', status: 'ok', text: 'matches x-ms-notification-content' } : { name: 'payload', status: 'fail', text: `does not match x-ms-notification-content: ${result.message}` });
  return got;
}

/** Posts a recorded notification to the receiver (on 127.0.0.1), as the API did when it was recorded; a failure shows as no notification. */
async function postLocal(url: string, notification: Notification, timeoutMs: number): Promise<void> {
  try {
    const contentType = notification.contentType || 'application/json';
    await send({ method: 'POST', url, headers: { 'content-type': contentType }, body: { contentType, text: notification.body } }, { timeoutMs, maxRetries: 0, maxRedirects: 0 });
  } catch {
    // The receiver's own step says nothing came.
  }
}

// ---------------------------------------------------------------------------------------------
// Polling

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

/** The trigger's `pollingtrigger` policy: state parameters → expressions, and the next-page property (platform-format §3.1). */
function pollingConfig(apiProperties: ApiProperties | undefined, operationId: string): { state: Record<string, string>; nextLink: string } {
  const fallback = { state: {}, nextLink: '@odata.nextLink' };
  const list = isObject(apiProperties) && isObject(apiProperties.properties) ? apiProperties.properties.policyTemplateInstances : undefined;
  if (!Array.isArray(list)) return fallback;
  for (const instance of list) {
    if (!isObject(instance) || String(instance.templateId).toLowerCase() !== 'pollingtrigger' || !isObject(instance.parameters)) continue;
    const names = instance.parameters['x-ms-apimTemplate-operationName'];
    if (Array.isArray(names) && names.length > 0 && !names.includes(operationId)) continue;
    const config = instance.parameters['x-ms-apimTemplateParameter.triggerConfig'];
    if (!isObject(config)) return fallback;
    const nextLink = config['x-ms-triggerConfig-nextLink'];
    return {
      state: Object.fromEntries(Object.entries(config).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('x-ms-'))),
      nextLink: typeof nextLink === 'string' && nextLink !== '' ? nextLink : fallback.nextLink,
    };
  }
  return fallback;
}

/** The next page's link in a body: the property `name`, or a `@triggerBody()…` expression's value. */
function nextLinkIn(body: unknown, name: string): string | undefined {
  const value = /^@\{?triggerBody\(\)/.test(name) ? evaluateConfig(name, body) : isObject(body as Json) ? (body as JsonObject)[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
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

/** The items of the pages after the first: each next link followed as a GET (credentials kept on the same origin only), `maxPages` pages in all. */
async function laterPages(ctx: Context, first: HttpRequest, body: unknown, trigger: PollingTrigger, nextLink: string, maxPages: number, check: (body: unknown, page: number) => void): Promise<{ items: unknown[]; pages: number; left?: string; failure?: string }> {
  const items: unknown[] = [];
  let link = nextLinkIn(body, nextLink);
  let pages = 1;
  let current = first;
  while (link !== undefined) {
    if (pages >= maxPages) return { items, pages, left: link };
    let url: URL;
    try {
      url = new URL(link, current.url);
    } catch {
      return { items, pages, failure: `the next link \`${link.slice(0, 120)}\` is not a URL` };
    }
    const { body: _body, ...rest } = current;
    let request: HttpRequest = { ...rest, method: 'GET', url: url.toString() };
    if (url.origin !== new URL(first.url).origin) {
      const stripped = withoutCredentials(request, url, ctx.sendOptions);
      request = { ...stripped.req, url: stripped.url.toString() };
    }
    const response = await call(ctx, request);
    pages++;
    if (typeof response === 'string') return { items, pages, failure: `page ${pages} failed: ${response}` };
    if (response.status < 200 || response.status >= 300) return { items, pages, failure: `page ${pages} → ${response.status}${snippet(response.body)}` };
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      return { items, pages, failure: `page ${pages} is not JSON` };
    }
    check(parsed, pages);
    const more = itemsAt(parsed, trigger.items);
    if (Array.isArray(more)) items.push(...more);
    current = request;
    link = nextLinkIn(parsed, nextLink);
  }
  return { items, pages };
}

/** Asks the mock at the connector's address to queue `count` made items for the trigger; their keys, or the failure. */
async function feed(ctx: Context, trigger: PollingTrigger, count: number): Promise<{ keys: string[] } | { failure: string }> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const url = `${ctx.sendOptions.baseUrl}/_plugboard/items/${encodeURIComponent(trigger.operationId)}`;
    const response = await call(ctx, { method: 'POST', url, headers: {} });
    if (typeof response === 'string') return { failure: `POST ${url} failed: ${response}` };
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    const items = isObject(body as Json) ? (body as JsonObject).items : undefined;
    if (response.status !== 200 || !Array.isArray(items)) return { failure: `POST ${url} → ${response.status}${snippet(response.body)}: is --base-url a plugboard mock?` };
    keys.push(...items.map(itemKey));
  }
  return { keys };
}

async function polling(ctx: Context, trigger: PollingTrigger, options: SimulateOptions, polls: PollReport[], gaps: string[]): Promise<void> {
  const entry = analyze(ctx.swagger).operationsById.get(trigger.operationId)!;
  const count = Math.min(Math.max(1, Math.floor(options.polls ?? 3)), SIMULATE_LIMITS.maxPolls);
  const cap = Math.max(0, options.retryCapMs ?? SIMULATE_LIMITS.retryCapMs);
  const maxPages = Math.min(Math.max(1, Math.floor(options.maxPages ?? SIMULATE_LIMITS.pages)), SIMULATE_LIMITS.maxPages);
  const feedCount = Math.min(Math.max(0, Math.floor(options.feedViaMock ?? 0)), SIMULATE_LIMITS.maxFeed);
  const base = ctx.sendOptions.baseUrl;
  const config = pollingConfig(ctx.apiProperties, trigger.operationId);
  const validator = new SchemaValidator(ctx.swagger);
  const sets = new Map(options.sets ?? []);
  const inputs = inputsFor(ctx.swagger, entry, sets, () => undefined);
  if (inputs.missing.length) {
    ctx.log({ name: 'poll 1', status: 'fail', text: `not sent: no value for the required ${inputs.missing.map((n) => `\`${n}\``).join(', ')} (give it a testValue, or --set ${inputs.missing[0]}=…)` });
    return;
  }
  const values = inputs.values;
  const seen = new Map<string, number>();
  /** Items the mock was asked to queue, by key, with the poll they were queued before. */
  const queued = new Map<string, number>();
  /** The next poll's URL when the last answer was a 202 with a Location. */
  let next: string | undefined;
  for (let poll = 1; poll <= count; poll++) {
    await options.beforePoll?.(poll);
    // The platform's first poll only sets the state, so items are queued from the second one on.
    if (feedCount > 0 && poll > 1) {
      const fed = await feed(ctx, trigger, feedCount);
      if ('failure' in fed) {
        ctx.log({ name: 'feed', status: 'fail', text: fed.failure });
        return;
      }
      for (const key of fed.keys) if (!queued.has(key)) queued.set(key, poll);
      ctx.log({ name: 'feed', status: 'info', text: `the mock queued ${plural(fed.keys.length, 'item')} before poll ${poll} (${fed.keys.slice(0, 5).join(', ')}${fed.keys.length > 5 ? ', …' : ''})` });
    }
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
    // Each page against the declared response: a flow's later steps read the items by that schema.
    let schemaBroken = false;
    const check = (page: unknown, number: number) => {
      if (!trigger.schema || schemaBroken) return;
      const result = validator.validate(trigger.schema, page);
      if (result.ok) return;
      schemaBroken = true;
      ctx.log({ name: 'schema', status: 'fail', text: `poll ${poll}${number > 1 ? `, page ${number}` : ''}: the body does not match the declared ${response.status} response: ${result.message}` });
    };
    check(body, 1);
    const firstItems = itemsAt(body, trigger.items);
    const where = trigger.items.length ? trigger.items.join('.') : 'the body';
    if (!Array.isArray(firstItems)) {
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} → ${response.status}, no array at ${where}: nothing would fire` });
      continue;
    }
    const paged = await laterPages(ctx, request, body, trigger, config.nextLink, maxPages, check);
    const items = [...firstItems, ...paged.items];
    const inPoll = new Set<string>();
    for (const item of items) {
      const key = itemKey(item);
      if (seen.has(key) || inPoll.has(key)) report.twice.push(key);
      else report.fired.push(key);
      inPoll.add(key);
      if (!seen.has(key)) seen.set(key, poll);
    }
    const pagesText = paged.pages > 1 ? ` over ${paged.pages} pages` : '';
    const fired = report.fired.length ? `${report.fired.length} new${pagesText} (${report.fired.slice(0, 5).join(', ')}${report.fired.length > 5 ? ', …' : ''})` : `no new item${pagesText}`;
    if (report.twice.length) {
      const firsts = report.twice.slice(0, 5).map((k) => `${k}${seen.get(k) !== poll ? ` from poll ${seen.get(k)}` : ''}`);
      ctx.log({ name: `poll ${poll}`, status: 'fail', text: `${head} → ${response.status}, ${fired}; would start a flow twice: ${firsts.join(', ')}${report.twice.length > 5 ? ', …' : ''}` });
    } else {
      ctx.log({ name: `poll ${poll}`, status: items.length ? 'ok' : 'warn', text: `${head} → ${response.status}, ${fired}${items.length ? '' : ': a 200 with no items should be a 202'}` });
    }
    if (paged.failure) ctx.log({ name: 'paging', status: 'fail', text: `poll ${poll}: ${ctx.redactor.text(paged.failure)}; the items of the later pages would not start a flow` });
    if (paged.left !== undefined) ctx.log({ name: 'paging', status: 'warn', text: `poll ${poll}: stopped at ${maxPages} pages with a next link left (${config.nextLink}); items past it would be missed (a gap) unless the state moves no further than they do` });
    // The state of the next poll: the 200's Location (style B), else triggerConfig over this body (style A).
    next = response.headers.location;
    for (const [param, template] of Object.entries(config.state)) {
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
  if (queued.size) {
    // A gap: an item the API had before a poll that no poll turned into a run.
    for (const [key, poll] of queued) if (!seen.has(key)) gaps.push(`${key} (queued before poll ${poll})`);
    if (gaps.length) ctx.log({ name: 'gaps', status: 'fail', text: `${plural(gaps.length, 'queued item')} never started a flow: ${gaps.slice(0, 5).join(', ')}${gaps.length > 5 ? ', …' : ''}` });
    else ctx.log({ name: 'gaps', status: 'ok', text: `each of the ${plural(queued.size, 'queued item')} started a flow` });
  }
  ctx.log({ name: 'summary', status: twice || gaps.length ? 'fail' : 'info', text: `${polls.length} poll${polls.length === 1 ? '' : 's'}: ${total} run${total === 1 ? '' : 's'} would start${twice ? `, ${twice} of them for an item already seen` : ''}${gaps.length ? `; ${plural(gaps.length, 'item')} missed` : ''}` });
}
