/**
 * A compiled connector (Swagger 2.0 + apiProperties) → OpenAPI 3.1. Every `x-…` extension stays
 * where it was (document, info, path item, operation, parameter, response, schema); host,
 * basePath and schemes become `servers` (a `dynamichosturl` policy becomes server variables,
 * with the connection fields' defaults); body and formData parameters become `requestBody`;
 * definitions, shared parameters and responses move under `components` with their `$ref`s.
 *
 * What apiProperties says is written where OpenAPI can say it: OAuth declared only in the
 * connection parameters and every option of a multi-auth connector as security schemes, a
 * `setheader` policy as a header parameter with its value as default, a webhook trigger as a
 * callback. apiProperties itself (and the readme) is kept whole in the root `x-powerplatform`
 * extension, the icon as `info.x-logo`. Every approximation and every loss is reported through
 * `report` as a finding on the compiled documents (src/export/README.md lists them), which the
 * compiler maps to the author's MDX.
 */
import type { CheckFinding } from '../check/run.ts';
import { toPointer, type Path } from '../core/pointer.ts';
import { deref, isMethod, isObject, type ApiProperties, type Swagger } from '../swagger/index.ts';
import { authOptions, type AuthScheme } from './auth.ts';

type Obj = Record<string, unknown>;
/** Receives the fidelity report: findings of the `export-*` rules on the compiled documents. */
export type ExportReport = (finding: CheckFinding) => void;
/** Header names OpenAPI 3 says a header parameter "SHALL" not have (they are ignored). */
export const IGNORED_HEADERS = ['accept', 'content-type', 'authorization'];
const PARAM_SCHEMA_KEYS = ['type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf'];

export interface Compiled {
  swagger: Swagger;
  apiProperties: ApiProperties;
  /** The package readme (connector.mdx's body), kept in `x-powerplatform`. */
  readme?: string;
  /** Files beside the definition (`icon.png`, `script.csx`). */
  assets?: ReadonlyMap<string, Buffer>;
}

/** A `setheader` policy of the request that OpenAPI can say as a header parameter. */
interface HeaderPolicy {
  index: number;
  name: string;
  /** A literal value, written as the parameter's default. */
  value?: string;
  /** An expression (`@connectionParameters('region')`), said in the description. */
  expression?: string;
  operations?: string[];
  applied: number;
}

/** What the conversion of one document shares: the report and the policies to apply. */
interface Context {
  swagger: Swagger;
  report: ExportReport;
  headers: HeaderPolicy[];
}

/**
 * Component names OpenAPI 3 allows (`^[a-zA-Z0-9.\-_]+$`): a Swagger definition named `Item[]` or
 * `a b` gets another name, and every `$ref` to it follows. Set for the duration of one export.
 */
let renamed = new Map<string, string>();
const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;
const COMPONENT_KINDS: Record<string, string> = { definitions: 'schemas', parameters: 'parameters', responses: 'responses', securityDefinitions: 'securitySchemes' };

function rewriteRef(ref: string): string {
  const m = /^#\/(definitions|parameters|responses)\/(.*)$/.exec(ref);
  if (!m) return ref;
  let decoded = ref;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    // Kept as written.
  }
  return `#/components/${COMPONENT_KINDS[m[1]!]}/${renamed.get(ref) ?? renamed.get(decoded) ?? m[2]}`;
}

/** Gives every component name OpenAPI refuses a valid one, reported; returns the names by kind. */
function componentNames(s: Obj, report: ExportReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of Object.keys(COMPONENT_KINDS)) {
    const map = isObject(s[kind]) ? (s[kind] as Obj) : {};
    const taken = new Set(Object.keys(map));
    for (const name of Object.keys(map)) {
      const decoded = (() => {
        try {
          return decodeURIComponent(name);
        } catch {
          return name;
        }
      })();
      if (COMPONENT_NAME.test(decoded)) continue;
      const base = decoded.replace(/[^a-zA-Z0-9._-]+/g, '_') || '_';
      let next = base;
      for (let i = 2; taken.has(next) && i < 10000; i++) next = `${base}_${i}`;
      taken.add(next);
      // A `$ref` names the definition as a JSON pointer segment.
      out.set(`#/${kind}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, next);
      report({ ruleId: 'export-approximated', message: `\`${name}\` is \`${next}\` in \`components.${COMPONENT_KINDS[kind]}\`: OpenAPI names have letters, digits, \`.\`, \`-\` and \`_\` only`, at: toPointer([kind, name]), onKey: true, args: ['component-name', kind, name] });
    }
  }
  return out;
}

/** Security requirements with the schemes' component names. */
function requirements(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((req) => (isObject(req) ? Object.fromEntries(Object.entries(req).map(([n, scopes]) => [componentName('securityDefinitions', n), scopes])) : req));
}

/** The component name of a Swagger definition, parameter, response or security definition. */
const componentName = (kind: string, name: string) => {
  const ref = `#/${kind}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return renamed.get(ref) ?? name;
};

/** A Swagger 2.0 schema → a 3.1 schema (refs, x-nullable, file, exclusive bounds). */
export function schema3(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(schema3);
  if (!isObject(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = rewriteRef(v);
    else if (k === 'properties' && isObject(v)) out.properties = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, schema3(s)]));
    else if (k === 'items' || k === 'additionalProperties' || k === 'not') out[k] = typeof v === 'boolean' ? v : schema3(v);
    else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) out[k] = v.map(schema3);
    else if (k === 'x-nullable') {
      // Kept as written; `type` below also admits null.
      out[k] = v;
    } else if (k === 'discriminator' && typeof v === 'string') out.discriminator = { propertyName: v };
    else if ((k === 'exclusiveMaximum' || k === 'exclusiveMinimum') && typeof v === 'boolean') {
      const bound = node[k === 'exclusiveMaximum' ? 'maximum' : 'minimum'];
      if (v && typeof bound === 'number') out[k] = bound;
    } else if ((k === 'maximum' || k === 'minimum') && node[k === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum'] === true) continue;
    else if (k === 'type' && v === 'file') {
      out.type = 'string';
      out.format = 'binary';
    } else if (k === 'example') out.examples = [v];
    else out[k] = v;
  }
  if (node['x-nullable'] === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function parameter3(p: Obj): Obj {
  if (typeof p.$ref === 'string') return { $ref: rewriteRef(p.$ref) };
  const out: Obj = { name: p.name, in: p.in };
  if (p.description !== undefined) out.description = p.description;
  if (p.required === true) out.required = true;
  if (p.allowEmptyValue === true) out.allowEmptyValue = true;
  const schema: Obj = {};
  for (const k of PARAM_SCHEMA_KEYS) if (p[k] !== undefined) schema[k] = p[k];
  out.schema = schema3(schema);
  if (p.type === 'array') {
    const format = p.collectionFormat ?? 'csv';
    if (format === 'multi') Object.assign(out, { style: 'form', explode: true });
    else if (format === 'ssv') Object.assign(out, { style: 'spaceDelimited', explode: false });
    else if (format === 'pipes') Object.assign(out, { style: 'pipeDelimited', explode: false });
    // `tsv` has no OpenAPI style: the caller reports it; commas are the closest.
    else Object.assign(out, p.in === 'query' ? { style: 'form', explode: false } : { style: 'simple' });
  }
  for (const [k, v] of Object.entries(p)) if (k.startsWith('x-') && k !== 'x-example') out[k] = v;
  if (p['x-example'] !== undefined) out.example = p['x-example'];
  return out;
}

function response3(r: unknown, produces: string[]): unknown {
  if (!isObject(r)) return r;
  if (typeof r.$ref === 'string') return { $ref: rewriteRef(r.$ref) };
  const out: Obj = { description: r.description ?? '' };
  const examples = isObject(r.examples) ? r.examples : {};
  if (r.schema !== undefined || Object.keys(examples).length) {
    const content: Obj = {};
    const types = produces.length ? produces : Object.keys(examples).length ? Object.keys(examples) : ['application/json'];
    for (const t of types) {
      const media: Obj = {};
      if (r.schema !== undefined) media.schema = schema3(r.schema);
      if (examples[t] !== undefined) media.example = examples[t];
      content[t] = media;
    }
    out.content = content;
  }
  if (isObject(r.headers)) {
    out.headers = Object.fromEntries(
      Object.entries(r.headers).map(([name, h]) => {
        const header = isObject(h) ? h : {};
        const schema: Obj = {};
        for (const k of PARAM_SCHEMA_KEYS) if (header[k] !== undefined) schema[k] = header[k];
        const o: Obj = { schema: schema3(schema) };
        if (header.description !== undefined) o.description = header.description;
        for (const [k, v] of Object.entries(header)) if (k.startsWith('x-')) o[k] = v;
        return [name, o];
      }),
    );
  }
  for (const [k, v] of Object.entries(r)) if (k.startsWith('x-')) out[k] = v;
  return out;
}

/** Reports what a parameter's conversion cannot keep: an ignored header name, a `tsv` array. */
function checkParameter(p: Obj, at: Path, ctx: Context): void {
  if (p.in === 'header' && typeof p.name === 'string' && IGNORED_HEADERS.includes(p.name.toLowerCase())) {
    const instead = p.name.toLowerCase() === 'authorization' ? 'a security scheme' : p.name.toLowerCase() === 'accept' ? 'the media types of the responses' : 'the media types of the request body';
    ctx.report({ ruleId: 'export-header-ignored', message: `Header parameter \`${p.name}\` is ignored by OpenAPI 3 tools; say ${instead} instead`, at: toPointer(at), onKey: true, args: [p.name] });
  }
  if (p.collectionFormat === 'tsv') {
    ctx.report({ ruleId: 'export-dropped', message: `\`collectionFormat: tsv\` of parameter \`${String(p.name)}\` has no OpenAPI style; it is written comma-separated`, at: toPointer([...at, 'collectionFormat']), args: ['tsv', String(p.name)] });
  }
}

/** The body schema's property flagged `x-ms-notification-url`, as a pointer into the request body (`/callbackUrl`). */
function notificationPath(schema: unknown, swagger: Swagger, depth = 0): string[] | undefined {
  const s = deref(swagger, schema);
  if (!s || depth > 8 || !isObject(s.properties)) return undefined;
  for (const [name, prop] of Object.entries(s.properties)) {
    if (isObject(prop) && prop['x-ms-notification-url'] === true) return [name];
    const inner = notificationPath(prop, swagger, depth + 1);
    if (inner) return [name, ...inner];
  }
  return undefined;
}

/**
 * A webhook trigger (`x-ms-trigger` with a callback URL property and the path item's
 * `x-ms-notification-content`) as an OpenAPI callback: the platform POSTs the notification to
 * the URL it put in that property.
 */
function callbacks(op: Obj, body: Obj | undefined, item: Obj, at: Path, ctx: Context): Obj | undefined {
  if (op['x-ms-trigger'] === undefined || !body || !isObject(item['x-ms-notification-content'])) return undefined;
  const path = notificationPath(body.schema, ctx.swagger);
  if (!path) return undefined;
  const notification = item['x-ms-notification-content'];
  const media: Obj = notification.schema !== undefined ? { schema: schema3(notification.schema) } : {};
  const requestBody: Obj = { content: { 'application/json': media } };
  if (typeof notification.description === 'string') requestBody.description = notification.description;
  const expression = `{$request.body#${toPointer(path)}}`;
  const summary = typeof op.summary === 'string' && op.summary ? `Notification: ${op.summary}` : `Notification of ${String(op.operationId ?? 'the trigger')}`;
  ctx.report({ ruleId: 'export-approximated', message: `Webhook trigger \`${String(op.operationId ?? '')}\` becomes callback \`notification\` to \`${expression}\`; the subscription and its DELETE stay operations`, at: toPointer([...at, 'x-ms-trigger']), onKey: true, args: ['webhook-callback'] });
  // The callback URL is the platform's own signed URL: the service calls it without credentials.
  return { notification: { [expression]: { post: { summary, requestBody, responses: { '200': { description: 'The notification was received' } }, security: [] } } } };
}

/** Header parameters that `setheader` policies send on this operation, unless it has its own. */
function policyHeaders(op: Obj, own: Obj[], ctx: Context): Obj[] {
  const out: Obj[] = [];
  const taken = new Set(own.filter((p) => p.in === 'header').map((p) => String(p.name).toLowerCase()));
  for (const h of ctx.headers) {
    if (h.operations && !h.operations.includes(String(op.operationId))) continue;
    if (taken.has(h.name.toLowerCase())) continue;
    taken.add(h.name.toLowerCase());
    h.applied++;
    const schema: Obj = { type: 'string' };
    if (h.value !== undefined) schema.default = h.value;
    out.push({ name: h.name, in: 'header', description: h.expression ? `Set by the connector to \`${h.expression}\`.` : 'Set by the connector.', schema });
  }
  return out;
}

function operation3(op: Obj, item: Obj, at: Path, ctx: Context): Obj {
  const { swagger } = ctx;
  const out: Obj = {};
  const consumes = Array.isArray(op.consumes) ? (op.consumes as string[]) : Array.isArray(swagger.consumes) ? (swagger.consumes as string[]) : [];
  const produces = Array.isArray(op.produces) ? (op.produces as string[]) : Array.isArray(swagger.produces) ? (swagger.produces as string[]) : [];
  const params: Obj[] = [];
  let body: Obj | undefined;
  const form: Obj[] = [];
  const own: Obj[] = [];
  (Array.isArray(op.parameters) ? op.parameters : []).forEach((raw, i) => {
    if (!isObject(raw)) return;
    // Shared body and formData parameters cannot be components.parameters: inline them.
    const resolved = deref(swagger, raw);
    const p = resolved && (resolved.in === 'body' || resolved.in === 'formData') ? resolved : raw;
    if (resolved) own.push(resolved);
    if (raw.$ref === undefined) checkParameter(p, [...at, 'parameters', i], ctx);
    if (p.in === 'body') body = p;
    else if (p.in === 'formData') form.push(p);
    else params.push(parameter3(p));
  });
  const inherited = Array.isArray(item.parameters) ? item.parameters.map((p) => deref(swagger, p)).filter((p): p is NonNullable<typeof p> => !!p) : [];
  params.push(...policyHeaders(op, [...own, ...inherited], ctx));
  const cb = callbacks(op, body, item, at, ctx);
  if (Array.isArray(op.schemes) && op.schemes.length && JSON.stringify(op.schemes) !== JSON.stringify(swagger.schemes ?? ['https'])) {
    ctx.report({ ruleId: 'export-dropped', message: `Schemes of one operation (${op.schemes.map((x) => `\`${String(x)}\``).join(', ')}) have no OpenAPI form; the document's servers apply`, at: toPointer([...at, 'schemes']), onKey: true, args: ['schemes'] });
  }
  if (!Array.isArray(op.parameters) && params.length) out.parameters = params;
  for (const [k, v] of Object.entries(op)) {
    if (k === 'parameters') {
      if (params.length) out.parameters = params;
      if (body) {
        const types = consumes.filter((t) => !/form/.test(t));
        const content: Obj = {};
        for (const t of types.length ? types : ['application/json']) content[t] = { schema: schema3(body.schema ?? {}) };
        const rb: Obj = { content };
        if (body.description !== undefined) rb.description = body.description;
        if (body.required === true) rb.required = true;
        if (body.name !== 'body') rb['x-codegen-request-body-name'] = body.name;
        for (const [bk, bv] of Object.entries(body)) if (bk.startsWith('x-')) rb[bk] = bv;
        out.requestBody = rb;
      } else if (form.length) {
        const type = consumes.find((t) => /form/.test(t)) ?? (form.some((f) => f.type === 'file') ? 'multipart/form-data' : 'application/x-www-form-urlencoded');
        const properties: Obj = {};
        const required: string[] = [];
        for (const f of form) {
          const s: Obj = {};
          for (const sk of PARAM_SCHEMA_KEYS) if (f[sk] !== undefined) s[sk] = f[sk];
          if (f.description !== undefined) s.description = f.description;
          for (const [fk, fv] of Object.entries(f)) if (fk.startsWith('x-')) s[fk] = fv;
          properties[String(f.name)] = schema3(s);
          if (f.required === true) required.push(String(f.name));
        }
        out.requestBody = { content: { [type]: { schema: { type: 'object', properties, ...(required.length ? { required } : {}) } } } };
      }
    } else if (k === 'responses' && isObject(v)) {
      out.responses = Object.fromEntries(Object.entries(v).map(([code, r]) => [code, code.startsWith('x-') ? r : response3(r, produces)]));
      if (cb) out.callbacks = cb;
    } else if (k === 'consumes' || k === 'produces' || k === 'schemes') continue;
    else if (k === 'security') out.security = requirements(v);
    else out[k] = v;
  }
  if (cb && !out.callbacks) out.callbacks = cb;
  return out;
}

/** The servers: the `dynamichosturl` template as variables when there is one. */
function servers(swagger: Obj, apiProperties: ApiProperties): Obj[] {
  const scheme = Array.isArray(swagger.schemes) && swagger.schemes.length ? String(swagger.schemes[0]) : 'https';
  const basePath = typeof swagger.basePath === 'string' && swagger.basePath !== '/' ? swagger.basePath : '';
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const policies = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances : [];
  const dynamic = policies.find((p) => isObject(p) && String(p.templateId).toLowerCase() === 'dynamichosturl') as Obj | undefined;
  const template = dynamic && isObject(dynamic.parameters) ? dynamic.parameters['x-ms-apimTemplateParameter.urlTemplate'] : undefined;
  if (typeof template === 'string' && template.includes('@connectionParameters(')) {
    const params = isObject(props.connectionParameters) ? props.connectionParameters : {};
    // Defaults: the connection field's, else what the definition's own host says.
    const escaped = template.split(/@connectionParameters\('[^']+'\)/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const names = [...template.matchAll(/@connectionParameters\('([^']+)'\)/g)].map((m) => m[1]!);
    const actual = typeof swagger.host === 'string' ? new RegExp(`^${escaped.join('([^/]*?)')}$`).exec(`${scheme}://${swagger.host}${basePath}`) : null;
    const fromHost = new Map(names.map((n, i) => [n, actual?.[i + 1]]));
    const variables: Obj = {};
    const url = template.replace(/@connectionParameters\('([^']+)'\)/g, (_, name: string) => {
      const p = isObject(params[name]) ? (params[name] as Obj) : {};
      const ui = isObject(p.uiDefinition) ? p.uiDefinition : {};
      const variable: Obj = { default: typeof p.defaultValue === 'string' ? p.defaultValue : (fromHost.get(name) ?? name) };
      if (typeof ui.description === 'string') variable.description = ui.description;
      const allowed = isObject(ui.constraints) && Array.isArray(ui.constraints.allowedValues) ? ui.constraints.allowedValues : undefined;
      if (allowed) variable.enum = allowed.map((a) => (isObject(a) ? a.value : a));
      variables[name] = variable;
      return `{${name}}`;
    });
    return [{ url: url.replace(/\/+$/, ''), variables }];
  }
  if (typeof swagger.host !== 'string') return basePath ? [{ url: basePath }] : [];
  // A server URL ends without `/`: every path starts with one (reported by the caller).
  return [{ url: `${scheme}://${swagger.host}${basePath.replace(/\/+$/, '')}` }];
}

function securitySchemes(defs: unknown): Obj | undefined {
  if (!isObject(defs)) return undefined;
  const out: Obj = {};
  for (const [name, d] of Object.entries(defs)) {
    if (!isObject(d)) continue;
    const extra = Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('x-') || k === 'description'));
    if (d.type === 'apiKey') out[componentName('securityDefinitions', name)] = { type: 'apiKey', in: d.in, name: d.name, ...extra };
    else if (d.type === 'basic') out[componentName('securityDefinitions', name)] = { type: 'http', scheme: 'basic', ...extra };
    else if (d.type === 'oauth2') {
      const flowName = d.flow === 'accessCode' ? 'authorizationCode' : d.flow === 'application' ? 'clientCredentials' : d.flow === 'password' ? 'password' : 'implicit';
      const flow: Obj = {};
      if (d.authorizationUrl !== undefined && flowName !== 'clientCredentials' && flowName !== 'password') flow.authorizationUrl = d.authorizationUrl;
      if (d.tokenUrl !== undefined && flowName !== 'implicit') flow.tokenUrl = d.tokenUrl;
      flow.scopes = isObject(d.scopes) ? d.scopes : {};
      out[componentName('securityDefinitions', name)] = { type: 'oauth2', flows: { [flowName]: flow }, ...extra };
    }
  }
  return out;
}

/** An auth option as an OpenAPI security scheme. */
function scheme3(scheme: AuthScheme): Obj | undefined {
  if (scheme.type === 'basic') return { type: 'http', scheme: 'basic' };
  if (scheme.type === 'apiKey') return { type: 'apiKey', in: scheme.in, name: scheme.name };
  if (scheme.type === 'oauth2') {
    const flow: Obj = { authorizationUrl: scheme.authorizationUrl, tokenUrl: scheme.tokenUrl };
    if (scheme.refreshUrl !== undefined) flow.refreshUrl = scheme.refreshUrl;
    flow.scopes = Object.fromEntries(scheme.scopes.map((sc) => [sc, '']));
    return { type: 'oauth2', flows: { authorizationCode: flow } };
  }
  return undefined;
}

/** Two OpenAPI security schemes that sign in the same way (type, place and name, or OAuth URLs). */
function sameScheme(a: unknown, b: Obj): boolean {
  if (!isObject(a) || a.type !== b.type) return false;
  if (b.type === 'apiKey') return a.in === b.in && String(a.name).toLowerCase() === String(b.name).toLowerCase();
  // One connection signs in with OAuth one way: an oauth2 definition is the option's.
  if (b.type === 'oauth2') return true;
  return a.scheme === b.scheme;
}

const describeScheme = (scheme: Obj): string =>
  scheme.type === 'oauth2' ? 'an OAuth 2.0 authorization-code flow' : scheme.type === 'http' ? 'HTTP basic' : `an API key in ${String(scheme.in)} \`${String(scheme.name)}\``;

/**
 * The security schemes apiProperties adds to the Swagger definitions (OAuth declared only there,
 * every option of `connectionParameterSets`), and the requirement that lists them as alternatives.
 */
function moreSchemes(s: Obj, properties: Obj, schemes: Obj, report: ExportReport): unknown[] {
  const alternatives: unknown[] = [];
  for (const option of authOptions(s, properties)) {
    const what = option.at.includes('connectionParameterSets') ? `Auth option \`${option.name}\`` : 'OAuth declared in the connection parameters';
    if (!option.scheme) {
      report({ ruleId: 'export-dropped', message: `${what} has no OpenAPI security scheme: ${option.why ?? 'its form is unknown'}`, at: option.at, doc: 'apiProperties', args: ['auth-option', option.name] });
      continue;
    }
    if (option.scheme.type === 'none') {
      alternatives.push({});
      continue;
    }
    const converted = scheme3(option.scheme)!;
    // The Swagger already defines this scheme (a multi-auth connector compiled from `auth`): name it.
    const same = Object.entries(schemes).find(([, d]) => sameScheme(d, converted));
    if (same) {
      alternatives.push({ [same[0]]: option.scheme.type === 'oauth2' ? option.scheme.scopes : [] });
      // The Swagger's OAuth URLs are often placeholders; the connection's settings say the real ones.
      if (converted.type === 'oauth2' && JSON.stringify((same[1] as Obj).flows) !== JSON.stringify(converted.flows)) {
        schemes[same[0]] = { ...(same[1] as Obj), flows: converted.flows };
        report({ ruleId: 'export-approximated', message: `Security scheme \`${same[0]}\` takes the endpoints of the identity provider from the connection settings`, at: option.at, doc: 'apiProperties', args: ['auth-option', option.name] });
      }
      continue;
    }
    const base = option.name.replace(/[^a-zA-Z0-9._-]+/g, '_') || 'auth';
    let name = base;
    for (let i = 2; Object.hasOwn(schemes, name) && i < 1000; i++) name = `${base}${i}`;
    if (option.label) converted.description = option.label;
    schemes[name] = converted;
    alternatives.push({ [name]: option.scheme.type === 'oauth2' ? option.scheme.scopes : [] });
    report({ ruleId: 'export-approximated', message: `${what} becomes security scheme \`${name}\`, ${describeScheme(converted)}`, at: option.at, doc: 'apiProperties', args: ['auth-option', option.name] });
  }
  return alternatives;
}

/**
 * The policies of the request that become header parameters, and a report for every other
 * policy: kept in `x-powerplatform` only, or said as server variables (`dynamichosturl`).
 */
function headerPolicies(properties: Obj, report: ExportReport): HeaderPolicy[] {
  const list = Array.isArray(properties.policyTemplateInstances) ? properties.policyTemplateInstances : [];
  const params = isObject(properties.connectionParameters) ? properties.connectionParameters : {};
  const secret = (name: string) => isObject(params[name]) && (params[name] as Obj).type === 'securestring';
  const out: HeaderPolicy[] = [];
  list.forEach((policy, index) => {
    if (!isObject(policy)) return;
    const at = `/properties/policyTemplateInstances/${index}`;
    const template = String(policy.templateId ?? '').toLowerCase();
    const p = isObject(policy.parameters) ? policy.parameters : {};
    if (template === 'dynamichosturl') return;
    const name = p['x-ms-apimTemplateParameter.name'];
    const value = p['x-ms-apimTemplateParameter.value'];
    const section = p['x-ms-apimTemplate-policySection'] ?? 'Request';
    const secretOf = typeof value === 'string' ? [...value.matchAll(/@connectionParameters\('([^']+)'/g)].some((m) => secret(m[1]!)) : false;
    if (template === 'setheader' && section === 'Request' && typeof name === 'string' && typeof value === 'string' && !IGNORED_HEADERS.includes(name.toLowerCase()) && !secretOf) {
      const operations = Array.isArray(p['x-ms-apimTemplate-operationName']) && p['x-ms-apimTemplate-operationName'].length ? p['x-ms-apimTemplate-operationName'].map(String) : undefined;
      out.push({ index, name, ...(value.includes('@') ? { expression: value } : { value }), ...(operations ? { operations } : {}), applied: 0 });
      return;
    }
    const why = template === 'setheader' && secretOf ? 'it sends a secret of the connection, said by the security scheme' : `OpenAPI has no form for a \`${String(policy.templateId)}\` policy`;
    report({ ruleId: 'export-approximated', message: `Policy \`${String(policy.templateId)}\` is kept in the \`x-powerplatform\` extension only: ${why}`, at, doc: 'apiProperties', args: ['policy-kept', String(index)] });
  });
  return out;
}

export function exportOpenApi3(compiled: Compiled, report: ExportReport = () => {}): Obj {
  const previous = renamed;
  renamed = componentNames(compiled.swagger as Obj, report);
  try {
    return document(compiled, report);
  } finally {
    renamed = previous;
  }
}

function document({ swagger, apiProperties, readme, assets }: Compiled, report: ExportReport): Obj {
  const s = swagger as Obj;
  const properties: Obj = isObject(apiProperties) && isObject(apiProperties.properties) ? apiProperties.properties : {};
  const doc: Obj = { openapi: '3.1.0', info: s.info ?? { title: 'API', version: '1.0' } };
  const icon = assets?.get('icon.png');
  if (icon && isObject(doc.info)) doc.info = { ...doc.info, 'x-logo': { url: `data:image/png;base64,${icon.toString('base64')}` } };
  if (assets?.has('script.csx')) {
    report({ ruleId: 'export-dropped', message: 'Custom code `script.csx` has no place in an OpenAPI document; calls that it changes behave differently without the connector', at: '', file: 'script.csx', args: ['script.csx'] });
  }
  const srv = servers(s, apiProperties);
  if (srv.length) doc.servers = srv;
  if (typeof s.basePath === 'string' && s.basePath.length > 1 && s.basePath.endsWith('/') && srv.length && !isObject(srv[0]!.variables)) {
    report({ ruleId: 'export-approximated', message: `The server URL ends without the \`/\` of basePath \`${s.basePath}\`: each path starts with one`, at: '/basePath', args: ['base-path-slash'] });
  }
  const dynamicHost = Array.isArray(properties.policyTemplateInstances) ? properties.policyTemplateInstances.findIndex((p) => isObject(p) && String(p.templateId).toLowerCase() === 'dynamichosturl') : -1;
  if (dynamicHost !== -1) {
    const variables = srv.length && isObject(srv[0]!.variables) ? Object.keys(srv[0]!.variables) : [];
    report({
      ruleId: 'export-approximated',
      message: variables.length ? `Policy \`dynamichosturl\` becomes server variables ${variables.map((v) => `\`${v}\``).join(', ')}` : 'Policy `dynamichosturl` names no connection parameter; the server is the definition\'s host',
      at: `/properties/policyTemplateInstances/${dynamicHost}`,
      doc: 'apiProperties',
      args: ['policy-server-variables'],
    });
  }
  const ctx: Context = { swagger, report, headers: headerPolicies(properties, report) };
  const shared = isObject(s.parameters) ? s.parameters : {};
  const paths: Obj = {};
  for (const [route, item] of Object.entries(isObject(s.paths) ? s.paths : {})) {
    if (!isObject(item)) continue;
    const out: Obj = {};
    for (const [k, v] of Object.entries(item)) {
      if (isMethod(k) && isObject(v)) out[k] = operation3(v, item, ['paths', route, k], ctx);
      else if (k === 'parameters' && Array.isArray(v)) {
        v.forEach((p, i) => isObject(p) && p.$ref === undefined && checkParameter(p, ['paths', route, 'parameters', i], ctx));
        out.parameters = v.filter(isObject).filter((p) => p.in !== 'body' && p.in !== 'formData').map(parameter3);
      }
      else if (k === 'x-ms-notification-content' && isObject(v)) out[k] = { ...v, ...(v.schema !== undefined ? { schema: schema3(v.schema) } : {}) };
      else out[k] = v;
    }
    paths[route] = out;
  }
  doc.paths = paths;
  const components: Obj = {};
  if (isObject(s.definitions)) components.schemas = Object.fromEntries(Object.entries(s.definitions).map(([n, d]) => [componentName('definitions', n), schema3(d)]));
  for (const [n, p] of Object.entries(shared)) if (isObject(p)) checkParameter(p, ['parameters', n], ctx);
  for (const h of ctx.headers) {
    const value = h.value !== undefined ? ` with default \`${h.value}\`` : ` set to \`${h.expression}\``;
    report({ ruleId: 'export-approximated', message: `Policy \`setheader\` becomes header parameter \`${h.name}\`${value} on ${h.applied} operation${h.applied === 1 ? '' : 's'}`, at: `/properties/policyTemplateInstances/${h.index}`, doc: 'apiProperties', args: ['policy-header', String(h.index)] });
  }
  const params = Object.entries(shared).filter(([, p]) => isObject(p) && p.in !== 'body' && p.in !== 'formData');
  if (params.length) components.parameters = Object.fromEntries(params.map(([n, p]) => [componentName('parameters', n), parameter3(p as Obj)]));
  if (isObject(s.responses)) components.responses = Object.fromEntries(Object.entries(s.responses).map(([n, r]) => [componentName('responses', n), response3(r, Array.isArray(s.produces) ? (s.produces as string[]) : [])]));
  const schemes = securitySchemes(s.securityDefinitions) ?? {};
  const alternatives = moreSchemes(s, properties, schemes, report);
  if (Object.keys(schemes).length) components.securitySchemes = schemes;
  if (Object.keys(components).length) doc.components = components;
  if (s.security !== undefined) doc.security = requirements(s.security);
  else if (alternatives.some((a) => isObject(a) && Object.keys(a).length)) doc.security = alternatives;
  if (s.tags !== undefined) doc.tags = s.tags;
  if (s.externalDocs !== undefined) doc.externalDocs = s.externalDocs;
  for (const [k, v] of Object.entries(s)) if (k.startsWith('x-')) doc[k] = v;
  // What the platform reads beside the definition, whole, so that nothing of it is lost.
  const carried: Obj = {};
  if (Object.keys(properties).length) carried.apiProperties = properties;
  if (readme?.trim()) carried.readme = readme;
  if (Object.keys(carried).length) doc['x-powerplatform'] = carried;
  return doc;
}
