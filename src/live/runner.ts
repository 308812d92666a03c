/**
 * `plugboard test`'s engine: calls a connector's operations on the live API (or `baseUrl`) with
 * their test inputs (inputs.ts) and the credentials of the environment (credentials.ts), builds each
 * request as the platform does (src/swagger/request.ts `buildRequest`), sends it with the bounded
 * client (http.ts), follows `x-ms-pageable` next links up to `maxPages`, and checks every exchange
 * with the live rules, placed on the author's MDX lines (place.ts). What it records and returns is
 * redacted: no credential reaches a report.
 */
import { compile, type CompiledConnector } from '../compiler/index.ts';
import type { ConnectorSource } from '../compiler/load.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { LiveExchange } from '../check/define-rule.ts';
import { recommended, type Preset } from '../check/presets.ts';
import { createReporter } from '../check/reporter.ts';
import { webhookOf } from '../check/webhook.ts';
import { analyze, buildRequest, isObject, nextLinkNameOf, type ApiProperties, type HttpRequest, type OperationEntry, type Swagger } from '../swagger/index.ts';
import { findCredentials, Redactor } from './credentials.ts';
import { send, TransportError, withoutCredentials, type SendOptions, type Transport } from './http.ts';
import { inputsFor } from './inputs.ts';
import { compiledOf, liveRules, placeFindings, runLiveRules, type LiveFinding } from './place.ts';

export interface LiveOptions extends SendOptions {
  /** The connector's id (its folder name): credential names derive from it. */
  connectorId: string;
  /** operationIds to call, in order; default every GET and HEAD operation (no side effects). */
  operations?: readonly string[];
  /** Replaces the connector's `scheme://host/basePath`. */
  baseUrl?: string;
  /** `--set` values by `name` or `operationId.name`. */
  sets?: ReadonlyMap<string, string>;
  env?: Record<string, string | undefined>;
  /** The repository's `.env`, parsed. */
  dotenv?: Record<string, string>;
  /** Pages followed per operation (`x-ms-pageable`), the first included; default 5. */
  maxPages?: number;
  transport?: Transport;
  preset?: Preset;
  /** How the author names a test value where they write it: `testValue` in MDX (the default), `x-ms-test-value` in Swagger JSON. */
  testValueKey?: string;
}

export interface OperationRun {
  operationId: string;
  /** The first request, redacted. */
  request?: HttpRequest;
  status?: number;
  ms?: number;
  pages: number;
  /** Why it was skipped, or how it failed (no response). */
  skipped?: string;
  failure?: string;
  /** `breed_id from ListBreeds` */
  chained: string[];
  /** For a webhook registration: how deleting the subscription it made went (`204`, or the failure). */
  unsubscribed?: string;
}

export interface LiveRun {
  operations: OperationRun[];
  /** The live findings, or the connector's errors when it does not compile. */
  diagnostics: Diagnostic[];
  /** Connection parameters without a value: `api_key (PLUGBOARD_X_API_KEY)`. */
  missingCredentials: string[];
  redactor: Redactor | undefined;
  /** Every exchange of the run, redacted, in the order made (what `--update-schema` reads). */
  exchanges: LiveExchange[];
}

/** Every operationId of a compiled document, in document order. */
export function operationIds(swagger: Swagger): string[] {
  return analyze(swagger).operations.flatMap((e) => (e.operationId === undefined ? [] : [e.operationId]));
}

/** The document with its address replaced by `baseUrl` (`http://127.0.0.1:8080/v1`). */
export function withBaseUrl(swagger: Swagger, baseUrl: string | undefined): Swagger {
  if (baseUrl === undefined) return swagger;
  const url = new URL(baseUrl);
  return { ...swagger, schemes: [url.protocol.replace(/:$/, '')], host: url.host, basePath: url.pathname.replace(/\/+$/, '') || '/' };
}

/**
 * The connection's properties without `dynamichosturl` policies when `baseUrl` is given: the address
 * asked for wins over one built from connection parameters (a mock, a recording's replay).
 */
export function withoutDynamicHost(apiProperties: ApiProperties, baseUrl: string | undefined): ApiProperties {
  if (baseUrl === undefined || !isObject(apiProperties) || !isObject(apiProperties.properties) || !Array.isArray(apiProperties.properties.policyTemplateInstances)) return apiProperties;
  const policies = apiProperties.properties.policyTemplateInstances.filter((p) => !(isObject(p) && typeof p.templateId === 'string' && p.templateId.toLowerCase() === 'dynamichosturl'));
  return { ...apiProperties, properties: { ...apiProperties.properties, policyTemplateInstances: policies } };
}

/** Operations to call: the named ones, else the GET and HEAD ones; those with fewer path parameters first (lists before gets). */
function selected(swagger: Swagger, names: readonly string[] | undefined): OperationEntry[] {
  const byId = analyze(swagger).operationsById;
  if (names?.length) return names.flatMap((n) => (byId.has(n) ? [byId.get(n)!] : []));
  const entries = [...byId.values()].filter((e) => e.method === 'get' || e.method === 'head');
  const depth = (e: OperationEntry) => (e.path.match(/\{/g) ?? []).length;
  return entries.map((e, i) => [e, i] as const).sort((a, b) => depth(a[0]) - depth(b[0]) || a[1] - b[1]).map(([e]) => e);
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * Deletes the subscription a webhook registration made, at its `Location`, as the platform does
 * when a flow is turned off: a test must not leave the API calling a callback that goes nowhere.
 */
async function unsubscribe(registration: HttpRequest, location: string, transport: Transport, options: SendOptions): Promise<string> {
  let url: URL;
  try {
    url = new URL(location, registration.url);
  } catch {
    return 'not deleted: the Location is not a URL';
  }
  const { body: _body, ...rest } = registration;
  let request: HttpRequest = { ...rest, method: 'DELETE', url: url.toString() };
  if (url.origin !== new URL(registration.url).origin) {
    const stripped = withoutCredentials(request, url, options);
    request = { ...stripped.req, url: stripped.url.toString() };
  }
  request.headers = Object.fromEntries(Object.entries(request.headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
  try {
    return String((await transport(request, options)).status);
  } catch (error) {
    return `not deleted: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * What a live run tests: the compiled connector the live rules read, and how their findings become
 * diagnostics placed where the author wrote each node (an MDX connector's front-matter, or a Power
 * Platform folder's JSON, which the CLI composes from the importer's reader).
 */
export interface LiveTarget {
  compiled: CompiledConnector;
  place: (findings: readonly LiveFinding[]) => Diagnostic[];
}

/** An MDX connector as a LiveTarget; its compile errors instead when it does not compile. */
export function mdxTarget(load: () => ConnectorSource, preset: Preset = recommended): LiveTarget | Diagnostic[] {
  const source = load();
  const result = compile(source, { report: createReporter(preset), check: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) return errors;
  return { compiled: compiledOf(result, source.prefix), place: (findings) => placeFindings(load(), findings, preset) };
}

/** Tests an MDX connector (mdxTarget, then runLiveOn); a connector that does not compile gives its errors and calls nothing. */
export async function runLive(load: () => ConnectorSource, options: LiveOptions): Promise<LiveRun> {
  const target = mdxTarget(load, options.preset);
  if (Array.isArray(target)) return { operations: [], diagnostics: target, missingCredentials: [], redactor: undefined, exchanges: [] };
  return runLiveOn(target, options);
}

export async function runLiveOn(target: LiveTarget, options: LiveOptions): Promise<LiveRun> {
  const preset = options.preset ?? recommended;
  const { compiled } = target;
  const swagger = withBaseUrl(compiled.swagger, options.baseUrl);
  const found = findCredentials(options.connectorId, compiled.apiProperties, options.env ?? process.env, options.dotenv ?? {});
  const redactor = new Redactor(swagger, found.secrets);
  const transport = options.transport ?? send;
  const apiProperties = withoutDynamicHost(compiled.apiProperties, options.baseUrl);
  const base = `${swagger.schemes?.[0] ?? 'https'}://${swagger.host}${typeof swagger.basePath === 'string' ? swagger.basePath.replace(/\/+$/, '') : ''}`;
  const sendOptions: SendOptions = { ...options, baseUrl: base, sensitiveHeaders: redactor.headers, sensitiveQuery: redactor.query, secrets: found.secrets };
  const maxPages = Math.max(1, options.maxPages ?? 5);
  const listed = new Map<string, { body: unknown; operationId: string }>();
  const exchanges: LiveExchange[] = [];
  const runs: OperationRun[] = [];

  for (const entry of selected(swagger, options.operations)) {
    const operationId = entry.operationId!;
    const inputs = inputsFor(swagger, entry, options.sets ?? new Map(), (path) => listed.get(path));
    const run: OperationRun = { operationId, pages: 0, chained: inputs.chained };
    runs.push(run);
    if (inputs.missing.length) {
      run.skipped = `no value for the required ${inputs.missing.map((n) => `\`${n}\``).join(', ')} (give ${inputs.missing.length === 1 ? 'it' : 'them'} ${options.testValueKey === undefined ? 'a `testValue`' : `an \`${options.testValueKey}\``}, or \`--set ${inputs.missing[0]}=…\`)`;
      exchanges.push({ operationId, failure: { kind: 'skipped', message: run.skipped } });
      continue;
    }
    let request = buildRequest({ swagger, apiProperties }, operationId, inputs.values, found.credentials);
    if (!request) continue;
    run.request = redactor.request(request);
    const origin = new URL(request.url).origin;
    for (let page = 1; page <= maxPages; page++) {
      const shown = redactor.request(request);
      const record: LiveExchange = { operationId, request: { method: shown.method, url: shown.url, headers: shown.headers }, page };
      exchanges.push(record);
      run.pages = page;
      let body: unknown;
      try {
        const response = await transport(request, { ...sendOptions, operationId });
        record.status = response.status;
        record.headers = response.headers;
        record.body = redactor.text(response.body);
        if (page === 1) {
          run.status = response.status;
          run.ms = response.ms;
        }
        body = response.status >= 200 && response.status < 300 ? parse(response.body) : undefined;
      } catch (error) {
        // A replay of an operation the recording had no room for: skipped and said so, not failed.
        if (error instanceof TransportError && error.kind === 'not-recorded') {
          record.failure = { kind: 'skipped', message: redactor.text(error.message) };
          if (page === 1) run.skipped = record.failure.message;
          break;
        }
        const failure = error instanceof TransportError ? { kind: error.kind, message: error.message } : { kind: 'network', message: error instanceof Error ? error.message : String(error) };
        failure.message = redactor.text(failure.message);
        record.failure = failure;
        if (page === 1) run.failure = failure.message;
        break;
      }
      if (page === 1 && entry.method === 'get' && body !== undefined) listed.set(entry.path, { body, operationId });
      if (page === 1 && record.status !== undefined && record.status < 300 && record.headers?.location && webhookOf(analyze(swagger), entry)) {
        run.unsubscribed = await unsubscribe(request, record.headers.location, transport, { ...sendOptions, operationId });
      }
      // Paging: the next link, followed as a GET with the same credentials on the same origin only.
      const name = nextLinkNameOf(entry.visit.node);
      const next = name && isObject(body) ? body[name] : undefined;
      if (typeof next !== 'string' || next === '') break;
      if (page === maxPages) {
        record.nextLinkLeft = true;
        break;
      }
      let url: URL;
      try {
        url = new URL(next, request.url);
      } catch {
        break;
      }
      const { body: _body, ...rest } = request;
      request = { ...rest, method: 'GET', url: url.toString() };
      if (url.origin !== origin) {
        const stripped = withoutCredentials(request, url, sendOptions);
        request = { ...stripped.req, url: stripped.url.toString() };
      }
    }
  }
  const findings = runLiveRules(compiled, exchanges, liveRules(preset));
  return { operations: runs, diagnostics: target.place(findings), missingCredentials: found.missing, redactor, exchanges };
}
