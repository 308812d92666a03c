/**
 * A compiled connector (Swagger 2.0 + apiProperties) → OpenAPI 3.1. Every `x-…` extension stays
 * where it was (document, info, path item, operation, parameter, response, schema); host,
 * basePath and schemes become `servers` (a `dynamichosturl` policy becomes server variables,
 * with the connection fields' defaults); body and formData parameters become `requestBody`;
 * definitions, shared parameters and responses move under `components` with their `$ref`s.
 */
import { deref, isMethod, isObject, type ApiProperties, type Swagger } from '../swagger/index.ts';

type Obj = Record<string, unknown>;
const PARAM_SCHEMA_KEYS = ['type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf'];

export interface Compiled {
  swagger: Swagger;
  apiProperties: ApiProperties;
}

function rewriteRef(ref: string): string {
  return ref.replace(/^#\/definitions\//, '#/components/schemas/').replace(/^#\/parameters\//, '#/components/parameters/').replace(/^#\/responses\//, '#/components/responses/');
}

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

function operation3(op: Obj, swagger: Swagger): Obj {
  const out: Obj = {};
  const consumes = Array.isArray(op.consumes) ? (op.consumes as string[]) : Array.isArray(swagger.consumes) ? (swagger.consumes as string[]) : [];
  const produces = Array.isArray(op.produces) ? (op.produces as string[]) : Array.isArray(swagger.produces) ? (swagger.produces as string[]) : [];
  const params: Obj[] = [];
  let body: Obj | undefined;
  const form: Obj[] = [];
  for (const raw of Array.isArray(op.parameters) ? op.parameters : []) {
    if (!isObject(raw)) continue;
    // Shared body and formData parameters cannot be components.parameters: inline them.
    const resolved = deref(swagger, raw);
    const p = resolved && (resolved.in === 'body' || resolved.in === 'formData') ? resolved : raw;
    if (p.in === 'body') body = p;
    else if (p.in === 'formData') form.push(p);
    else params.push(parameter3(p));
  }
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
    } else if (k === 'consumes' || k === 'produces' || k === 'schemes') continue;
    else out[k] = v;
  }
  return out;
}

/** The servers: the `dynamichosturl` template as variables when there is one. */
function servers(swagger: Obj, apiProperties: ApiProperties): Obj[] {
  const scheme = Array.isArray(swagger.schemes) && swagger.schemes.length ? String(swagger.schemes[0]) : 'https';
  const basePath = typeof swagger.basePath === 'string' && swagger.basePath !== '/' ? swagger.basePath : '';
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const policies = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances : [];
  const dynamic = policies.find((p) => isObject(p) && p.templateId === 'dynamichosturl') as Obj | undefined;
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
    return [{ url, variables }];
  }
  if (typeof swagger.host !== 'string') return basePath ? [{ url: basePath }] : [];
  return [{ url: `${scheme}://${swagger.host}${basePath}` }];
}

function securitySchemes(defs: unknown): Obj | undefined {
  if (!isObject(defs)) return undefined;
  const out: Obj = {};
  for (const [name, d] of Object.entries(defs)) {
    if (!isObject(d)) continue;
    const extra = Object.fromEntries(Object.entries(d).filter(([k]) => k.startsWith('x-') || k === 'description'));
    if (d.type === 'apiKey') out[name] = { type: 'apiKey', in: d.in, name: d.name, ...extra };
    else if (d.type === 'basic') out[name] = { type: 'http', scheme: 'basic', ...extra };
    else if (d.type === 'oauth2') {
      const flowName = d.flow === 'accessCode' ? 'authorizationCode' : d.flow === 'application' ? 'clientCredentials' : d.flow === 'password' ? 'password' : 'implicit';
      const flow: Obj = {};
      if (d.authorizationUrl !== undefined && flowName !== 'clientCredentials' && flowName !== 'password') flow.authorizationUrl = d.authorizationUrl;
      if (d.tokenUrl !== undefined && flowName !== 'implicit') flow.tokenUrl = d.tokenUrl;
      flow.scopes = isObject(d.scopes) ? d.scopes : {};
      out[name] = { type: 'oauth2', flows: { [flowName]: flow }, ...extra };
    }
  }
  return out;
}

export function exportOpenApi3({ swagger, apiProperties }: Compiled): Obj {
  const s = swagger as Obj;
  const doc: Obj = { openapi: '3.1.0', info: s.info ?? { title: 'API', version: '1.0' } };
  const srv = servers(s, apiProperties);
  if (srv.length) doc.servers = srv;
  const shared = isObject(s.parameters) ? s.parameters : {};
  const paths: Obj = {};
  for (const [route, item] of Object.entries(isObject(s.paths) ? s.paths : {})) {
    if (!isObject(item)) continue;
    const out: Obj = {};
    for (const [k, v] of Object.entries(item)) {
      if (isMethod(k) && isObject(v)) out[k] = operation3(v, swagger);
      else if (k === 'parameters' && Array.isArray(v)) out.parameters = v.filter(isObject).filter((p) => p.in !== 'body' && p.in !== 'formData').map(parameter3);
      else if (k === 'x-ms-notification-content' && isObject(v)) out[k] = { ...v, ...(v.schema !== undefined ? { schema: schema3(v.schema) } : {}) };
      else out[k] = v;
    }
    paths[route] = out;
  }
  doc.paths = paths;
  const components: Obj = {};
  if (isObject(s.definitions)) components.schemas = Object.fromEntries(Object.entries(s.definitions).map(([n, d]) => [n, schema3(d)]));
  const params = Object.entries(shared).filter(([, p]) => isObject(p) && p.in !== 'body' && p.in !== 'formData');
  if (params.length) components.parameters = Object.fromEntries(params.map(([n, p]) => [n, parameter3(p as Obj)]));
  if (isObject(s.responses)) components.responses = Object.fromEntries(Object.entries(s.responses).map(([n, r]) => [n, response3(r, Array.isArray(s.produces) ? (s.produces as string[]) : [])]));
  const schemes = securitySchemes(s.securityDefinitions);
  if (schemes && Object.keys(schemes).length) components.securitySchemes = schemes;
  if (Object.keys(components).length) doc.components = components;
  if (s.security !== undefined) doc.security = s.security;
  if (s.tags !== undefined) doc.tags = s.tags;
  if (s.externalDocs !== undefined) doc.externalDocs = s.externalDocs;
  for (const [k, v] of Object.entries(s)) if (k.startsWith('x-')) doc[k] = v;
  return doc;
}
