/**
 * Postman collections v2.0 / v2.1 → a connector folder. Every request becomes an operation
 * (requests with the same method and path become one, and that is reported); folders become
 * tags; `{{baseUrl}}`-style variables become host/basePath, or a connection field and a
 * `dynamichosturl` policy when the host is not known; `:id` and `{{id}}` path segments become
 * path parameters; bodies and saved examples get schemas inferred from their JSON; auth with
 * inheritance becomes the `auth` block (OAuth 2.0 without endpoints gets reported placeholders).
 * Requests named by their URL (`/todos`) get verb-first names from method and path (`ListTodos`,
 * "List todos", src/import/openapi3/naming.ts). Secrets are never copied.
 */
import { basename, extname } from 'node:path';
import postman from 'postman-collection';
import type { Path } from '../../core/pointer.ts';
import { SourceFile } from '../../core/source-file.ts';
import { parseDocumentFile } from '../json.ts';
import { countItemRequests, IMPORT_LIMITS, operationsMessage } from '../limits.ts';
import { kebab } from '../powerplatform.ts';
import { readNamedFile } from '../read-source.ts';
import type { ImportResult } from '../types.ts';
import { emitConnector, failed, humanize, pascal, Reporter, shortSummary, splitUrl, UniqueIds, type Converted, type Prepared } from '../openapi3/emit.ts';
import { fillOAuthEndpoints } from '../openapi3/auth.ts';
import { namedByPath, nameFromRoute, type DerivedName } from '../openapi3/naming.ts';
import { inferSchema, parseSample } from '../sample/infer.ts';
import { isMethod, isObject as isObj } from '../../swagger/index.ts';

const { Collection } = postman;
type Obj = Record<string, unknown>;
type PmItem = InstanceType<typeof postman.Item>;

export interface ConvertOptions {
  id?: string;
  display?: string;
  strict?: boolean;
  /** The collection's text when the caller has read it already (within LIMITS.importBytes). */
  text?: string;
}

const RAW = { summaryKey: 'x-ms-summary' } as const;
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'secret', 'token', 'apikey', 'auth', 'authorization', 'credential', 'credentials', 'session', 'cookie', 'signature', 'sig', 'pwd']);
/** Whether a key names a secret: `api_key`, `accessToken`, `client-secret`, `X-Auth`… (not `author`). */
function looksSecret(key: string): boolean {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((w, i) => SECRET_WORDS.has(w) || (w === 'key' && ['api', 'access', 'private', 'secret', 'subscription'].includes(words[i - 1] ?? '')));
}
const SECRET = { test: looksSecret };
const NOISE_HEADERS = /^(date|content-length|connection|keep-alive|transfer-encoding|server|x-powered-by|etag|vary|set-cookie|access-control-.*|strict-transport-security|x-ratelimit-.*|x-github-request-id|cache-control|expires|pragma|age|via|x-cache.*|cf-.*|x-request-id|x-runtime|status|x-frame-options|x-xss-protection|x-content-type-options|content-security-policy|referrer-policy|x-ms-apihub-.*)$/i;
const UNSUPPORTED_AUTH = ['digest', 'oauth1', 'hawk', 'ntlm', 'akamai', 'awsv4', 'edgegrid', 'jwt', 'asap'];

interface RawRequest {
  /** Pointer of the item in the source. */
  at: Path;
  /** Folder names from the root. */
  folders: string[];
}

/** Requests of a raw collection in document order (the order of postman-collection's forEachItem). */
function rawRequests(items: unknown, at: Path, folders: string[], out: RawRequest[]): RawRequest[] {
  if (!Array.isArray(items)) return out;
  items.forEach((item, i) => {
    if (!isObj(item)) return;
    if (Array.isArray(item.item)) rawRequests(item.item, [...at, i, 'item'], [...folders, String(item.name ?? '')], out);
    else out.push({ at: [...at, i], folders });
  });
  return out;
}

/** How many requests a collection holds, counted by postman-collection itself. */
export function countRequests(json: unknown): number {
  let n = 0;
  new Collection(json as never).forEachItem(() => n++);
  return n;
}

interface Operation {
  method: string;
  path: string;
  at: Path;
  names: string[];
  op: Obj;
  params: Map<string, Obj>;
  body?: Obj;
  formData: Map<string, Obj>;
  consumes: Set<string>;
  produces: Set<string>;
  samples: Map<string, { bodies: unknown[]; examples: Obj; headers: Obj; description: string; text?: boolean }>;
}

export function importPostman(path: string, options: ConvertOptions = {}): ImportResult {
  const prepared = convertPostman(path, options);
  return 'files' in prepared ? prepared : emitConnector(prepared.id, prepared.converted, prepared.reporter);
}

/** The conversion without the last step, for `importSources` (which may split it). */
export function convertPostman(path: string, options: ConvertOptions = {}): Prepared | ImportResult {
  const display = options.display ?? path;
  const read = options.text ?? readNamedFile(path, display);
  const file = new SourceFile(display, typeof read === 'string' ? read : '', 'json');
  const reporter = new Reporter(file, options.strict ?? false);
  const fallbackId = options.id ?? kebab(basename(path, extname(path)).replace(/\.postman(_collection)?$/i, ''));
  if (typeof read !== 'string') {
    if (read.reason === 'too-large') reporter.overLimit(`The file ${read.detail}`, [], ['import-bytes']);
    else reporter.invalid(`Cannot import \`${display}\`: it ${read.detail}`, [], ['cannot-import']);
    return failed(fallbackId, reporter);
  }
  const json = parseDocumentFile(file);
  if (json === undefined) return failed(fallbackId, reporter);
  if (!isObj(json)) {
    reporter.invalid('Expected a Postman collection: an object with `info` and `item`', [], ['expected-postman-collection-object']);
    return failed(fallbackId, reporter);
  }
  if (Array.isArray(json.requests) || (json.item === undefined && json.order !== undefined)) {
    reporter.invalid('This is a Postman collection v1, which is not supported; in Postman, export the collection as v2.1 (Collection → Export → Collection v2.1)', Array.isArray(json.requests) ? ['requests'] : [], ['this-postman-collection-v1']);
    return failed(fallbackId, reporter);
  }
  const info = isObj(json.info) ? json.info : undefined;
  const schema = info && typeof info.schema === 'string' ? info.schema : '';
  if (!info || !/collection\/v2\.[01]\.\d+/.test(schema)) {
    reporter.invalid(`Expected a Postman collection v2.0 or v2.1 (\`info.schema\`), found ${JSON.stringify(info?.schema ?? null)}`, info ? ['info', 'schema'] : [], ['expected-postman-collection-v2']);
    return failed(fallbackId, reporter);
  }
  if (!Array.isArray(json.item)) {
    reporter.invalid('Expected `item`: the list of requests and folders', ['item'], ['expected-item-list-requests']);
    return failed(fallbackId, reporter);
  }
  const requests = countItemRequests(json.item);
  if (requests > IMPORT_LIMITS.operations) {
    reporter.overLimit(operationsMessage(requests, 'requests'), ['item'], ['operations']);
    return failed(fallbackId, reporter);
  }
  let collection: InstanceType<typeof Collection>;
  try {
    collection = new Collection(json as never);
  } catch (error) {
    reporter.invalid(`postman-collection cannot read it: ${(error as Error).message}`, [], ['postman-collection-cannot-read']);
    return failed(fallbackId, reporter);
  }
  const title = typeof info.name === 'string' && info.name.trim() ? info.name.trim() : basename(path, extname(path));
  const id = options.id ?? kebab(title);
  return { id, converted: new PostmanConverter(json, collection, reporter).convert(title, info), reporter };
}

class PostmanConverter {
  private json: Obj;
  private collection: InstanceType<typeof Collection>;
  private r: Reporter;
  private variables = new Map<string, { value: string; secret: boolean }>();
  private ids = new UniqueIds();
  private hostFields = new Map<string, string>();

  constructor(json: Obj, collection: InstanceType<typeof Collection>, reporter: Reporter) {
    this.json = json;
    this.collection = collection;
    this.r = reporter;
    if (Array.isArray(json.variable)) {
      for (const v of json.variable) {
        if (!isObj(v) || typeof v.key !== 'string') continue;
        const value = v.value === undefined || v.value === null ? '' : String(v.value);
        this.variables.set(v.key, { value, secret: v.type === 'secret' || SECRET.test(v.key) });
      }
    }
  }

  /** `{{name}}` → its collection value when known and not a secret. */
  private resolve(text: string): string {
    return text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => {
      const v = this.variables.get(name.trim());
      return v && v.value && !v.secret && !v.value.includes('{{') ? v.value : whole;
    });
  }

  convert(title: string, info: Obj): Converted {
    const r = this.r;
    const raws = rawRequests(this.json.item, ['item'], [], []);
    const items: PmItem[] = [];
    this.collection.forEachItem((item) => items.push(item as PmItem));
    if (items.length !== raws.length) r.approximated(`postman-collection sees ${items.length} requests where the file lists ${raws.length}`, ['item'], ['postman-collection-sees-requests']);

    // Base URLs: the most common one is the connector's host.
    const bases = items.map((item) => this.baseOf(item));
    const counts = new Map<string, number>();
    for (const b of bases) counts.set(b.key, (counts.get(b.key) ?? 0) + 1);
    const [mainKey] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [''];
    const mainIndex = bases.findIndex((b) => b.key === mainKey);
    const main = mainIndex === -1 ? undefined : { ...bases[mainIndex]!, at: [...(raws[mainIndex]?.at ?? []), 'request', 'url'] };
    const swagger: Obj = { swagger: '2.0', info: { title, description: descriptionOf(info.description) ?? '', version: versionOf(info.version) } };
    if (!(swagger.info as Obj).description) delete (swagger.info as Obj).description;
    const policies: Obj[] = [];
    const fields: Obj = {};
    if (main) {
      if (main.host) swagger.host = main.host;
      swagger.basePath = main.basePath;
      if (main.schemes) swagger.schemes = main.schemes;
      if (main.variable) {
        fields[main.variable] = { label: humanize(main.variable), description: `Base URL of the API, like https://api.example.com` };
        policies.push({ template: 'dynamichosturl', title: 'Base URL from the connection', parameters: { urlTemplate: `@connectionParameters('${main.variable}')${main.basePath === '/' ? '' : main.basePath}` } });
        r.approximated(`The base URL \`{{${main.variable}}}\` has no value in the collection: it becomes the connection field \`${main.variable}\` with a \`dynamichosturl\` policy, and the host in the definition is a placeholder`, main.at, ['base-url-value-collection']);
      }
    }
    if (!main?.host && !main?.variable) r.approximated('No request has a host; set `host` in connector.mdx', ['item'], ['request-host-set-host']);

    // Requests → operations (same method and path → one).
    const ops = new Map<string, Operation>();
    const order: Operation[] = [];
    items.forEach((item, i) => {
      const raw = raws[i] ?? { at: ['item'], folders: [] };
      const base = bases[i]!;
      if (base.key !== mainKey) {
        r.approximated(`This request goes to \`${base.key || '(no host)'}\`, not the connector's host \`${mainKey}\`; it is imported against the connector's host`, [...raw.at, 'request', 'url'], ['this-request-goes-not']);
      }
      const method = String(item.request?.method ?? 'GET').toLowerCase();
      if (!isMethod(method)) {
        r.dropped(`Method \`${method.toUpperCase()}\` has no Swagger 2.0 form; the request is imported as POST`, [...raw.at, 'request', 'method'], ['method-swagger-2-0']);
      }
      const m = isMethod(method) ? method : 'post';
      const { path, pathParams } = this.pathOf(item, base, raw.at);
      const key = `${m} ${path.replace(/\{[^}]*\}/g, '{}')}`;
      let op = ops.get(key);
      const name = String(item.name ?? '').trim() || `${m.toUpperCase()} ${path}`;
      if (op) {
        r.approximated(`Request \`${name}\` is \`${m.toUpperCase()} ${op.path}\` like \`${op.names[0]}\`: they become one operation (its parameters and examples are merged)`, raw.at, ['request-like-they-become', name]);
        op.names.push(name);
      } else {
        op = { method: m, path, at: raw.at, names: [name], op: {}, params: new Map(), formData: new Map(), consumes: new Set(), produces: new Set(), samples: new Map() };
        ops.set(key, op);
        order.push(op);
        const rawItem = this.rawAt(raw.at);
        const derived = namedByPath(name, rawUrlOf(rawItem)) ? nameFromRoute(m, path) : undefined;
        const short = shortSummary(name);
        const summary = derived ? derived.summary : short.summary;
        const changed = !derived && short.changed;
        const operationId = this.ids.take(derived ? derived.operationId : pascal(name));
        if (derived) this.reportDerived(name, derived, operationId, `${m.toUpperCase()} ${path}`, raw.at);
        if (raw.folders.length) op.op.tags = [raw.folders.filter(Boolean).join(' > ')];
        if (summary) op.op.summary = summary;
        const description = descriptionOf(item.request?.description);
        const itemDescription = descriptionOf(isObj(rawItem) && isObj(rawItem.request) ? rawItem.request.description : undefined) ?? description;
        const full = [changed ? name : undefined, itemDescription].filter(Boolean).join('\n\n');
        if (full) op.op.description = full;
        op.op.operationId = operationId;
        for (const p of pathParams) op.params.set(`path:${p.name}`, p);
      }
      this.addQuery(item, op, raw.at);
      this.addHeaders(item, op, raw.at);
      this.addBody(item, op, raw.at);
      this.addResponses(item, op, raw.at);
      const events = isObj(this.rawAt(raw.at)) ? (this.rawAt(raw.at) as Obj).event : undefined;
      if (Array.isArray(events) && events.some((e) => isObj(e) && isObj(e.script) && scriptText(e.script).trim())) {
        r.dropped('Pre-request and test scripts have no connector form (a `script.csx` could do their work)', [...raw.at, 'event'], ['pre-request-test-scripts']);
      }
    });
    if (Array.isArray(this.json.event) && this.json.event.some((e) => isObj(e) && isObj(e.script) && scriptText(e.script).trim())) {
      r.dropped('Collection scripts have no connector form', ['event'], ['collection-scripts-have-connector']);
    }

    const paths: Obj = {};
    const sourceMap: Array<[Path, Path]> = [];
    for (const op of order) {
      const out: Obj = { ...op.op };
      const params = [...op.params.values()];
      if (op.body) params.push(op.body);
      params.push(...op.formData.values());
      if (params.length) out.parameters = params;
      if (op.consumes.size) out.consumes = [...op.consumes];
      if (op.produces.size) out.produces = [...op.produces];
      const responses: Obj = {};
      for (const [code, s] of [...op.samples.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const resp: Obj = { description: s.description };
        if (s.bodies.length) resp.schema = s.text ? { type: 'string' } : inferSchema(s.bodies, RAW);
        if (Object.keys(s.headers).length) resp.headers = s.headers;
        if (Object.keys(s.examples).length) resp.examples = s.examples;
        responses[code] = resp;
      }
      if (!Object.keys(responses).length) responses.default = { description: 'default' };
      out.responses = responses;
      const item = (paths[op.path] ??= {}) as Obj;
      item[op.method] = out;
      sourceMap.push([['paths', op.path, op.method], op.at]);
    }
    swagger.paths = paths;
    const auth = this.convertAuth(items, raws);
    if (Object.keys(fields).length) auth.fields = { ...(isObj(auth.fields) ? auth.fields : {}), ...fields };
    const readme = `# ${title}\n${descriptionOf(info.description) ? `\n${descriptionOf(info.description)}\n` : ''}`;
    return { swagger, auth, policies, readme, sourceMap };
  }

  /** A request named by its URL gets a verb-first name; one whose path has no word in it is reported so someone writes a summary. */
  private reportDerived(name: string, derived: DerivedName, operationId: string, route: string, at: Path): void {
    const where = isObj(this.rawAt(at)) && (this.rawAt(at) as Obj).name !== undefined ? [...at, 'name'] : at;
    const named = /^(new|untitled) request$/i.test(name.trim()) ? "has Postman's default name" : 'is named by its URL';
    if (derived.readable) {
      this.r.approximated(`Request \`${name}\` ${named}: it becomes \`${operationId}\`, "${derived.summary}", from \`${route}\``, where, ['request-named-by-url', name]);
    } else {
      this.r.approximated(`Request \`${name}\` ${named} and \`${route}\` has no word to name it by: write a \`summary\` in actions/${operationId}.mdx`, where, ['request-summary-unreadable', name]);
    }
  }

  private rawAt(at: Path): unknown {
    let node: unknown = this.json;
    for (const s of at) node = isObj(node) || Array.isArray(node) ? (node as Obj)[String(s)] : undefined;
    return node;
  }

  private baseOf(item: PmItem): { key: string; host?: string; basePath: string; schemes?: string[]; variable?: string; prefix: string[]; at: Path } {
    const url = item.request?.url;
    const hostParts = url?.host ?? [];
    let host = this.resolve(hostParts.join('.'));
    const protocol = url?.protocol;
    // A variable holding a whole base URL: `{{baseUrl}}` = https://api.example.com/v1
    const wholeVar = /^\{\{([^{}]+)\}\}$/.exec(host);
    if (wholeVar) {
      return { key: `{{${wholeVar[1]}}}`, host: 'api.contoso.com', basePath: '/', variable: wholeVar[1]!.replace(/[^A-Za-z0-9_]/g, '_'), prefix: [], at: [] };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host) || host.includes('/')) {
      const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `${protocol ?? 'https'}://${host}`;
      const split = splitUrl(full);
      const prefix = split.basePath.split('/').filter(Boolean);
      return { key: `${split.schemes?.[0]}://${split.host}${split.basePath}`, ...(split.host ? { host: split.host } : {}), basePath: split.basePath, ...(split.schemes ? { schemes: split.schemes } : {}), prefix, at: [] };
    }
    if (host.includes('{{')) {
      const name = (/\{\{([^{}]+)\}\}/.exec(host)?.[1] ?? 'host').replace(/[^A-Za-z0-9_]/g, '_');
      return { key: host, host: 'api.contoso.com', basePath: '/', variable: name, prefix: [], at: [] };
    }
    if (url?.port) host = `${host}:${url.port}`;
    const scheme = protocol ? protocol.replace(/:$/, '').toLowerCase() : 'https';
    return { key: host ? `${scheme}://${host}` : '', ...(host ? { host } : {}), basePath: '/', ...(host ? { schemes: [scheme] } : {}), prefix: [], at: [] };
  }

  private pathOf(item: PmItem, base: { prefix: string[] }, at: Path): { path: string; pathParams: Obj[] } {
    const url = item.request?.url;
    const segments = [...(url?.path ?? [])].map((s) => String(s));
    const params: Obj[] = [];
    const described = new Map<string, string>();
    url?.variables?.each((v) => {
      if (typeof v.key === 'string' && v.description) described.set(v.key, typeof v.description === 'string' ? v.description : String((v.description as { content?: string }).content ?? ''));
    });
    const seen = new Set<string>();
    const out = segments.map((segment) => {
      let s = this.resolve(segment);
      const colon = /^:(.+)$/.exec(s);
      if (colon) s = `{${colon[1]}}`;
      s = s.replace(/\{\{([^{}]+)\}\}/g, (_, n: string) => `{${n.trim()}}`);
      // Path parameter names never go on the wire: keep them safe for a request line.
      s = s.replace(/\{([^{}]+)\}/g, (_, n: string) => `{${n.replace(/[^A-Za-z0-9_.-]+/g, '_')}}`);
      for (const m of s.matchAll(/\{([^{}]+)\}/g)) {
        const name = m[1]!;
        if (seen.has(name)) continue;
        seen.add(name);
        const p: Obj = { name, in: 'path', required: true, type: 'string', 'x-ms-summary': humanize(name), 'x-ms-url-encoding': 'single' };
        const d = described.get(name);
        if (d) p.description = d;
        params.push(p);
      }
      return s;
    });
    void at;
    const path = '/' + out.filter((s) => s !== '').join('/');
    void base;
    return { path: path.replace(/\/+/g, '/'), pathParams: params };
  }

  private addQuery(item: PmItem, op: Operation, at: Path): void {
    const seen = new Set<string>();
    item.request?.url?.query?.each((q, i?: number) => {
      const key = q.key;
      if (!key) return;
      const where: Path = [...at, 'request', 'url', 'query', typeof i === 'number' ? i : 0];
      if (seen.has(key)) {
        this.r.approximated(`Query parameter \`${key}\` appears more than once; one parameter is kept`, where, ['query-parameter-appears-more', key]);
        return;
      }
      seen.add(key);
      if (op.params.has(`query:${key}`)) return;
      const p: Obj = { name: key, in: 'query', type: 'string' };
      const d = descriptionOf((q as unknown as { description?: unknown }).description);
      if (d) p.description = d;
      this.setDefault(p, key, q.value, where);
      op.params.set(`query:${key}`, p);
    });
  }

  private setDefault(p: Obj, key: string, value: unknown, at: Path): void {
    if (value === undefined || value === null || value === '') return;
    const text = this.resolve(String(value));
    if (SECRET.test(key) || /\{\{[^}]*(token|secret|key|password)[^}]*\}\}/i.test(String(value))) {
      this.r.dropped(`The value of \`${key}\` looks like a secret and is not copied`, at, ['value-looks-like-secret', key]);
      return;
    }
    if (text.includes('{{')) return;
    p.default = text;
  }

  private addHeaders(item: PmItem, op: Operation, at: Path): void {
    item.request?.headers?.each((h) => {
      const key = h.key;
      if (!key) return;
      const idx = item.request.headers.indexOf(h as never);
      const where: Path = [...at, 'request', 'header', idx >= 0 ? idx : 0];
      const lower = key.toLowerCase();
      if (lower === 'content-type') {
        if (h.value && !h.disabled) op.consumes.add(String(this.resolve(h.value)).split(';')[0]!.trim());
        return;
      }
      if (lower === 'accept') {
        if (h.value && !h.disabled && !h.value.includes('{{')) op.produces.add(String(h.value).split(',')[0]!.split(';')[0]!.trim());
        return;
      }
      if (lower === 'authorization' || lower === 'cookie' || lower === 'proxy-authorization') {
        this.r.dropped(`Header \`${key}\` is set from the connection; its value is not copied`, where, ['header-set-from-connection', key]);
        return;
      }
      if (op.params.has(`header:${lower}`)) return;
      const p: Obj = { name: key, in: 'header', type: 'string', 'x-ms-summary': humanize(key) };
      this.setDefault(p, key, h.value, where);
      op.params.set(`header:${lower}`, p);
    });
  }

  private addBody(item: PmItem, op: Operation, at: Path): void {
    const body = item.request?.body;
    if (!body || !body.mode) return;
    const where: Path = [...at, 'request', 'body'];
    if (op.body || op.formData.size) return;
    if (body.mode === 'raw') {
      const raw = body.raw ?? '';
      if (!raw.trim()) return;
      const options = (body as unknown as { options?: { raw?: { language?: string } } }).options;
      const parsed = parseSample(this.resolveBody(raw));
      if (parsed.ok) {
        const schema = inferSchema([parsed.value], RAW);
        op.body = { name: 'body', in: 'body', required: true, schema };
        if (!op.consumes.size) op.consumes.add('application/json');
      } else {
        const lang = options?.raw?.language;
        op.body = { name: 'body', in: 'body', required: true, schema: { type: 'string' } };
        if (!op.consumes.size) op.consumes.add(lang === 'xml' ? 'application/xml' : lang === 'html' ? 'text/html' : 'text/plain');
        if (lang === 'json' || /^\s*[[{]/.test(raw)) this.r.approximated('The raw body is not valid JSON (variables or comments?); it becomes a string body', [...where, 'raw'], ['raw-body-not-valid']);
      }
      return;
    }
    if (body.mode === 'urlencoded' || body.mode === 'formdata') {
      const list = body.mode === 'urlencoded' ? body.urlencoded : body.formdata;
      op.consumes.clear();
      op.consumes.add(body.mode === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data');
      let i = 0;
      list?.each((f) => {
        const key = f.key;
        const fieldAt: Path = [...where, body.mode, i++];
        if (!key || op.formData.has(key)) return;
        const isFile = (f as unknown as { type?: string }).type === 'file';
        const p: Obj = { name: key, in: 'formData', type: isFile ? 'file' : 'string', 'x-ms-summary': humanize(key) };
        const d = descriptionOf((f as unknown as { description?: unknown }).description);
        if (d) p.description = d;
        if (!isFile) this.setDefault(p, key, f.value, fieldAt);
        op.formData.set(key, p);
      });
      return;
    }
    if (body.mode === 'file') {
      op.body = { name: 'body', in: 'body', required: true, schema: { type: 'string', format: 'binary' } };
      if (!op.consumes.size) op.consumes.add('application/octet-stream');
      return;
    }
    if (body.mode === 'graphql') {
      op.body = { name: 'body', in: 'body', required: true, schema: { type: 'object', properties: { query: { type: 'string', 'x-ms-summary': 'Query' }, variables: { type: 'object', 'x-ms-summary': 'Variables' } } } };
      op.consumes.add('application/json');
      this.r.approximated('A GraphQL body becomes a JSON body with `query` and `variables`', where, ['graphql-body-becomes-json']);
      return;
    }
    this.r.dropped(`Body mode \`${body.mode}\` is not supported`, where, ['body-mode-not-supported']);
  }

  /** Replaces unresolved `{{var}}` in a JSON body by a string placeholder so it still parses. */
  private resolveBody(raw: string): string {
    return this.resolve(raw).replace(/"?\{\{([^{}]+)\}\}"?/g, (whole) => (whole.startsWith('"') && whole.endsWith('"') ? whole : '"{{}}"'));
  }

  private addResponses(item: PmItem, op: Operation, at: Path): void {
    const rawItem = this.rawAt(at);
    const rawResponses = isObj(rawItem) && Array.isArray(rawItem.response) ? rawItem.response : [];
    let i = 0;
    item.responses?.each((resp) => {
      const where: Path = [...at, 'response', i++];
      const code = resp.code ? String(resp.code) : '200';
      const raw = rawResponses[i - 1];
      const bodyText = typeof resp.body === 'string' ? resp.body : isObj(raw) && typeof raw.body === 'string' ? raw.body : '';
      let entry = op.samples.get(code);
      if (!entry) {
        entry = { bodies: [], examples: {}, headers: {}, description: resp.status || (isObj(raw) && typeof raw.name === 'string' ? raw.name : '') || reason(code) };
        op.samples.set(code, entry);
      } else if (bodyText) {
        this.r.approximated(`Another example for \`${code}\`: its body is merged into the schema and only the first is kept as the example`, where, ['another-example-for-its']);
      }
      let mime = 'application/json';
      resp.headers?.each((h) => {
        if (!h.key) return;
        if (h.key.toLowerCase() === 'content-type') mime = String(h.value ?? mime).split(';')[0]!.trim() || mime;
        else if (!NOISE_HEADERS.test(h.key) && !SECRET.test(h.key) && !(h.key in entry!.headers)) entry!.headers[h.key] = { type: 'string' };
      });
      if (!bodyText.trim()) return;
      const parsed = parseSample(bodyText);
      if (parsed.ok) {
        entry.bodies.push(parsed.value);
        if (!Object.keys(entry.examples).length) entry.examples[mime.includes('json') ? mime : 'application/json'] = parsed.value;
        op.produces.add(mime.includes('json') ? mime : 'application/json');
      } else if (!entry.bodies.length) {
        entry.text = true;
        entry.bodies.push(bodyText);
        entry.examples[mime] = bodyText;
        op.produces.add(mime);
      }
    });
  }

  /** Auth with inheritance: the most common scheme over all requests is the connection's. */
  private convertAuth(items: PmItem[], raws: RawRequest[]): Obj {
    const r = this.r;
    const found = new Map<string, { auth: Obj; count: number; at: Path }>();
    const atOf = (i: number): Path => {
      // The nearest raw node that declares `auth`: the request, its folders, the collection.
      const at = raws[i]?.at ?? [];
      const request = [...at, 'request'];
      const candidates: Path[] = [request];
      for (let n = at.length - 2; n >= 1; n -= 2) candidates.push(at.slice(0, n));
      candidates.push([]);
      return candidates.find((c) => isObj(this.rawAt(c)) && (this.rawAt(c) as Obj).auth !== undefined) ?? [];
    };
    items.forEach((item, i) => {
      let auth: InstanceType<typeof postman.RequestAuth> | undefined;
      try {
        auth = item.getAuth();
      } catch {
        auth = undefined;
      }
      if (!auth || !auth.type || auth.type === 'noauth') return;
      const at = [...atOf(i), 'auth'];
      const params: Record<string, string> = {};
      auth.parameters()?.each((v) => {
        if (v.key) params[v.key] = v.value === undefined || v.value === null ? '' : String(v.value);
      });
      const mapped = this.mapAuth(auth.type, params, at);
      if (!mapped) return;
      const key = JSON.stringify(mapped);
      const prev = found.get(key);
      if (prev) prev.count++;
      else found.set(key, { auth: mapped, count: 1, at });
    });
    const ranked = [...found.values()].sort((a, b) => b.count - a.count);
    if (!ranked.length) {
      // No request uses auth (or there are none): the collection's own, if any.
      const own = (this.collection as unknown as { auth?: InstanceType<typeof postman.RequestAuth> }).auth;
      if (!own || !own.type || own.type === 'noauth') return { type: 'none' };
      const params: Record<string, string> = {};
      own.parameters()?.each((v) => {
        if (v.key) params[v.key] = v.value === undefined || v.value === null ? '' : String(v.value);
      });
      return this.mapAuth(own.type, params, ['auth']) ?? { type: 'none' };
    }
    for (const other of ranked.slice(1)) {
      r.approximated(`Auth \`${String(other.auth.type)}\` of ${other.count} request(s) is not used: the connection signs every request with \`${String(ranked[0]!.auth.type)}\``, other.at, ['auth-request-s-not']);
    }
    return ranked[0]!.auth;
  }

  private mapAuth(type: string, p: Record<string, string>, at: Path): Obj | undefined {
    const r = this.r;
    const hasSecret = (keys: string[]) => keys.some((k) => p[k] && !/^\{\{.*\}\}$/.test(p[k]!));
    if (type === 'apikey') {
      const where = p.in === 'query' ? 'query' : 'header';
      if (hasSecret(['value'])) r.dropped('The API key in the collection is not copied; users enter it in the connection', at, ['api-key-collection-not']);
      return { type: 'apiKey', in: where, name: p.key || 'api_key' };
    }
    if (type === 'basic') {
      if (hasSecret(['password', 'username'])) r.dropped('The user name and password in the collection are not copied; users enter them in the connection', at, ['user-name-password-collection']);
      return { type: 'basic' };
    }
    if (type === 'bearer') {
      if (hasSecret(['token'])) r.dropped('The bearer token in the collection is not copied; users enter it in the connection', at, ['bearer-token-collection-not']);
      r.approximated('Bearer auth becomes an API key in the `Authorization` header: users enter "Bearer <token>"', at, ['bearer-auth-becomes-api']);
      return { type: 'apiKey', in: 'header', name: 'Authorization', field: { label: 'Bearer token', description: 'Enter "Bearer " followed by your token' } };
    }
    if (type === 'oauth2') {
      if (hasSecret(['clientSecret', 'accessToken', 'password'])) r.dropped('OAuth 2.0 secrets and tokens in the collection are not copied', at, ['oauth-2-0-secrets']);
      const grant = p.grant_type || 'authorization_code';
      if (grant !== 'authorization_code' && grant !== 'authorization_code_with_pkce') {
        r.unsupportedAuth(`OAuth 2.0 grant \`${grant}\` is not supported by custom connectors; only authorization code is`, at, ['oauth-2-0-grant']);
        return undefined;
      }
      const auth: Obj = { type: 'oauth2', provider: 'oauth2', clientId: '[YOUR_CLIENT_ID]', scopes: (p.scope ?? '').split(/[\s,]+/).filter(Boolean) };
      const authUrl = this.resolve(p.authUrl ?? '');
      const tokenUrl = this.resolve(p.accessTokenUrl ?? '');
      fillOAuthEndpoints(auth, { ...(authUrl ? { authorizationUrl: authUrl } : {}), ...(tokenUrl ? { tokenUrl } : {}) }, at, r, 'The OAuth 2.0 auth');
      auth.redirectMode = 'GlobalPerConnector';
      return auth;
    }
    if (UNSUPPORTED_AUTH.includes(type)) {
      r.unsupportedAuth(`Postman \`${type}\` auth is not supported by custom connectors`, at, ['postman-auth-not-supported']);
      return undefined;
    }
    r.unsupportedAuth(`Postman auth type \`${type}\` is not supported`, at, ['postman-auth-type-not']);
    return undefined;
  }
}

/** The URL of a raw request as written (`{{url}}/todos/:id`), or ''. */
function rawUrlOf(item: unknown): string {
  const request = isObj(item) ? item.request : undefined;
  const url = isObj(request) ? request.url : typeof request === 'string' ? request : undefined;
  if (typeof url === 'string') return url;
  return isObj(url) && typeof url.raw === 'string' ? url.raw : '';
}

function scriptText(script: Obj): string {
  return Array.isArray(script.exec) ? script.exec.join('\n') : typeof script.exec === 'string' ? script.exec : '';
}

function descriptionOf(d: unknown): string | undefined {
  if (typeof d === 'string') return d.trim() || undefined;
  if (isObj(d) && typeof d.content === 'string') return d.content.trim() || undefined;
  return undefined;
}

function versionOf(v: unknown): string {
  if (typeof v === 'string' && v) return v;
  if (isObj(v)) return [v.major ?? 1, v.minor ?? 0, v.patch].filter((x) => x !== undefined).join('.');
  return '1.0';
}

const REASONS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content', '400': 'Bad Request', '401': 'Unauthorized', '403': 'Forbidden', '404': 'Not Found', '500': 'Internal Server Error' };
function reason(code: string): string {
  return REASONS[code] ?? 'Response';
}

