/**
 * Operation views: what the catalogue, the connector page and the operation pages show of each
 * operation of the compiled Swagger, with parameters grouped like the designer (important first,
 * advanced folded, internal hidden), bodies and returns flattened, trigger mechanics, and samples.
 */
import { dynamicSource, flattenSchema, isDynamicSchema, refName, resolveRef, typeLabel, type SchemaRow } from './schema.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

export type OperationKind = 'action' | 'webhook' | 'polling' | 'trigger';

export interface ParameterRow extends SchemaRow {
  /** Wire name: the parameter name, or for body properties `body/dotted.path` as the designer keys it. */
  key: string;
  in: string;
}

export interface ParameterGroups {
  important: ParameterRow[];
  normal: ParameterRow[];
  advanced: ParameterRow[];
  /** Hidden from the designer; counted, not shown. */
  internal: number;
}

export interface Returns {
  status: string;
  description: string;
  /** 'table' rows, 'dynamic' outputs, or 'none'. */
  kind: 'table' | 'dynamic' | 'none';
  type: string;
  rows: SchemaRow[];
  dynamicSource?: string;
}

export interface TriggerInfo {
  kind: 'webhook' | 'polling' | 'trigger';
  hint: string;
  /** webhook: body property receiving the callback URL. */
  callback?: string;
  /** webhook: the notification payload, flattened. */
  payload?: SchemaRow[];
  payloadDescription?: string;
  /** webhook: the operation that removes the subscription. */
  unsubscribe?: string;
  /** polling: `@triggerBody().members` etc. */
  splitOn?: string;
  state?: Array<{ parameter: string; next: string; initial: string }>;
}

export interface OperationSummary {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  /** Name shown: the summary, else the operationId. */
  name: string;
  description: string;
  kind: OperationKind;
  visibility: string;
  deprecated: boolean;
  preview: boolean;
  internal: boolean;
}

export interface OperationView extends OperationSummary {
  parameters: ParameterGroups;
  returns: Returns[];
  trigger?: TriggerInfo;
  samples: { curl: string; powerFx: string; flow: string };
}

function kindOf(op: Obj): OperationKind {
  const trigger = op['x-ms-trigger'];
  if (trigger === undefined) return 'action';
  const meta = op['x-ms-trigger-metadata'];
  if (trigger === 'batch' || (isObject(meta) && meta.mode === 'polling')) return 'polling';
  if (trigger === 'single') return 'webhook';
  return 'trigger';
}

export function summarize(method: string, path: string, op: Obj): OperationSummary {
  const summary = text(op.summary);
  const status = isObject(op['x-ms-api-annotation']) ? text(op['x-ms-api-annotation'].status).toLowerCase() : '';
  return {
    operationId: text(op.operationId) || `${method.toUpperCase()} ${path}`,
    method,
    path,
    summary,
    name: summary || text(op.operationId) || `${method.toUpperCase()} ${path}`,
    description: text(op.description),
    kind: kindOf(op),
    visibility: text(op['x-ms-visibility']),
    deprecated: op.deprecated === true,
    preview: status === 'preview' || /\(preview\)\s*$/i.test(summary),
    internal: op['x-ms-visibility'] === 'internal',
  };
}

/** Every operation of a Swagger document, in path order. */
export function listOperations(swagger: Obj): Array<{ method: string; path: string; op: Obj; item: Obj }> {
  const out: Array<{ method: string; path: string; op: Obj; item: Obj }> = [];
  const paths = isObject(swagger.paths) ? swagger.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) if (isObject(item[method])) out.push({ method, path, op: item[method] as Obj, item });
  }
  return out;
}

function resolveParameter(p: unknown, swagger: Obj): Obj | undefined {
  if (!isObject(p)) return undefined;
  if (typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/')) {
    const name = decodeURIComponent(p.$ref.slice('#/parameters/'.length));
    const params = isObject(swagger.parameters) ? swagger.parameters : {};
    return isObject(params[name]) ? (params[name] as Obj) : undefined;
  }
  return p;
}

/** The parameters of an operation (path-item parameters first, overridden by the operation's). */
export function operationParameters(item: Obj, op: Obj, swagger: Obj): Obj[] {
  const byKey = new Map<string, Obj>();
  for (const raw of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
    const p = resolveParameter(raw, swagger);
    if (p) byKey.set(`${text(p.in)}:${text(p.name)}`, p);
  }
  return [...byKey.values()];
}

/** Parameter rows (body flattened to `body/path` keys), grouped like the designer. */
export function groupParameters(params: Obj[], definitions: Obj): ParameterGroups {
  const groups: ParameterGroups = { important: [], normal: [], advanced: [], internal: 0 };
  const add = (row: ParameterRow) => {
    if (row.visibility === 'internal') groups.internal++;
    else if (row.visibility === 'important') groups.important.push(row);
    else if (row.visibility === 'advanced') groups.advanced.push(row);
    else groups.normal.push(row);
  };
  for (const p of params) {
    const name = text(p.name);
    const where = text(p.in);
    if (where === 'body') {
      const bodyVisibility = p['x-ms-visibility'];
      const { schema } = resolveRef(p.schema, definitions);
      if (isObject(schema.properties)) {
        const flat = flattenSchema(p.schema, definitions);
        // An object whose properties are all internal is as hidden as they are.
        for (const row of flat) {
          const children = flat.filter((r) => r.path.startsWith(`${row.path}.`));
          if (children.length && children.every((r) => r.visibility === 'internal')) row.visibility = 'internal';
        }
        for (const row of flat) {
          // A property inside an internal body, or below an internal property, is internal.
          const internalAncestor = bodyVisibility === 'internal';
          add({ ...row, visibility: internalAncestor ? 'internal' : row.visibility, key: `body/${row.path}`, in: 'body', required: row.required && p.required === true });
        }
        continue;
      }
      const schemaRow = flattenSchema(p.schema, definitions)[0];
      add({
        path: name,
        name,
        label: text(p['x-ms-summary']) || name,
        type: typeLabel(p.schema, definitions) || 'object',
        description: text(p.description) || schemaRow?.description || '',
        required: p.required === true,
        visibility: bodyVisibility === 'internal' || bodyVisibility === 'important' || bodyVisibility === 'advanced' ? bodyVisibility : '',
        key: 'body',
        in: 'body',
        ...(isDynamicSchema(resolveRef(p.schema, definitions).schema) ? { dynamicSchema: dynamicSource(resolveRef(p.schema, definitions).schema, 'schema')! } : {}),
      });
      continue;
    }
    const visibility = p['x-ms-visibility'];
    const row: ParameterRow = {
      path: name,
      name,
      key: name,
      in: where,
      label: text(p['x-ms-summary']) || text(p.title) || name,
      type: typeLabel(p.type === 'array' ? { type: 'array', items: p.items } : p, definitions) || text(p.type),
      description: text(p.description),
      required: p.required === true,
      visibility: visibility === 'important' || visibility === 'advanced' || visibility === 'internal' ? visibility : '',
    };
    if (p.default !== undefined) row.default = typeof p.default === 'string' ? p.default : JSON.stringify(p.default);
    if (Array.isArray(p.enum)) row.enum = p.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    const dv = dynamicSource(p, 'values');
    if (dv) row.dynamicValues = dv;
    add(row);
  }
  // Hidden rows below hidden parents are already counted; nested rows under internal objects too.
  for (const key of ['important', 'normal', 'advanced'] as const) {
    const hidden = groups[key].filter((r) => r.in === 'body' && hasInternalParent(r, [...groups.important, ...groups.normal, ...groups.advanced], params, definitions));
    if (hidden.length) {
      groups[key] = groups[key].filter((r) => !hidden.includes(r));
      groups.internal += hidden.length;
    }
  }
  return groups;
}

function hasInternalParent(row: ParameterRow, _rows: ParameterRow[], params: Obj[], definitions: Obj): boolean {
  const body = params.find((p) => p.in === 'body');
  if (!body) return false;
  const all = flattenSchema(body.schema, definitions);
  const parts = row.path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const parent = all.find((r) => r.path === parts.slice(0, i).join('.'));
    if (parent?.visibility === 'internal') return true;
  }
  return false;
}

export function operationReturns(op: Obj, definitions: Obj): Returns[] {
  const responses = isObject(op.responses) ? op.responses : {};
  const out: Returns[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (!isObject(raw)) continue;
    if (!/^2\d\d$/.test(status) && status !== 'default') continue;
    const description = text(raw.description);
    if (raw.schema === undefined) {
      out.push({ status, description, kind: 'none', type: '', rows: [] });
      continue;
    }
    const { schema } = resolveRef(raw.schema, definitions);
    if (isDynamicSchema(schema) || isDynamicSchema(raw.schema)) {
      const src = dynamicSource(isDynamicSchema(raw.schema) ? (raw.schema as Obj) : schema, 'schema');
      out.push({ status, description, kind: 'dynamic', type: typeLabel(raw.schema, definitions), rows: [], ...(src ? { dynamicSource: src } : {}) });
      continue;
    }
    const rows = flattenSchema(raw.schema, definitions).filter((r) => r.visibility !== 'internal');
    out.push({ status, description, kind: 'table', type: typeLabel(raw.schema, definitions) || 'object', rows });
  }
  return out;
}

function triggerInfo(summary: OperationSummary, op: Obj, item: Obj, params: Obj[], swagger: Obj, apiProperties: Obj): TriggerInfo | undefined {
  if (summary.kind === 'action') return undefined;
  const definitions = isObject(swagger.definitions) ? swagger.definitions : {};
  const info: TriggerInfo = { kind: summary.kind, hint: text(op['x-ms-trigger-hint']) };
  if (summary.kind === 'webhook') {
    const body = params.find((p) => p.in === 'body');
    if (body) {
      const callback = flattenSchema(body.schema, definitions).find((r) => {
        let s: unknown = resolveRef(body.schema, definitions).schema;
        for (const part of r.path.split('.')) s = isObject(s) && isObject(s.properties) ? resolveRef(s.properties[part], definitions).schema : undefined;
        return isObject(s) && s['x-ms-notification-url'] === true;
      });
      if (callback) info.callback = callback.path;
    }
    const content = item['x-ms-notification-content'];
    if (isObject(content)) {
      info.payloadDescription = text(content.description);
      info.payload = flattenSchema(content.schema, definitions).filter((r) => r.visibility !== 'internal');
    }
    // The unsubscribe operation: a DELETE on a path below this one.
    const del = listOperations(swagger).find((o) => o.method === 'delete' && o.path.startsWith(summary.path.replace(/\/$/, '') + '/'));
    if (del) info.unsubscribe = text(del.op.operationId) || `DELETE ${del.path}`;
  }
  if (summary.kind === 'polling') {
    const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
    const policies = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances : [];
    const policy = policies.find((p) => isObject(p) && p.templateId === 'pollingtrigger' && isObject(p.parameters) && Array.isArray(p.parameters['x-ms-apimTemplate-operationName']) && (p.parameters['x-ms-apimTemplate-operationName'] as unknown[]).includes(summary.operationId)) as Obj | undefined;
    const parameters = isObject(policy?.parameters) ? policy.parameters : {};
    const split = parameters['x-ms-apimTemplateParameter.triggerDataPath'];
    if (typeof split === 'string') info.splitOn = split;
    const config = parameters['x-ms-apimTemplateParameter.triggerConfig'];
    if (isObject(config)) {
      info.state = Object.entries(config).map(([parameter, next]) => {
        const p = params.find((x) => x.name === parameter);
        return { parameter, next: typeof next === 'string' ? next : JSON.stringify(next), initial: p?.default === undefined ? '' : String(p.default) };
      });
    }
  }
  return info;
}

// ---- Samples -----------------------------------------------------------------------------------

function sampleValue(row: Pick<SchemaRow, 'type' | 'enum' | 'default' | 'name'>): unknown {
  if (row.default !== undefined) {
    try {
      return row.type === 'string' || row.type === 'date-time' || row.type === 'date' ? row.default : JSON.parse(row.default);
    } catch {
      return row.default;
    }
  }
  if (row.enum?.length) return row.enum[0];
  if (/^(integer|int32|int64)$/.test(row.type)) return 1;
  if (/^(number|float|double)$/.test(row.type)) return 1.5;
  if (row.type === 'boolean') return true;
  if (row.type === 'date-time') return '2024-01-01T00:00:00Z';
  if (row.type === 'date') return '2024-01-01';
  if (row.type.startsWith('array')) return [];
  if (row.type === 'object') return {};
  return row.name;
}

function setPath(target: Obj, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (part.endsWith('[]')) return; // array members are left out of samples
    node = (isObject(node[part]) ? node[part] : (node[part] = {})) as Obj;
  }
  const last = parts[parts.length - 1]!;
  if (!last.endsWith('[]')) node[last] = value;
}

/**
 * Words Power Fx reads as operators or values, so an identifier of that name must be quoted
 * (https://learn.microsoft.com/power-platform/power-fx/reference/operators#reserved-words).
 */
const FX_RESERVED = new Set(['and', 'or', 'not', 'in', 'exactin', 'as', 'true', 'false', 'blank', 'self', 'parent', 'thisitem', 'thisrecord', 'child', 'children', 'empty', 'infinity', 'nan', 'none', 'null', 'pi']);

/**
 * A Power Fx identifier: as is when it is letters, digits and `_` not starting with a digit,
 * else in single quotes with each `'` doubled, as the language requires
 * (https://learn.microsoft.com/power-platform/power-fx/expression-grammar#identifiers).
 */
export function fxIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !FX_RESERVED.has(name.toLowerCase()) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A Power Fx text literal: double quotes, each `"` doubled (Power Fx has no backslash escapes). */
export function fxText(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** `GitHub Issues` → `GitHubIssues`: how Power Apps names a connector (title without spaces and punctuation), as an identifier. */
export function powerFxName(title: string): string {
  const name = title.replace(/[^A-Za-z0-9_]/g, '');
  return fxIdentifier(name || title);
}

const fxLiteral = (v: unknown): string => (typeof v === 'string' ? fxText(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? '[]' : '{}');

export interface SampleContext {
  id: string;
  title: string;
  host: string;
  basePath: string;
  scheme: string;
}

export function samples(ctx: SampleContext, summary: OperationSummary, groups: ParameterGroups, allParams: Obj[], definitions: Obj): OperationView['samples'] {
  const visible = [...groups.important, ...groups.normal, ...groups.advanced];
  const required = visible.filter((r) => r.required);
  // curl: path parameters substituted, required query parameters, a JSON body of the required properties.
  let path = summary.path;
  const query: string[] = [];
  const headers: string[] = [];
  const body: Obj = {};
  let hasBody = false;
  for (const p of allParams) {
    const name = text(p.name);
    const row = visible.find((r) => r.key === name) ?? { type: text(p.type), name, ...(p.default !== undefined ? { default: String(p.default) } : {}) };
    if (p.in === 'path') path = path.replace(`{${name}}`, encodeURIComponent(String(sampleValue(row as SchemaRow))));
    else if (p.in === 'query' && (p.required === true)) query.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(sampleValue(row as SchemaRow)))}`);
    else if (p.in === 'header' && p.required === true) headers.push(`${name}: ${String(sampleValue(row as SchemaRow))}`);
    else if (p.in === 'body') hasBody = true;
  }
  if (hasBody) {
    const bodyParam = allParams.find((p) => p.in === 'body')!;
    for (const row of flattenSchema(bodyParam.schema, definitions)) {
      if (!row.required && row.visibility !== 'important') continue;
      if (row.path.includes('.') && !row.required) continue;
      setPath(body, row.path, sampleValue(row));
    }
  }
  const base = `${ctx.scheme}://${ctx.host || 'example.com'}${ctx.basePath === '/' ? '' : ctx.basePath}`;
  const url = `${base}${path}${query.length ? `?${query.join('&')}` : ''}`;
  const curl = [
    `curl -X ${summary.method.toUpperCase()} '${url.replace(/'/g, "'\\''")}'`,
    ...headers.map((h) => `  -H '${h.replace(/'/g, "'\\''")}'`),
    ...(hasBody ? [`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(body).replace(/'/g, "'\\''")}'`] : []),
  ].join(' \\\n');

  // Power Fx: required parameters positionally, in order, then optional ones as a record.
  const args = required.filter((r) => !r.key.includes('.') || r.required).map((r) => fxLiteral(sampleValue(r)));
  const optional = visible.filter((r) => !r.required && !r.key.includes('.') && r.in !== 'body').slice(0, 2);
  const record = optional.length ? `{${optional.map((r) => `${fxIdentifier(r.key)}: ${fxLiteral(sampleValue(r))}`).join(', ')}}` : '';
  const powerFx = `${powerFxName(ctx.title)}.${fxIdentifier(summary.operationId)}(${[...args, ...(record ? [record] : [])].join(', ')})`;

  // The flow definition's action, as the designer stores it.
  const parameters: Obj = {};
  for (const r of visible) if (r.required) parameters[r.key] = sampleValue(r);
  const host = { apiId: `/providers/Microsoft.PowerApps/apis/shared_${ctx.id}`, connectionName: `shared_${ctx.id}`, operationId: summary.operationId };
  const inputs = { host, parameters, authentication: "@parameters('$authentication')" };
  const flowObject: Obj =
    summary.kind === 'webhook'
      ? { type: 'OpenApiConnectionWebhook', inputs }
      : summary.kind === 'polling'
        ? { type: 'OpenApiConnection', inputs, recurrence: { interval: 3, frequency: 'Minute' } }
        : { type: 'OpenApiConnection', inputs, runAfter: {} };
  const flow = JSON.stringify({ [summary.kind === 'action' ? summary.operationId : summary.operationId]: flowObject }, null, 2);
  return { curl, powerFx, flow };
}

export function operationView(ctx: SampleContext, swagger: Obj, apiProperties: Obj, method: string, path: string): OperationView | undefined {
  const paths = isObject(swagger.paths) ? swagger.paths : {};
  const item = isObject(paths[path]) ? (paths[path] as Obj) : undefined;
  const op = item && isObject(item[method]) ? (item[method] as Obj) : undefined;
  if (!item || !op) return undefined;
  const definitions = isObject(swagger.definitions) ? swagger.definitions : {};
  const summary = summarize(method, path, op);
  const params = operationParameters(item, op, swagger);
  const parameters = groupParameters(params, definitions);
  const view: OperationView = {
    ...summary,
    parameters,
    returns: operationReturns(op, definitions),
    samples: samples(ctx, summary, parameters, params, definitions),
  };
  const trigger = triggerInfo(summary, op, item, params, swagger, apiProperties);
  if (trigger) {
    view.trigger = trigger;
    if (trigger.splitOn) {
      const flow = JSON.parse(view.samples.flow) as Obj;
      const inner = Object.values(flow)[0] as Obj;
      const rest = trigger.splitOn.replace(/^@triggerBody\(\)\.?/, '');
      inner.splitOn = rest ? `@triggerOutputs()?['body/${rest.split('.').join('/')}']` : "@triggerOutputs()?['body']";
      view.samples.flow = JSON.stringify(flow, null, 2);
    }
  }
  return view;
}

export { refName };
