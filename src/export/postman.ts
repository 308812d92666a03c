/**
 * A compiled connector → a Postman collection v2.1: one request per operation, in folders by
 * tag (`A > B` tags nest), the base URL as the `baseUrl` collection variable, auth from the
 * security definition or apiProperties (secrets as `{{variables}}`, never values), example bodies
 * built from the schemas, and every response status as a saved example. A path keeps its exact
 * form (a trailing slash is an empty last segment).
 *
 * A collection signs in one way: the first auth option is the collection's auth, every other one
 * is described in the collection's description with its own variables, and reported. What a
 * collection has no place for (schemas, `x-ms-*` extensions, policies) is reported once each.
 */
import { toPointer } from '../core/pointer.ts';
import { isObject, METHODS, parameters } from '../swagger/index.ts';
import { authOptions, type AuthScheme } from './auth.ts';
import type { Compiled, ExportReport } from './openapi3.ts';

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

const kv = (o: Record<string, string>) => Object.entries(o).map(([key, value]) => ({ key, value, type: 'string' }));

/** One Swagger security definition as a Postman auth; `prefix` names its variables apart. */
function definitionAuth(d: Obj, prefix = ''): Obj | undefined {
  if (d.type === 'apiKey') return { type: 'apikey', apikey: kv({ key: String(d.name), value: `{{${prefix}apiKey}}`, in: String(d.in) }) };
  if (d.type === 'basic') return { type: 'basic', basic: kv({ username: `{{${prefix}username}}`, password: `{{${prefix}password}}` }) };
  if (d.type === 'oauth2') {
    const scopes = isObject(d.scopes) ? Object.keys(d.scopes).join(' ') : '';
    const values: Record<string, string> = { grant_type: d.flow === 'application' ? 'client_credentials' : 'authorization_code', clientId: `{{${prefix}clientId}}`, clientSecret: `{{${prefix}clientSecret}}`, addTokenTo: 'header' };
    if (typeof d.authorizationUrl === 'string') values.authUrl = d.authorizationUrl;
    if (typeof d.tokenUrl === 'string') values.accessTokenUrl = d.tokenUrl;
    if (typeof d.refreshUrl === 'string') values.refreshTokenUrl = d.refreshUrl;
    if (scopes) values.scope = scopes;
    return { type: 'oauth2', oauth2: kv(values) };
  }
  return undefined;
}

/** An auth option of apiProperties as a Postman auth. */
function optionAuth(scheme: AuthScheme, prefix: string): Obj | undefined {
  if (scheme.type === 'none') return { type: 'noauth' };
  if (scheme.type === 'oauth2') {
    return definitionAuth({ type: 'oauth2', flow: 'accessCode', authorizationUrl: scheme.authorizationUrl, tokenUrl: scheme.tokenUrl, ...(scheme.refreshUrl ? { refreshUrl: scheme.refreshUrl } : {}), scopes: Object.fromEntries(scheme.scopes.map((s) => [s, ''])) }, prefix);
  }
  return definitionAuth(scheme, prefix);
}

/** How an auth reads in the description of the collection. */
function describeAuth(a: Obj): string {
  const values = Object.fromEntries((Array.isArray(a[String(a.type)]) ? (a[String(a.type)] as Obj[]) : []).map((e) => [String(e.key), String(e.value)]));
  if (a.type === 'oauth2') return `OAuth 2.0 authorization code: authorization URL ${values.authUrl}, token URL ${values.accessTokenUrl}${values.scope ? `, scopes \`${values.scope}\`` : ''}, client ${values.clientId}`;
  if (a.type === 'apikey') return `API key ${values.value} in ${values.in} \`${values.key}\``;
  if (a.type === 'basic') return `basic, user ${values.username} and password ${values.password}`;
  return 'no sign-in';
}

/**
 * The collection's auth and the other ways to sign in: the Swagger security definitions, then
 * what apiProperties adds (OAuth declared only there, every option of a multi-auth connector).
 */
function auths(swagger: Obj, properties: Obj, report: ExportReport): Array<{ name: string; label: string; auth: Obj; at: string; doc?: 'apiProperties' }> {
  const out: Array<{ name: string; label: string; auth: Obj; at: string; doc?: 'apiProperties' }> = [];
  const defs = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
  const options = authOptions(swagger, properties);
  // The sets of a multi-auth connector are its options; its security definitions only repeat them.
  const fromSets = options.length > 0 && options.every((o) => o.at.includes('connectionParameterSets') && o.scheme);
  for (const [name, d] of Object.entries(fromSets ? {} : defs)) {
    if (!isObject(d)) continue;
    const a = definitionAuth(d, out.length ? `${name}_` : '');
    if (a) out.push({ name, label: name, auth: a, at: toPointer(['securityDefinitions', name]) });
  }
  const same = (a: Obj, b: Obj) => JSON.stringify(a).replace(/\{\{\w*?_?(apiKey|username|password|clientId|clientSecret)\}\}/g, '') === JSON.stringify(b).replace(/\{\{\w*?_?(apiKey|username|password|clientId|clientSecret)\}\}/g, '');
  for (const option of options) {
    const what = option.at.includes('connectionParameterSets') ? `Auth option \`${option.name}\`` : 'OAuth declared in the connection parameters';
    const a = option.scheme ? optionAuth(option.scheme, out.length ? `${option.name}_` : '') : undefined;
    if (!a) {
      report({ ruleId: 'export-dropped', message: `${what} has no Postman auth: ${option.why ?? 'its form is unknown'}`, at: option.at, doc: 'apiProperties', args: ['auth-option', option.name] });
      continue;
    }
    // A multi-auth connector compiled from `auth` also has each option as a security definition.
    const twin = out.findIndex((w) => same(w.auth, a) || (w.auth.type === 'oauth2' && a.type === 'oauth2'));
    if (twin !== -1) {
      out[twin] = { name: option.name, label: option.label ?? option.name, auth: a.type === 'oauth2' ? a : out[twin]!.auth, at: option.at, doc: 'apiProperties' };
      continue;
    }
    out.push({ name: option.name, label: option.label ?? option.name, auth: a, at: option.at, doc: 'apiProperties' });
  }
  return out;
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

/** `x-ms-*` keys under `node`, bounded in depth. */
function countExtensions(node: unknown, depth: number): number {
  if (depth > 64) return 0;
  if (Array.isArray(node)) return node.reduce<number>((n, v) => n + countExtensions(v, depth + 1), 0);
  if (!isObject(node)) return 0;
  let n = 0;
  for (const [k, v] of Object.entries(node)) n += (k.startsWith('x-ms-') ? 1 : 0) + countExtensions(v, depth + 1);
  return n;
}

export function exportPostman(compiled: Compiled, report: ExportReport = () => {}): Obj {
  const swagger = compiled.swagger as Obj;
  const properties: Obj = isObject(compiled.apiProperties) && isObject(compiled.apiProperties.properties) ? compiled.apiProperties.properties : {};
  const policyList = Array.isArray(properties.policyTemplateInstances) ? properties.policyTemplateInstances : [];
  // `setheader` policies of the request with a literal value: sent as headers of the requests they apply to.
  const headerPolicies = policyList.flatMap((p, index) => {
    const params = isObject(p) && isObject(p.parameters) ? p.parameters : {};
    const name = params['x-ms-apimTemplateParameter.name'];
    const value = params['x-ms-apimTemplateParameter.value'];
    const section = params['x-ms-apimTemplate-policySection'] ?? 'Request';
    if (!isObject(p) || String(p.templateId).toLowerCase() !== 'setheader' || section !== 'Request' || typeof name !== 'string' || typeof value !== 'string' || value.includes('@')) return [];
    const ops = params['x-ms-apimTemplate-operationName'];
    return [{ index, name, value, operations: Array.isArray(ops) && ops.length ? ops.map(String) : undefined, applied: 0 }];
  });
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
      for (const h of headerPolicies) {
        if (h.operations && !h.operations.includes(String(op.operationId))) continue;
        if (header.some((x) => String(x.key).toLowerCase() === h.name.toLowerCase())) continue;
        header.push({ key: h.name, value: h.value, description: 'Set by the connector (policy `setheader`).' });
        h.applied++;
      }
      // `/items/` keeps its trailing slash as an empty last segment, as Postman writes it.
      const segments = route.replace(/^\//, '').split('/').filter((s, i, all) => s !== '' || i === all.length - 1).map((s) => s.replace(/^\{([^}]+)\}$/, ':$1'));
      if (segments.length === 1 && segments[0] === '') segments.pop();
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
        if (code.startsWith('x-') || !isObject(r)) continue;
        if (!/^\d{3}$/.test(code)) {
          report({ ruleId: 'export-dropped', message: `Response \`${code}\` of \`${String(op.operationId ?? `${method.toUpperCase()} ${route}`)}\` has no Postman form: a saved response has one status code`, at: toPointer(['paths', route, method, 'responses', code]), onKey: true, args: ['response', code] });
          continue;
        }
        const examples = isObject(r.examples) ? r.examples : {};
        const [mime, example] = Object.entries(examples)[0] ?? [];
        const sample = example ?? sampleOf(r.schema, definitions);
        responses.push({
          name: typeof r.description === 'string' && r.description ? r.description : code,
          originalRequest: { method: method.toUpperCase(), header: [], url: { raw: String(url.raw), host: ['{{baseUrl}}'], path: segments } },
          status: typeof r.description === 'string' ? r.description : '',
          code: Number(code),
          _postman_previewlanguage: 'json',
          header: sample === undefined ? [] : [{ key: 'Content-Type', value: mime ?? 'application/json' }],
          body: sample === undefined ? '' : typeof sample === 'string' ? sample : JSON.stringify(sample, null, 2),
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
  const ways = auths(swagger, properties, report);
  if (ways[0]) collection.auth = ways[0].auth;
  if (ways.length > 1) {
    const lines = ways.map((w, i) => `- ${w.label}${i === 0 ? ' (the collection\'s auth)' : ''}: ${describeAuth(w.auth)}`);
    const info = collection.info as Obj;
    info.description = `${typeof info.description === 'string' ? `${info.description}\n\n` : ''}Ways to sign in:\n\n${lines.join('\n')}`;
    for (const w of ways.slice(1)) {
      report({ ruleId: 'export-approximated', message: `Auth option \`${w.name}\` is described in the collection's description with its own variables; a collection signs in one way, \`${ways[0]!.name}\``, at: w.at, ...(w.doc ? { doc: w.doc } : {}), args: ['auth-option-described', w.name] });
    }
  }
  for (const h of headerPolicies) {
    report({ ruleId: 'export-approximated', message: `Policy \`setheader\` becomes header \`${h.name}: ${h.value}\` on ${h.applied} request${h.applied === 1 ? '' : 's'}`, at: `/properties/policyTemplateInstances/${h.index}`, doc: 'apiProperties', args: ['policy-header', String(h.index)] });
  }
  const kept = policyList.filter((p, i) => isObject(p) && String(p.templateId).toLowerCase() !== 'dynamichosturl' && !headerPolicies.some((h) => h.index === i)).length;
  if (kept) report({ ruleId: 'export-approximated', message: `${kept} polic${kept === 1 ? 'y has' : 'ies have'} no place in a Postman collection; requests go to the API without them`, at: '/properties/policyTemplateInstances', doc: 'apiProperties', onKey: true, args: ['policies'] });
  const extensions = countExtensions(swagger.paths, 0);
  if (extensions) {
    report({ ruleId: 'export-approximated', message: `${extensions} \`x-ms-*\` extension${extensions === 1 ? ' has' : 's have'} no place in a Postman collection (summaries, visibility, dynamic values, triggers)`, at: '/paths', onKey: true, args: ['extensions'] });
  }
  if (isObject(swagger.definitions) && Object.keys(swagger.definitions).length) {
    report({ ruleId: 'export-approximated', message: 'Schemas have no place in a Postman collection; request bodies and saved responses are examples built from them', at: '/definitions', onKey: true, args: ['schemas'] });
  }
  collection.variable = [{ key: 'baseUrl', value: base.value }, ...base.variables];
  return collection;
}
