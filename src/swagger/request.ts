/**
 * The request builder: the HTTP request a connector's operation sends for given parameter values
 * and credentials, as the platform would send it (README.md, "The request builder"). The site
 * renders its samples from it, and a test runner can send it. Garbage in gives a best-effort
 * request or undefined, never an exception.
 */
import { authPart, securitySchemeFor, type Credentials } from './auth.ts';
import { parameters } from './parameters.ts';
import { Placeholder, render, type Piece } from './placeholder.ts';
import { evaluate, policiesFor, routeTarget, type ExpressionScope } from './policies.ts';
import { isObject, type ApiProperties, type CollectionFormat, type NonBodyParameter, type Operation, type Parameter, type Swagger } from './types.ts';
import { analyze } from './walk.ts';

export type { Credentials };

export interface Connector {
  swagger: Swagger;
  apiProperties?: ApiProperties | undefined;
}

/** A JSON or text body (`text`), or form fields sent as `multipart/form-data` (`parts`, the sender picks the boundary). */
export type RequestBody = { contentType: string; text: string } | { contentType: 'multipart/form-data'; parts: Array<[string, string]> };

export interface HttpRequest {
  /** Upper case, like `GET`. */
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestBody;
}

/** Parameter values by parameter name; the body parameter's value is the whole body. Placeholders are allowed anywhere. */
export type Values = { [name: string]: unknown };

const DELIMITERS: Record<Exclude<CollectionFormat, 'multi'>, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };

/** One value as pieces: strings as they are, numbers and booleans as text, objects as JSON. */
function scalar(value: unknown): Piece | undefined {
  if (value instanceof Placeholder || typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return undefined;
  return jsonText(value);
}

function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined; // cycles, BigInt
  }
}

/**
 * A non-body value as the occurrences it is sent as: one joined list for `csv` (the default),
 * `ssv`, `tsv` and `pipes`; one occurrence per item for `multi` (query and formData only).
 */
function occurrences(p: NonBodyParameter, value: unknown): Piece[][] {
  if (!Array.isArray(value)) {
    const one = scalar(value);
    return one === undefined ? [] : [[one]];
  }
  const items = value.map(scalar).filter((v): v is Piece => v !== undefined);
  const format = typeof p.collectionFormat === 'string' && Object.hasOwn(DELIMITERS, p.collectionFormat) ? p.collectionFormat : p.collectionFormat === 'multi' ? 'multi' : 'csv';
  if (format === 'multi' && (p.in === 'query' || p.in === 'formData')) return items.map((item) => [item]);
  const delimiter = DELIMITERS[format === 'multi' ? 'csv' : format];
  return [items.flatMap((item, i) => (i ? [delimiter, item] : [item]))];
}

/**
 * The value a parameter is sent with: the caller's, else its `default` when the platform sends one
 * without asking (required or internal parameters; README.md, "Defaults").
 */
function valueOf(p: Parameter, values: Values): unknown {
  const name = typeof p.name === 'string' ? p.name : undefined;
  if (name !== undefined && Object.hasOwn(values, name)) return values[name];
  if (p.in !== 'body' && (p.required === true || p['x-ms-visibility'] === 'internal')) return (p as NonBodyParameter).default;
  return undefined;
}

const encodeQuery = (text: string) => encodeURIComponent(text);
/** Header values cannot hold line breaks; a value that does would split the request. */
const headerSafe = (text: string) => text.replace(/[\r\n]+/g, ' ');

/** `scheme://host/basePath` without a trailing slash. */
function baseUrl(swagger: Swagger, operation: Operation): Piece[] {
  const schemes = (Array.isArray(operation.schemes) ? operation.schemes : Array.isArray(swagger.schemes) ? swagger.schemes : []).filter((s): s is string => typeof s === 'string');
  const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
  const host = typeof swagger.host === 'string' && swagger.host ? swagger.host : new Placeholder('host');
  const basePath = typeof swagger.basePath === 'string' ? trimSlashes(swagger.basePath) : '';
  return [`${scheme}://`, host, basePath ? `/${basePath}` : ''];
}

const trimSlashes = (path: string) => path.replace(/^\/+|\/+$/g, '');

/** `{name}` segments of a path template replaced by the values of `path` parameters. */
function fillPath(template: string, pathValues: ReadonlyMap<string, Piece[]>): Piece[] {
  const pieces: Piece[] = [];
  for (const [i, part] of template.split(/\{([^{}]*)\}/).entries()) {
    if (i % 2 === 0) pieces.push(part);
    else pieces.push(...(pathValues.get(part) ?? [`{${part}}`]));
  }
  return pieces;
}

/** The request `operationId` of `connector` sends, or undefined when there is no such operation. */
export function buildRequest(connector: Connector, operationId: string, values: Values = {}, credentials: Credentials = {}): HttpRequest | undefined {
  const swagger = connector.swagger;
  if (!isObject(swagger)) return undefined;
  const entry = analyze(swagger).operationsById.get(operationId);
  if (!entry) return undefined;
  const operation = entry.visit.node as Operation;
  const given: Values = isObject(values) ? values : {};
  const creds: Credentials = isObject(credentials) ? credentials : {};

  let method = entry.method.toUpperCase();
  let path = `/${entry.path.replace(/^\/+/, '')}`;
  const pathValues = new Map<string, Piece[]>();
  const query: Array<[string, Piece[]]> = [];
  // Lower-case name → [name as written, value]: header names are case-insensitive.
  const headers = new Map<string, [string, Piece[]]>();
  const setHeader = (name: string, value: Piece[]) => headers.set(name.toLowerCase(), [name, value]);
  const form: Array<[string, Piece[]]> = [];
  let body: RequestBody | undefined;
  let multipart = false;

  const consumes = (Array.isArray(operation.consumes) ? operation.consumes : Array.isArray(swagger.consumes) ? swagger.consumes : []).filter((t): t is string => typeof t === 'string');
  for (const p of parameters(swagger, entry.pathItem.node, operation)) {
    if (typeof p.name !== 'string') continue;
    const value = valueOf(p, given);
    if (value === undefined) continue;
    if (p.in === 'body') {
      const contentType = consumes.find((t) => !/form/i.test(t)) ?? 'application/json';
      const text = typeof value === 'string' && !/json/i.test(contentType) ? value : jsonText(value);
      if (text !== undefined) body = { contentType, text };
      continue;
    }
    const np = p as NonBodyParameter;
    const sent = occurrences(np, value);
    if (np.type === 'file') multipart = true;
    for (const pieces of sent) {
      if (np.in === 'path') {
        // `double` encodes twice, so a value holding `/` survives the platform decoding it once.
        const encode = np['x-ms-url-encoding'] === 'double' ? (t: string) => encodeURIComponent(encodeURIComponent(t)) : encodeURIComponent;
        pathValues.set(p.name, pieces.map((x) => (typeof x === 'string' ? encode(x) : x)));
      } else if (np.in === 'query') query.push([p.name, pieces]);
      else if (np.in === 'header') setHeader(p.name, pieces);
      else if (np.in === 'formData') form.push([p.name, pieces]);
    }
  }
  if (form.length) {
    if (multipart || consumes.some((t) => /multipart\/form-data/i.test(t))) {
      body = { contentType: 'multipart/form-data', parts: form.map(([name, pieces]) => [name, render(pieces)]) };
    } else {
      body = { contentType: 'application/x-www-form-urlencoded', text: form.map(([name, pieces]) => `${encodeQuery(name)}=${render(pieces, encodeQuery)}`).join('&') };
    }
  }
  if (body && 'text' in body && !headers.has('content-type')) setHeader('Content-Type', [body.contentType]);

  const found = securitySchemeFor(swagger, operation);
  const auth = found ? authPart(found[0], found[1], creds) : undefined;
  if (auth && 'header' in auth) setHeader(auth.header, auth.value);
  else if (auth) query.push([auth.query, auth.value]);

  let base = baseUrl(swagger, operation);
  const scope: ExpressionScope = {
    connectionParameter: (name) => (isObject(creds.connectionParameters) && Object.hasOwn(creds.connectionParameters, name) ? creds.connectionParameters[name] : undefined),
    header: (name) => {
      const h = headers.get(name.toLowerCase());
      return h ? render(h[1]) : undefined;
    },
    queryParameter: (name) => {
      const q = query.find(([n]) => n === name);
      return q ? render(q[1]) : undefined;
    },
  };
  for (const policy of policiesFor(connector.apiProperties, operationId)) {
    const name = policy.get('name');
    const value = policy.get('value');
    const exists = policy.get('existsAction')?.toLowerCase() ?? 'override';
    switch (policy.templateId) {
      case 'setheader': {
        if (!name || value === undefined || (policy.section !== undefined && policy.section.toLowerCase() !== 'request')) break;
        const current = headers.get(name.toLowerCase());
        const pieces = evaluate(value, scope);
        if (!current || exists === 'override') setHeader(name, pieces);
        else if (exists === 'append') setHeader(current[0], [...current[1], ', ', ...pieces]);
        break;
      }
      case 'setqueryparameter': {
        if (!name || value === undefined) break;
        const present = query.some(([n]) => n === name);
        if (present && exists === 'skip') break;
        if (present && exists !== 'append') query.splice(0, query.length, ...query.filter(([n]) => n !== name));
        query.push([name, evaluate(value, scope)]);
        break;
      }
      case 'dynamichosturl': {
        const template = policy.get('urlTemplate');
        if (template) base = evaluate(template.replace(/\/+$/, ''), scope);
        break;
      }
      case 'routerequesttoendpoint': {
        const target = routeTarget(policy);
        if (target.path) path = target.path;
        if (target.method) method = target.method.toUpperCase();
        break;
      }
    }
  }

  const pathPieces = fillPath(path, pathValues);
  const queryText = query.map(([name, pieces]) => `${encodeQuery(name)}=${render(pieces, encodeQuery)}`).join('&');
  const request: HttpRequest = {
    method,
    url: `${render(base)}${render(pathPieces)}${queryText ? `?${queryText}` : ''}`,
    headers: Object.fromEntries([...headers.values()].map(([name, pieces]) => [name, headerSafe(render(pieces))])),
  };
  if (body) request.body = body;
  return request;
}
