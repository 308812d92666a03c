/**
 * The mock server of a compiled connector (`plugboard mock`): every operation answers from its
 * examples or from data made from its schema (sample.ts), after the request is checked against the
 * definition (request-check.ts); the trigger contracts are honoured (triggers.ts): webhook
 * registration answers 201 with a `Location` to delete, notifications are posted to registered
 * callbacks on demand, and polling answers 202 + `Location` + `Retry-After` until items are added.
 *
 * It listens on 127.0.0.1 only, bounds everything it stores or reads (`MOCK_LIMITS`), and answers
 * any input, however broken, with a status and a JSON body: a handler error is a 500, never a
 * crash. Admin endpoints live under `/_plugboard/`, outside any connector's paths.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deref, isObject, isSuccess, nextLinkNameOf, responses, type ApiProperties, type Json, type JsonObject, type Operation, type Response, type Swagger } from '../swagger/index.ts';
import { checkRequest } from './request-check.ts';
import { basePathOf, matchRoute, routesOf, type Route } from './routes.ts';
import { sample } from './sample.ts';
import { SchemaValidator } from './schema-validator.ts';
import { callbackIn, placeItems, triggersOf, varyItem, type PollingTrigger, type Trigger, type WebhookTrigger } from './triggers.ts';

/** The only address the mock listens on. */
export const MOCK_HOST = '127.0.0.1';

export interface MockLimits {
  bodyBytes: number;
  headers: number;
  subscriptions: number;
  itemsPerTrigger: number;
  itemsPerPoll: number;
  notifyTimeoutMs: number;
}

export const MOCK_LIMITS: Readonly<MockLimits> = {
  /** Largest request body read; a larger one is answered 413. */
  bodyBytes: 1_048_576,
  /** Most request headers; more is answered 431. */
  headers: 100,
  /** Webhook subscriptions kept at once, over all triggers. */
  subscriptions: 1_000,
  /** Items waiting per polling trigger. */
  itemsPerTrigger: 10_000,
  /** Items returned by one poll. */
  itemsPerPoll: 100,
  /** Milliseconds a notification may take per callback. */
  notifyTimeoutMs: 5_000,
};

export interface MockConnector {
  swagger: Swagger;
  apiProperties?: ApiProperties | undefined;
}

export interface MockOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** One line per request: `GET /3.0/lists 200`. */
  log?: (line: string) => void;
  /** `Retry-After` of a poll with nothing new, in seconds (default 5). */
  retryAfter?: number;
  limits?: Partial<MockLimits>;
}

export interface Subscription {
  id: number;
  operationId: string;
  /** The callback URL the registration carried (undefined when it had none). */
  callback: string | undefined;
}

export interface Delivery {
  subscription: number;
  url: string | undefined;
  status?: number;
  error?: string;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** `url` and the connector's basePath: what `test` and `simulate` take as `--base-url`. */
  baseUrl: string;
  port: number;
  /** Operations served. */
  operations: number;
  subscriptions(): Subscription[];
  close(): Promise<void>;
}

/** Thrown inside the handler to answer with a status and a JSON body. */
class Answer {
  readonly status: number;
  readonly body: JsonObject;
  readonly headers: Record<string, string>;
  constructor(status: number, body: JsonObject, headers: Record<string, string> = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Starts the mock of `connector` on 127.0.0.1; resolves once it listens. */
export async function startMock(connector: MockConnector, options: MockOptions = {}): Promise<MockServer> {
  const mock = new Mock(connector, options);
  const server = createServer({ maxHeaderSize: 16_384 }, (req, res) => void mock.handle(req, res));
  server.maxHeadersCount = mock.limits.headers + 1;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // What Node's parser refuses (malformed requests, too many or too large headers) never reaches the handler.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({ error: tooLarge ? `Too many or too large headers (at most ${mock.limits.headers}, 16 KB)` : 'The request is not valid HTTP' });
    socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, MOCK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  mock.origin = `http://${MOCK_HOST}:${port}`;
  return {
    url: mock.origin,
    baseUrl: `${mock.origin}${basePathOf(mock.swagger)}`,
    port,
    operations: mock.routes.filter((r) => !r.routed).length,
    subscriptions: () => [...mock.subscriptions.values()].map((s) => ({ ...s })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

class Mock {
  readonly swagger: Swagger;
  readonly routes: Route[];
  /** The routes of each `METHOD template`, in match order: several where a policy sends several operations to one endpoint. */
  private readonly endpoints = new Map<string, Route[]>();
  /**
   * The operations sharing an endpoint with each operation (LawVu's webhook triggers all register at
   * `POST /account-apis/v1/webhooks/subscriptions`; Calendly sends one trigger to the other's path): a
   * registration there may have been meant for any of them, so its subscription is notified for all.
   */
  private readonly partners = new Map<string, Set<string>>();
  readonly validator: SchemaValidator;
  readonly triggers: Map<string, Trigger>;
  readonly limits: MockLimits;
  readonly log: (line: string) => void;
  readonly retryAfter: number;
  origin = '';
  readonly subscriptions = new Map<number, Subscription>();
  readonly queues = new Map<string, Json[]>();
  /** Items made (not given) per polling trigger so far: the next made one is varied by it (triggers.ts varyItem). */
  private readonly madeItems = new Map<string, number>();
  private nextSubscription = 1;
  private readonly bodies = new Map<Route, { status: number; response: Response | undefined; body: Json | undefined }>();

  constructor(connector: MockConnector, options: MockOptions) {
    this.swagger = isObject(connector.swagger) ? connector.swagger : {};
    this.routes = routesOf(this.swagger, connector.apiProperties);
    for (const route of this.routes) {
      const key = endpointOf(route);
      this.endpoints.set(key, [...(this.endpoints.get(key) ?? []), route]);
    }
    // Two operations' Swagger paths never coincide: a shared endpoint is always one a policy made.
    for (const shared of this.endpoints.values()) {
      const ids = new Set(shared.map((r) => r.operation.operationId).filter((id): id is string => id !== undefined));
      if (ids.size < 2) continue;
      for (const id of ids) this.partners.set(id, new Set([...(this.partners.get(id) ?? []), ...ids].filter((other) => other !== id)));
    }
    this.validator = new SchemaValidator(this.swagger);
    this.triggers = triggersOf(this.swagger, connector.apiProperties);
    this.limits = { ...MOCK_LIMITS, ...options.limits };
    this.log = options.log ?? (() => {});
    this.retryAfter = options.retryAfter ?? 5;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => {});
    res.on('error', () => {});
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const rawPath = target.split(/[?#]/, 1)[0]!;
    res.on('finish', () => this.log(`${method} ${rawPath.slice(0, 200)} ${res.statusCode}`));
    try {
      if (!rawPath.startsWith('/')) throw new Answer(400, { error: 'The request target must be a path starting with /' });
      if (req.rawHeaders.length / 2 > this.limits.headers) throw new Answer(431, { error: `Too many headers (at most ${this.limits.headers})` });
      const body = await readBody(req, this.limits.bodyBytes);
      const query = new URLSearchParams(target.includes('?') ? target.slice(target.indexOf('?') + 1).split('#', 1)[0] : '');
      // The admin endpoints answer at the root and under the basePath too, so that a client that
      // knows only the connector's address (the simulator, a recording of it) can reach them.
      const admin = adminPath(rawPath, basePathOf(this.swagger));
      if (admin !== undefined) return await this.admin(method, admin, body, res);
      this.operation(method, rawPath, query, req, body, res);
    } catch (error) {
      const answer = error instanceof Answer ? error : new Answer(500, { error: `The mock failed on this request: ${error instanceof Error ? error.message : String(error)}` });
      send(res, answer.status, answer.body, { ...answer.headers, ...(answer.status === 413 ? { connection: 'close' } : {}) });
    }
  }

  private operation(method: string, rawPath: string, query: URLSearchParams, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const match = matchRoute(this.routes, method, rawPath);
    if (match.kind === 'bad-path') throw new Answer(400, { error: 'A path segment is not valid percent-encoding', in: 'path' });
    if (match.kind === 'method') throw new Answer(405, { error: `No ${method} operation at this path; it allows ${match.allowed.join(', ')}` }, { allow: match.allowed.join(', ') });
    if (match.kind === 'none') {
      throw new Answer(404, { error: `No operation at ${method} ${rawPath.slice(0, 200)}`, ...(match.closest ? { closest: match.closest } : {}) });
    }
    let { route } = match;
    let checked = checkRequest(this.swagger, { route, path: match.path, query, headers: req.headers, body }, this.validator);
    // Operations a policy sends to one endpoint (Calendly's two webhook registrations): the request is
    // the first of them it is valid for, as the API would tell them apart by what they carry.
    for (const sibling of 'error' in checked ? this.endpoints.get(endpointOf(route))!.filter((r) => r !== route) : []) {
      const again = checkRequest(this.swagger, { route: sibling, path: match.path, query, headers: req.headers, body }, this.validator);
      if (!('error' in again)) {
        route = sibling;
        checked = again;
        break;
      }
    }
    if ('error' in checked) throw new Answer(400, { ...checked });
    const trigger = route.operation.operationId !== undefined ? this.triggers.get(route.operation.operationId) : undefined;
    if (trigger?.kind === 'webhook') return this.register(trigger, route, checked.body, res);
    if (trigger?.kind === 'polling') return this.poll(trigger, route, rawPath, query, res);
    const made = this.made(route);
    sendMade(res, route.operation.visit.node, this.swagger, made.status, made.response, made.body);
  }

  /** The response of an operation: its first success, with its example or data made from its schema (made once). */
  private made(route: Route): { status: number; response: Response | undefined; body: Json | undefined } {
    let made = this.bodies.get(route);
    if (!made) {
      const operation = route.operation.visit.node;
      const list = responses(this.swagger, operation);
      const success = list.find((r) => /^2\d\d$/.test(r.status)) ?? list.find((r) => isSuccess(r.status));
      const status = success && /^2\d\d$/.test(success.status) ? Number(success.status) : 200;
      let body = success ? (exampleOf(operation, success.status, success.response, this.swagger) ?? madeBody(this.swagger, success.response)) : undefined;
      // One page: a made next link ("string") would send a client to a path served by nothing, and an
      // example's (the real API's address) off this machine. (An example is the document's own object.)
      const nextLink = nextLinkNameOf(operation);
      if (nextLink !== undefined && isObject(body) && nextLink in body) {
        body = structuredClone(body);
        delete body[nextLink];
      }
      made = { status, response: success?.response, body };
      this.bodies.set(route, made);
    }
    return { ...made, body: made.body === undefined ? undefined : structuredClone(made.body) };
  }

  private register(trigger: WebhookTrigger, route: Route, body: Json | undefined, res: ServerResponse): void {
    if (this.subscriptions.size >= this.limits.subscriptions) throw new Answer(429, { error: `Too many subscriptions (at most ${this.limits.subscriptions}); delete some first` });
    const id = this.nextSubscription++;
    const subscription: Subscription = { id, operationId: trigger.operationId, callback: callbackIn(body, trigger.callback) };
    this.subscriptions.set(id, subscription);
    const made = this.made(route);
    sendMade(res, route.operation.visit.node, this.swagger, 201, made.response, made.body, { location: `${this.origin}${basePathOf(this.swagger)}/_plugboard/subscriptions/${id}` });
  }

  private poll(trigger: PollingTrigger, route: Route, rawPath: string, query: URLSearchParams, res: ServerResponse): void {
    const queue = this.queues.get(trigger.operationId) ?? [];
    if (queue.length === 0) {
      // The same poll again: the state parameter (style A) travels in the query as it came.
      const search = query.toString();
      res.setHeader('location', `${this.origin}${rawPath}${search ? `?${search}` : ''}`);
      res.setHeader('retry-after', String(this.retryAfter));
      res.writeHead(202).end();
      return;
    }
    const items = queue.splice(0, this.limits.itemsPerPoll);
    const made = this.made(route);
    sendMade(res, route.operation.visit.node, this.swagger, made.status, made.response, placeItems(made.body ?? {}, trigger.items, items));
  }

  private async admin(method: string, rawPath: string, body: Buffer, res: ServerResponse): Promise<void> {
    const parts = rawPath.split('/').slice(2).map((p) => safeDecode(p));
    const [area, name] = parts;
    if (parts.length <= 1 && (area === undefined || area === '') && method === 'GET') return send(res, 200, this.info());
    if (area === 'subscriptions' && parts.length === 1 && method === 'GET') return send(res, 200, { subscriptions: [...this.subscriptions.values()] as unknown as Json[] });
    if (area === 'subscriptions' && parts.length === 2) {
      const id = Number(name);
      const subscription = /^\d{1,9}$/.test(name ?? '') ? this.subscriptions.get(id) : undefined;
      if (!subscription) throw new Answer(404, { error: `No subscription ${String(name).slice(0, 40)}` });
      if (method === 'GET') return send(res, 200, { ...subscription } as unknown as JsonObject);
      if (method === 'DELETE') {
        this.subscriptions.delete(id);
        return send(res, 200, { deleted: id });
      }
      throw new Answer(405, { error: 'A subscription takes GET or DELETE' }, { allow: 'DELETE, GET' });
    }
    if ((area === 'notify' || area === 'items') && parts.length === 2 && name !== undefined) {
      if (method !== 'POST') throw new Answer(405, { error: `/_plugboard/${area}/<operationId> takes POST` }, { allow: 'POST' });
      const trigger = this.trigger(name, area === 'notify' ? 'webhook' : 'polling');
      const given = body.length === 0 ? undefined : parseJson(body);
      if (trigger.kind === 'webhook') return send(res, 200, await this.notify(trigger, given));
      return send(res, 200, this.addItems(trigger, given));
    }
    throw new Answer(404, { error: `No admin endpoint ${method} ${rawPath.slice(0, 200)}`, closest: 'GET /_plugboard' });
  }

  private trigger(operationId: string, kind: Trigger['kind']): Trigger {
    const trigger = this.triggers.get(operationId);
    if (trigger?.kind === kind) return trigger;
    const names = [...this.triggers.values()].filter((t) => t.kind === kind).map((t) => t.operationId);
    throw new Answer(404, { error: `No ${kind} trigger \`${operationId.slice(0, 120)}\``, [`${kind}Triggers`]: names });
  }

  private addItems(trigger: PollingTrigger, given: Json | undefined): JsonObject {
    const made = (this.madeItems.get(trigger.operationId) ?? 0) + 1;
    const items = given === undefined ? [varyItem(this.itemSample(trigger), made)] : Array.isArray(given) ? given : [given];
    const queue = this.queues.get(trigger.operationId) ?? [];
    if (queue.length + items.length > this.limits.itemsPerTrigger) throw new Answer(413, { error: `Too many waiting items (at most ${this.limits.itemsPerTrigger} per trigger)` });
    // Style A reads its state from item 0, so the platform wants the newest first (platform-format §3.1):
    // a later batch goes before the earlier ones, each in the order given.
    if (trigger.state !== undefined) queue.unshift(...items);
    else queue.push(...items);
    this.queues.set(trigger.operationId, queue);
    if (given === undefined) this.madeItems.set(trigger.operationId, made);
    return { trigger: trigger.operationId, added: items.length, waiting: queue.length, items };
  }

  /** One item as the trigger's response schema describes it. */
  private itemSample(trigger: PollingTrigger): Json {
    let node: Json = sample(this.swagger, trigger.schema);
    for (const key of trigger.items) node = isObject(node) ? (node[key] ?? []) : [];
    return Array.isArray(node) && node.length > 0 ? node[0]! : {};
  }

  private async notify(trigger: WebhookTrigger, given: Json | undefined): Promise<JsonObject> {
    const payload = given ?? (trigger.payload ? sample(this.swagger, trigger.payload) : {});
    const partners = this.partners.get(trigger.operationId);
    const targets = [...this.subscriptions.values()].filter((s) => s.operationId === trigger.operationId || partners?.has(s.operationId));
    const delivered = await Promise.all(targets.map((s) => deliver(s, payload, this.limits.notifyTimeoutMs)));
    return { trigger: trigger.operationId, payload, delivered: delivered as unknown as Json[] };
  }

  private info(): JsonObject {
    return {
      operations: this.routes
        .filter((r) => !r.routed)
        .map((r) => {
          const routed = this.routes.find((other) => other.routed && other.operation === r.operation);
          return { operationId: r.operation.operationId ?? null, method: r.method, path: r.template, ...(routed ? { routedTo: endpointOf(routed) } : {}) };
        }),
      triggers: [...this.triggers.values()].map((t) => ({ operationId: t.operationId, kind: t.kind })),
      subscriptions: this.subscriptions.size,
    };
  }
}

/** `/_plugboard/…` of a request path at the root or under `basePath` (`/3.0/_plugboard/…`); undefined for any other path. */
export function adminPath(rawPath: string, basePath: string): string | undefined {
  const path = basePath && rawPath.startsWith(`${basePath}/_plugboard`) ? rawPath.slice(basePath.length) : rawPath;
  return path === '/_plugboard' || path.startsWith('/_plugboard/') ? path : undefined;
}

/** The body, or an Answer 413 as soon as it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new Answer(413, { error: `The body is larger than ${limit} bytes` }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new Answer(413, { error: `The body is larger than ${limit} bytes` }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on('error', (error) => {
      if (!done) reject(new Answer(400, { error: `The request could not be read: ${error.message}` }));
      done = true;
    });
  });
}

function parseJson(body: Buffer): Json {
  try {
    return JSON.parse(body.toString('utf8')) as Json;
  } catch (error) {
    throw new Answer(400, { error: `The body is not valid JSON: ${(error as Error).message}`, in: 'body' });
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `GET /rest/api/2/issue/{key}`: one endpoint of the API, whichever operations are served there. */
function endpointOf(route: Route): string {
  return `${route.method} ${route.template}`;
}

/** An example for the response: the operation's `x-ms-examples`, the response's `examples`, the schema's `example`. */
function exampleOf(operation: Operation, status: string, response: Response, swagger: Swagger): Json | undefined {
  const xms = operation['x-ms-examples'];
  if (isObject(xms)) {
    for (const example of Object.values(xms)) {
      const r = isObject(example) && isObject(example.responses) ? example.responses[status] : undefined;
      if (isObject(r) && r.body !== undefined) return r.body;
    }
  }
  if (isObject(response.examples)) {
    const json = Object.entries(response.examples).find(([type]) => type.toLowerCase().includes('json'));
    const first = json ?? Object.entries(response.examples)[0];
    if (first) return first[1];
  }
  const schema = deref(swagger, response.schema);
  return schema?.example;
}

function madeBody(swagger: Swagger, response: Response): Json | undefined {
  return response.schema === undefined ? undefined : sample(swagger, response.schema);
}

/** Sends an operation's response: Content-Type from `produces`, declared headers with made values. */
function sendMade(res: ServerResponse, operation: Operation, swagger: Swagger, status: number, response: Response | undefined, body: Json | undefined, extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = {};
  if (isObject(response?.headers)) {
    for (const [name, header] of Object.entries(response.headers)) {
      if (!/^[!#$%&'*+.^`|~\w-]{1,100}$/.test(name) || /^(content-(type|length)|transfer-encoding|connection)$/i.test(name)) continue;
      const value = sample(swagger, header, name);
      headers[name.toLowerCase()] = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/[\r\n]/g, ' ');
    }
  }
  Object.assign(headers, extra);
  // 204 and 304 carry no body, whatever the schema says.
  if (body === undefined || status === 204 || status === 304) {
    res.writeHead(status, headers).end();
    return;
  }
  const produces = Array.isArray(operation.produces) ? operation.produces : Array.isArray(swagger.produces) ? swagger.produces : [];
  const types = produces.filter((t): t is string => typeof t === 'string' && /^[\w.+-]+\/[\w.+-]+/.test(t));
  const json = types.find((t) => /json/i.test(t));
  if (typeof body === 'string' && types[0] !== undefined && !/json/i.test(types[0])) {
    res.writeHead(status, { ...headers, 'content-type': types[0] }).end(body);
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': json ?? 'application/json' }).end(JSON.stringify(body));
}

function send(res: ServerResponse, status: number, body: JsonObject, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Posts the payload to a subscription's callback: only to http://127.0.0.1 or localhost, within the timeout. */
function deliver(subscription: Subscription, payload: Json, timeoutMs: number): Promise<Delivery> {
  const base = { subscription: subscription.id, url: subscription.callback };
  let url: URL;
  try {
    url = new URL(subscription.callback ?? '');
  } catch {
    return Promise.resolve({ ...base, error: 'The registration carried no callback URL' });
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return Promise.resolve({ ...base, error: 'Not delivered: the mock posts only to http://127.0.0.1 or http://localhost callbacks' });
  }
  const text = JSON.stringify(payload);
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ...base, status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ ...base, error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`No answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ ...base, error: error.message }));
    req.end(text);
  });
}
