/**
 * The trigger contracts the mock honours, read from the compiled connector (README "Triggers in
 * detail", src/PLATFORM.md #webhook-triggers):
 * - a **webhook** trigger is an `x-ms-trigger` operation whose body has a property flagged
 *   `x-ms-notification-url` (src/check/webhook.ts); its registration carries the callback URL at
 *   that property, and its path item's `x-ms-notification-content` describes what is posted there;
 * - a **polling** trigger is any other `x-ms-trigger` operation, a GET as a rule (the corpus has
 *   two POSTs, which the platform polls with POST too). Its state parameter is the key of the
 *   `pollingtrigger` policy's `triggerConfig` (style A; none for style B), and its new items sit at
 *   the policy's `triggerDataPath` (`@triggerBody().members`), else are the response when it is an
 *   array, else its `value` or first array property.
 */
import { createHash } from 'node:crypto';
import { webhookOf } from '../check/webhook.ts';
import { analyze, deref, isObject, responses, isSuccess, type ApiProperties, type Json, type JsonObject, type OperationEntry, type Schema, type Swagger } from '../swagger/index.ts';

export interface WebhookTrigger {
  kind: 'webhook';
  operationId: string;
  /** Property names from the body down to the callback URL. */
  callback: string[];
  /** The schema of what is posted to the callbacks, when the path item declares one. */
  payload: Schema | undefined;
}

export interface PollingTrigger {
  kind: 'polling';
  operationId: string;
  /** The query parameter that carries the polling state (style A), if any. */
  state: string | undefined;
  /** Property names from the response body to the array of new items; `[]` when the body is the array. */
  items: string[];
  /** The success response schema. */
  schema: Schema | undefined;
}

export type Trigger = WebhookTrigger | PollingTrigger;

/** Every trigger of the connector by operationId (operations without one are left out). */
export function triggersOf(swagger: Swagger, apiProperties: ApiProperties | undefined): Map<string, Trigger> {
  const analysis = analyze(swagger);
  const out = new Map<string, Trigger>();
  for (const operation of analysis.operations) {
    const id = operation.operationId;
    if (id === undefined || operation.visit.node['x-ms-trigger'] === undefined || out.has(id)) continue;
    const webhook = webhookOf(analysis, operation);
    if (webhook) {
      const content = operation.pathItem.node['x-ms-notification-content'];
      const payload = isObject(content) && isObject(content.schema) ? (content.schema as Schema) : undefined;
      out.set(id, { kind: 'webhook', operationId: id, callback: webhook.callbacks[0]!.chain.map((step) => step.name), payload });
    } else {
      out.set(id, polling(swagger, apiProperties, operation, id));
    }
  }
  return out;
}

function polling(swagger: Swagger, apiProperties: ApiProperties | undefined, operation: OperationEntry, id: string): PollingTrigger {
  const policy = pollingPolicy(apiProperties, id);
  const config = policy?.['x-ms-apimTemplateParameter.triggerConfig'];
  const state = isObject(config) ? Object.keys(config)[0] : undefined;
  const dataPath = policy?.['x-ms-apimTemplateParameter.triggerDataPath'];
  const success = responses(swagger, operation.visit.node).find((r) => isSuccess(r.status) && r.status !== '202');
  const schema = isObject(success?.response.schema) ? success.response.schema : undefined;
  const items = typeof dataPath === 'string' ? (triggerBodyPath(dataPath) ?? arrayPath(swagger, schema)) : arrayPath(swagger, schema);
  return { kind: 'polling', operationId: id, state, items, schema };
}

/** The `pollingtrigger` instance's parameters for an operation. */
function pollingPolicy(apiProperties: ApiProperties | undefined, id: string): JsonObject | undefined {
  const list = isObject(apiProperties) && isObject(apiProperties.properties) ? apiProperties.properties.policyTemplateInstances : undefined;
  if (!Array.isArray(list)) return undefined;
  for (const instance of list) {
    if (!isObject(instance) || String(instance.templateId).toLowerCase() !== 'pollingtrigger' || !isObject(instance.parameters)) continue;
    const names = instance.parameters['x-ms-apimTemplate-operationName'];
    if (!Array.isArray(names) || names.length === 0 || names.includes(id)) return instance.parameters;
  }
  return undefined;
}

/** `@triggerBody().a.b`, `@triggerBody()?['a']` → `['a', 'b']`; undefined for anything else. */
export function triggerBodyPath(expression: string): string[] | undefined {
  const m = /^@\{?triggerBody\(\)(.*?)\}?$/.exec(expression.trim());
  if (!m) return undefined;
  const path: string[] = [];
  const rest = m[1]!;
  const step = /\??(?:\.([A-Za-z_$][\w$]*)|\[['"]([^'"]*)['"]\])/y;
  let at = 0;
  while (at < rest.length) {
    step.lastIndex = at;
    const s = step.exec(rest);
    if (!s) return undefined;
    path.push((s[1] ?? s[2])!);
    at = step.lastIndex;
  }
  return path;
}

/** Where the array of a response is: `[]` for an array body, else `value` or the first array property. */
function arrayPath(swagger: Swagger, schema: Schema | undefined): string[] {
  const resolved = deref(swagger, schema);
  if (!resolved || resolved.type === 'array' || !isObject(resolved.properties)) return [];
  const props = resolved.properties;
  const isArray = (name: string) => deref(swagger, props[name])?.type === 'array';
  if (isArray('value')) return ['value'];
  return [Object.keys(props).find(isArray)].filter((n): n is string => n !== undefined);
}

/** `body` with `items` put at `path` (objects on the way created as needed). */
export function placeItems(body: Json, path: readonly string[], items: Json[]): Json {
  if (path.length === 0) return items;
  const root: JsonObject = isObject(body) ? body : {};
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[path[path.length - 1]!] = items;
  return root;
}

/** The callback URL inside a registration body, following the property names. */
export function callbackIn(body: Json | undefined, path: readonly string[]): string | undefined {
  let node: Json | undefined = body;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** Fields that name an item, in the order tried: the simulator tells items apart by the first one present. */
export const ID_FIELDS = ['id', 'Id', 'ID', '_id', 'uuid', 'guid', 'key', 'unique_email_id', 'email_address'];

/** An item's identity: its first id-like field, else a stable hash of its JSON. */
export function itemKey(item: unknown): string {
  if (isObject(item as Json)) {
    const obj = item as JsonObject;
    for (const name of ID_FIELDS) {
      const v = obj[name];
      if (typeof v === 'string' || typeof v === 'number') return `${name}=${String(v)}`;
    }
  }
  return `#${createHash('sha256').update(stable(item)).digest('hex').slice(0, 10)}`;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The `n`th made item (n ≥ 1) of a trigger whose made sample is `item`: its id-like fields and
 * top-level date-times moved by `n`, so that items queued one after another are told apart and come
 * later, as new records of a real API do (the mock's made data is otherwise the same every time).
 * An e-mail keeps its shape (`a+3@example.com`); other strings get `-n`; numbers `+ n`.
 */
export function varyItem(item: Json, n: number): Json {
  if (!isObject(item)) return item;
  const out: JsonObject = { ...item };
  for (const [name, value] of Object.entries(out)) {
    if (ID_FIELDS.includes(name)) {
      if (typeof value === 'number') out[name] = value + n;
      else if (typeof value === 'string') out[name] = value.includes('@') ? value.replace('@', `+${n}@`) : `${value}-${n}`;
    } else if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
      out[name] = new Date(Date.parse(value) + n * 60_000).toISOString().replace('.000Z', 'Z');
    }
  }
  return out;
}
