/**
 * Operation views: what the catalogue, the connector page and the operation pages show of each
 * operation of the compiled Swagger, with parameters grouped like the designer (important first,
 * advanced folded, internal hidden), bodies and returns flattened, trigger mechanics, and samples.
 */
import { buildRequest, definitionName, isObject, isSuccess, METHODS, parameters, Placeholder, responses, type Credentials, type HttpRequest, type Operation, type PathItem, type Swagger } from '../swagger/index.ts';
import { dynamicItemValues, dynamicSource, dynamicValuesOf, flattenSchema, isDynamicSchema, PAGE, resolveRef, schemaTable, typeLabel, type SchemaRow } from './schema.ts';

type Obj = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

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
  /** The body's fields stopped at the page's row limit (schema.ts PAGE); `ref` names its definition. */
  bodyTruncated?: { ref?: string };
}

export interface Returns {
  status: string;
  description: string;
  /** 'table' rows, 'dynamic' outputs, or 'none'. */
  kind: 'table' | 'dynamic' | 'none';
  type: string;
  rows: SchemaRow[];
  dynamicSource?: string;
  /** `dynamic`: the body is an array, and each item's fields come from `dynamicSource`. */
  dynamicItems?: true;
  /** The table stopped at the page's row limit (schema.ts PAGE); `ref` names the body's definition. */
  truncated?: { ref?: string };
}

export interface TriggerInfo {
  kind: 'webhook' | 'polling' | 'trigger';
  hint: string;
  /** webhook: body property receiving the callback URL. */
  callback?: string;
  /** webhook: the notification payload, flattened. */
  payload?: SchemaRow[];
  /** webhook: the payload's table stopped at the page's row limit; `ref` names its definition. */
  payloadTruncated?: { ref?: string };
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
  /** Usage samples; `powerFx` only for actions, since Power Apps cannot call triggers. */
  samples: { curl: string; powerFx?: string; flow: string };
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
        const table = schemaTable(p.schema, definitions, PAGE);
        const flat = table.rows;
        if (table.truncated) groups.bodyTruncated = truncation(p.schema);
        // Each path's own visibility, before the promotion below: what hides the rows under it.
        const ownVisibility = new Map<string, SchemaRow['visibility']>();
        for (const row of flat) if (!ownVisibility.has(row.path)) ownVisibility.set(row.path, row.visibility);
        // An object whose properties are all internal is as hidden as they are.
        for (const row of flat) {
          const children = flat.filter((r) => r.path.startsWith(`${row.path}.`));
          if (children.length && children.every((r) => r.visibility === 'internal')) row.visibility = 'internal';
        }
        for (const row of flat) {
          // A property inside an internal body, or below an internal property, is internal.
          const internalAncestor = bodyVisibility === 'internal' || underInternal(row.path, ownVisibility);
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
    Object.assign(row, dynamicValuesOf(p));
    if (p.type === 'array' && isObject(p.items)) Object.assign(row, dynamicItemValues(p, p.items));
    add(row);
  }
  return groups;
}

/** True when a dotted ancestor of `path` (`a` and `a.b` of `a.b.c`) is internal. */
function underInternal(path: string, visibility: ReadonlyMap<string, SchemaRow['visibility']>): boolean {
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) if (visibility.get(parts.slice(0, i).join('.')) === 'internal') return true;
  return false;
}

/** Where the rest of a cut table is: the definition the schema is (or lists), if any. */
function truncation(schema: unknown): { ref?: string } {
  const own = isObject(schema) ? schema : {};
  const target = own.type === 'array' && isObject(own.items) ? own.items : own;
  const ref = typeof target.$ref === 'string' ? definitionName(target.$ref) : undefined;
  return ref ? { ref } : {};
}

export function operationReturns(swagger: Swagger, op: Obj, definitions: Obj): Returns[] {
  const out: Returns[] = [];
  for (const { status, response: raw } of responses(swagger, op as Operation)) {
    if (!isSuccess(status)) continue;
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
    // An array whose items are dynamic: a list of records whose fields come at run time.
    const items = schema.type === 'array' ? resolveRef(schema.items, definitions).schema : undefined;
    if (items && isDynamicSchema(items)) {
      const src = dynamicSource(items, 'schema');
      out.push({ status, description, kind: 'dynamic', type: 'array', rows: [], dynamicItems: true, ...(src ? { dynamicSource: src } : {}) });
      continue;
    }
    const table = schemaTable(raw.schema, definitions, PAGE);
    const rows = table.rows.filter((r) => r.visibility !== 'internal');
    out.push({ status, description, kind: 'table', type: typeLabel(raw.schema, definitions) || 'object', rows, ...(table.truncated ? { truncated: truncation(raw.schema) } : {}) });
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
      const table = schemaTable(content.schema, definitions, PAGE);
      info.payload = table.rows.filter((r) => r.visibility !== 'internal');
      if (table.truncated) info.payloadTruncated = truncation(content.schema);
    }
    // The unsubscribe operation: a DELETE on a path below this one.
    const del = listOperations(swagger).find((o) => o.method === 'delete' && o.path.startsWith(summary.path.replace(/\/$/, '') + '/'));
    if (del) info.unsubscribe = text(del.op.operationId) || `DELETE ${del.path}`;
  }
  if (summary.kind === 'polling') {
    const policy = pollingPolicy(apiProperties, summary.operationId);
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

/** A Power Fx literal for a sample value; placeholders become text like `"<owner>"`. */
function fxLiteral(v: unknown): string {
  if (typeof v === 'string' || v instanceof Placeholder) return fxText(String(v));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? '[]' : '{}';
}

/**
 * The value a sample shows for a parameter or property: its default, else its first allowed value,
 * else a typed stand-in for numbers, booleans, arrays and objects (JSON needs the type), else a
 * placeholder the reader replaces (`<owner>`).
 */
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
  if (row.type.startsWith('array')) return [];
  if (row.type === 'object') return {};
  return new Placeholder(row.name || 'value');
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
 * The body a sample sends: required properties and important top-level ones, or one value for a
 * non-object body; `callback` is the path of a webhook's notification-URL property.
 */
function sampleBody(bodyParam: Obj, definitions: Obj, callback: string | undefined): unknown {
  const rows = flattenSchema(bodyParam.schema, definitions);
  if (!isObject(resolveRef(bodyParam.schema, definitions).schema.properties)) {
    const root = rows[0];
    return root ? sampleValue({ ...root, name: root.name || text(bodyParam.name) }) : {};
  }
  const body: Obj = {};
  for (const row of rows) {
    if (!row.required && row.visibility !== 'important') continue;
    if (row.path.includes('.') && !row.required) continue;
    // The platform puts the flow's callback URL in the webhook's notification-URL property.
    setPath(body, row.path, row.path === callback ? new Placeholder('callback-url') : sampleValue(row));
  }
  return body;
}

/**
 * Placeholder credentials for the connector's auth: the API key, user name and password, access
 * token, and every connection parameter (policies read them, like a data center in a host URL).
 */
function sampleCredentials(apiProperties: Obj): Credentials {
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const connectionParameters: Record<string, Placeholder> = {};
  const add = (params: unknown) => {
    if (isObject(params)) for (const name of Object.keys(params)) connectionParameters[name] = new Placeholder(name);
  };
  add(props.connectionParameters);
  const sets = isObject(props.connectionParameterSets) && Array.isArray(props.connectionParameterSets.values) ? props.connectionParameterSets.values : [];
  for (const set of sets) if (isObject(set)) add(set.parameters);
  return {
    apiKey: new Placeholder('api-key'),
    username: new Placeholder('username'),
    password: new Placeholder('password'),
    token: new Placeholder('access-token'),
    connectionParameters,
  };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** A request as a curl command, one option per line. */
export function curlCommand(request: HttpRequest): string {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`, ...Object.entries(request.headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`)];
  const body = request.body;
  if (body && 'text' in body) lines.push(`  -d ${shellQuote(body.text)}`);
  else if (body) lines.push(...body.parts.map(([name, value]) => `  -F ${shellQuote(`${name}=${value}`)}`));
  return lines.join(' \\\n');
}

/** True when the connector says the trigger is polled: a `pollingtrigger` policy for it, or `x-ms-trigger-metadata` with mode `polling`. */
function saysPolling(op: Obj, operationId: string, apiProperties: Obj): boolean {
  const meta = op['x-ms-trigger-metadata'];
  if (isObject(meta) && meta.mode === 'polling') return true;
  return pollingPolicy(apiProperties, operationId) !== undefined;
}

function pollingPolicy(apiProperties: Obj, operationId: string): Obj | undefined {
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const policies = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances : [];
  return policies.find(
    (p) => isObject(p) && typeof p.templateId === 'string' && p.templateId.toLowerCase() === 'pollingtrigger' && isObject(p.parameters) && Array.isArray(p.parameters['x-ms-apimTemplate-operationName']) && (p.parameters['x-ms-apimTemplate-operationName'] as unknown[]).includes(operationId),
  ) as Obj | undefined;
}

export interface SampleContext {
  /** The connector's title; Power Apps names the connector after it. */
  title: string;
}

export interface SampleInput {
  swagger: Swagger;
  apiProperties: Obj;
  op: Obj;
  summary: OperationSummary;
  groups: ParameterGroups;
  params: Obj[];
  definitions: Obj;
  trigger: TriggerInfo | undefined;
}

export function samples(ctx: SampleContext, { swagger, apiProperties, op, summary, groups, params, definitions, trigger }: SampleInput): OperationView['samples'] {
  const visible = [...groups.important, ...groups.normal, ...groups.advanced];
  const required = visible.filter((r) => r.required);

  // curl: what the request builder sends for the required values, with placeholders for what the reader supplies.
  const values: Record<string, unknown> = {};
  for (const p of params) {
    const name = text(p.name);
    if (p.in === 'body') values[name] = sampleBody(p, definitions, trigger?.callback);
    // A URL or header value is text: what the reader supplies is a placeholder, whatever its type.
    else if (p.required === true && p.default === undefined) values[name] = Array.isArray(p.enum) && p.enum.length ? p.enum[0] : new Placeholder(name);
  }
  const request = buildRequest({ swagger, apiProperties: apiProperties as never }, summary.operationId, values, sampleCredentials(apiProperties));
  const curl = request ? curlCommand(request) : '';

  // The flow definition's action or trigger, as the designer stores it. A published connector's
  // API id and the flow's connection name are assigned by the platform when the connector is
  // created and the connection added, so the sample names placeholders; plugboard cannot know them.
  const parameters: Obj = {};
  for (const r of required) parameters[r.key] = sampleValue(r);
  const host = { apiId: '/providers/Microsoft.PowerApps/apis/<connector-api-id>', connectionName: '<connection-name>', operationId: summary.operationId };
  const inputs = { host, parameters, authentication: "@parameters('$authentication')" };
  let flowObject: Obj;
  if (summary.kind === 'action') flowObject = { type: 'OpenApiConnection', inputs, runAfter: {} };
  else if (summary.kind === 'webhook') flowObject = { type: 'OpenApiConnectionWebhook', inputs };
  else if (saysPolling(op, summary.operationId, apiProperties)) {
    // How often to poll is the flow author's choice; the connector does not say.
    flowObject = { type: 'OpenApiConnection', inputs, recurrence: { interval: new Placeholder('interval'), frequency: new Placeholder('frequency') } };
  } else flowObject = { type: 'OpenApiConnection', inputs };
  if (trigger?.splitOn) {
    const rest = trigger.splitOn.replace(/^@triggerBody\(\)\.?/, '');
    flowObject.splitOn = rest ? `@triggerOutputs()?['body/${rest.split('.').join('/')}']` : "@triggerOutputs()?['body']";
  }
  const flow = JSON.stringify({ [summary.operationId]: flowObject }, null, 2);
  if (summary.kind !== 'action') return { curl, flow };

  // Power Fx (actions only): required parameters positionally, in order, then optional ones as a record.
  const args = required.filter((r) => !r.key.includes('.') || r.required).map((r) => fxLiteral(sampleValue(r)));
  const optional = visible.filter((r) => !r.required && !r.key.includes('.') && r.in !== 'body').slice(0, 2);
  const record = optional.length ? `{${optional.map((r) => `${fxIdentifier(r.key)}: ${fxLiteral(sampleValue(r))}`).join(', ')}}` : '';
  const powerFx = `${powerFxName(ctx.title)}.${fxIdentifier(summary.operationId)}(${[...args, ...(record ? [record] : [])].join(', ')})`;
  return { curl, powerFx, flow };
}

/** The view of the operation at `method` `path` of a compiled document (read from disk: any shape). */
export function operationView(ctx: SampleContext, document: Obj, apiProperties: Obj, method: string, path: string): OperationView | undefined {
  const swagger = document as Swagger;
  const paths = isObject(swagger.paths) ? swagger.paths : {};
  const item = Object.hasOwn(paths, path) && isObject(paths[path]) ? (paths[path] as Obj) : undefined;
  const op = item && isObject(item[method]) ? (item[method] as Obj) : undefined;
  if (!item || !op) return undefined;
  const definitions = isObject(swagger.definitions) ? swagger.definitions : {};
  const summary = summarize(method, path, op);
  const params: Obj[] = parameters(swagger, item as PathItem, op as Operation);
  const groups = groupParameters(params, definitions);
  const trigger = triggerInfo(summary, op, item, params, swagger, apiProperties);
  const view: OperationView = {
    ...summary,
    parameters: groups,
    returns: operationReturns(swagger, op, definitions),
    samples: samples(ctx, { swagger, apiProperties, op, summary, groups, params, definitions, trigger }),
  };
  if (trigger) view.trigger = trigger;
  return view;
}

