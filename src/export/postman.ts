/**
 * A compiled connector → a Postman collection v2.1: one request per operation, in folders by
 * tag (`A > B` tags nest), the base URL as the `baseUrl` collection variable, auth from the
 * security definition (secrets as `{{variables}}`, never values), example bodies built from the
 * schemas, and every response with a schema or example as a saved example.
 */
import { isObject, METHODS, parameters } from '../swagger/index.ts';
import type { Compiled } from './openapi3.ts';

type Obj = Record<string, unknown>;
export const POSTMAN_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** A plausible value for a schema: its example or default, else one built from its type. */
export function sampleOf(schema: unknown, definitions: Obj, depth = 0, seen: string[] = []): unknown {
  if (!isObject(schema) || depth > 8) return undefined;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/definitions\//, '');
    if (seen.includes(name)) return undefined;
    return sampleOf(definitions[name], definitions, depth + 1, [...seen, name]);
  }
  if (schema.example !== undefined) return schema.example;
  if (schema['x-ms-test-value'] !== undefined) return schema['x-ms-test-value'];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const merged: Obj = {};
    for (const part of schema.allOf) {
      const v = sampleOf(part, definitions, depth + 1, seen);
      if (isObject(v)) Object.assign(merged, v);
    }
    return merged;
  }
  const type = schema.type ?? (isObject(schema.properties) ? 'object' : undefined);
  if (type === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
      if (isObject(v) && v['x-ms-notification-url'] === true) continue;
      const value = sampleOf(v, definitions, depth + 1, seen);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  if (type === 'array') {
    const item = sampleOf(schema.items, definitions, depth + 1, seen);
    return item === undefined ? [] : [item];
  }
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  if (type === 'string') {
    const formats: Record<string, string> = { 'date-time': '2024-01-01T00:00:00Z', date: '2024-01-01', email: 'user@example.com', uri: 'https://example.com', uuid: '00000000-0000-0000-0000-000000000000' };
    return formats[String(schema.format)] ?? '';
  }
  return undefined;
}

function auth(swagger: Obj): Obj | undefined {
  const defs = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
  const [, d] = Object.entries(defs)[0] ?? [];
  if (!isObject(d)) return undefined;
  const kv = (o: Record<string, string>) => Object.entries(o).map(([key, value]) => ({ key, value, type: 'string' }));
  if (d.type === 'apiKey') return { type: 'apikey', apikey: kv({ key: String(d.name), value: '{{apiKey}}', in: String(d.in) }) };
  if (d.type === 'basic') return { type: 'basic', basic: kv({ username: '{{username}}', password: '{{password}}' }) };
  if (d.type === 'oauth2') {
    const scopes = isObject(d.scopes) ? Object.keys(d.scopes).join(' ') : '';
    const values: Record<string, string> = { grant_type: d.flow === 'application' ? 'client_credentials' : 'authorization_code', clientId: '{{clientId}}', clientSecret: '{{clientSecret}}', addTokenTo: 'header' };
    if (typeof d.authorizationUrl === 'string') values.authUrl = d.authorizationUrl;
    if (typeof d.tokenUrl === 'string') values.accessTokenUrl = d.tokenUrl;
    if (scopes) values.scope = scopes;
    return { type: 'oauth2', oauth2: kv(values) };
  }
  return undefined;
}

function baseUrl(swagger: Obj, compiled: Compiled): { value: string; variables: Obj[] } {
  const props = isObject(compiled.apiProperties.properties) ? compiled.apiProperties.properties : {};
  const policies = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances : [];
  const dynamic = policies.find((p) => isObject(p) && p.templateId === 'dynamichosturl') as Obj | undefined;
  const template = dynamic && isObject(dynamic.parameters) ? dynamic.parameters['x-ms-apimTemplateParameter.urlTemplate'] : undefined;
  if (typeof template === 'string') {
    const params = isObject(props.connectionParameters) ? props.connectionParameters : {};
    const variables: Obj[] = [];
    const value = template.replace(/@connectionParameters\('([^']+)'\)/g, (_, name: string) => {
      const p = isObject(params[name]) ? (params[name] as Obj) : {};
      variables.push({ key: name, value: typeof p.defaultValue === 'string' ? p.defaultValue : '' });
      return `{{${name}}}`;
    });
    return { value, variables };
  }
  const scheme = Array.isArray(swagger.schemes) && swagger.schemes.length ? String(swagger.schemes[0]) : 'https';
  const basePath = typeof swagger.basePath === 'string' && swagger.basePath !== '/' ? swagger.basePath : '';
  return { value: `${scheme}://${String(swagger.host ?? 'localhost')}${basePath}`, variables: [] };
}

export function exportPostman(compiled: Compiled): Obj {
  const swagger = compiled.swagger as Obj;
  const info = isObject(swagger.info) ? swagger.info : {};
  const definitions = isObject(swagger.definitions) ? swagger.definitions : {};
  const base = baseUrl(swagger, compiled);
  const root: Obj[] = [];
  const folders = new Map<string, Obj[]>();
  const folderFor = (tag: string): Obj[] => {
    let list = root;
    let key = '';
    for (const part of tag.split(' > ')) {
      key = key ? `${key} > ${part}` : part;
      let folder = folders.get(key);
      if (!folder) {
        folder = [];
        folders.set(key, folder);
        list.push({ name: part, item: folder });
      }
      list = folder;
    }
    return list;
  };
  for (const [route, item] of Object.entries(isObject(swagger.paths) ? swagger.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const params: Obj[] = parameters(compiled.swagger, item, op);
      const value = (p: Obj) => {
        const v = p['x-ms-test-value'] ?? p.default ?? p['x-example'];
        return v === undefined ? '' : String(v);
      };
      const query = params.filter((p) => p.in === 'query').map((p) => ({ key: p.name, value: value(p), ...(p.description ? { description: p.description } : {}), ...(p.required === true ? {} : { disabled: true }) }));
      const header = params.filter((p) => p.in === 'header').map((p) => ({ key: p.name, value: value(p), ...(p.description ? { description: p.description } : {}) }));
      const pathVars = params.filter((p) => p.in === 'path').map((p) => ({ key: p.name, value: value(p), ...(p.description ? { description: p.description } : {}) }));
      const segments = route.split('/').filter(Boolean).map((s) => s.replace(/^\{([^}]+)\}$/, ':$1'));
      const queryString = query.filter((q) => !('disabled' in q)).map((q) => `${String(q.key)}=${q.value}`).join('&');
      const url: Obj = { raw: `{{baseUrl}}/${segments.join('/')}${queryString ? `?${queryString}` : ''}`, host: ['{{baseUrl}}'], path: segments };
      if (query.length) url.query = query;
      if (pathVars.length) url.variable = pathVars;
      const request: Obj = { method: method.toUpperCase(), header, url };
      const consumes = Array.isArray(op.consumes) ? (op.consumes as string[]) : [];
      const body = params.find((p) => p.in === 'body');
      const form = params.filter((p) => p.in === 'formData');
      if (body) {
        const sample = sampleOf(body.schema, definitions);
        const type = consumes.find((t) => !/form/.test(t)) ?? 'application/json';
        header.push({ key: 'Content-Type', value: type });
        request.body = /json/.test(type) ? { mode: 'raw', raw: JSON.stringify(sample ?? {}, null, 2), options: { raw: { language: 'json' } } } : { mode: 'raw', raw: typeof sample === 'string' ? sample : '' };
      } else if (form.length) {
        const multipart = consumes.some((t) => /multipart/.test(t)) || form.some((f) => f.type === 'file');
        request.body = multipart
          ? { mode: 'formdata', formdata: form.map((f) => (f.type === 'file' ? { key: f.name, type: 'file', src: [] } : { key: f.name, value: value(f), type: 'text' })) }
          : { mode: 'urlencoded', urlencoded: form.map((f) => ({ key: f.name, value: value(f) })) };
      }
      if (typeof op.description === 'string') request.description = op.description;
      const responses: Obj[] = [];
      for (const [code, r] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        if (!/^\d{3}$/.test(code) || !isObject(r)) continue;
        const examples = isObject(r.examples) ? r.examples : {};
        const [mime, example] = Object.entries(examples)[0] ?? [];
        const sample = example ?? sampleOf(r.schema, definitions);
        if (sample === undefined) continue;
        responses.push({
          name: typeof r.description === 'string' && r.description ? r.description : code,
          originalRequest: { method: method.toUpperCase(), header: [], url: { raw: String(url.raw), host: ['{{baseUrl}}'], path: segments } },
          status: typeof r.description === 'string' ? r.description : '',
          code: Number(code),
          _postman_previewlanguage: 'json',
          header: [{ key: 'Content-Type', value: mime ?? 'application/json' }],
          body: typeof sample === 'string' ? sample : JSON.stringify(sample, null, 2),
        });
      }
      const entry: Obj = { name: typeof op.summary === 'string' && op.summary ? op.summary : String(op.operationId ?? `${method.toUpperCase()} ${route}`), request, response: responses };
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : undefined;
      (tag ? folderFor(tag) : root).push(entry);
    }
  }
  const collection: Obj = {
    info: { name: String(info.title ?? 'Connector'), ...(typeof info.description === 'string' ? { description: info.description } : {}), schema: POSTMAN_SCHEMA },
    item: root,
  };
  const a = auth(swagger);
  if (a) collection.auth = a;
  collection.variable = [{ key: 'baseUrl', value: base.value }, ...base.variables];
  return collection;
}
