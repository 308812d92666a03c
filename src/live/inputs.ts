/**
 * The inputs `plugboard test` calls an operation with: per parameter, a `--set` value (by name or
 * `operationId.name`), else its test value (`x-ms-test-value`, `example`/`x-example`, `default`,
 * the first `enum` value; for an optional parameter only an explicit `x-ms-test-value`), else —
 * for a path parameter `{x}` of a GET — the `x` (or `id`) of the first item an earlier list GET on
 * the parent path returned. A required input with none of these (or an empty text for a path
 * segment) is named, and the operation skipped.
 */
import { propertiesOf, requiredOf } from '../check/schemas.ts';
import { deref, isObject, parameters, type JsonObject, type OperationEntry, type Parameter, type Swagger, type Values } from '../swagger/index.ts';

/** What a webhook registration gets as its callback URL: a reserved name (RFC 2606) that never resolves. */
export const CALLBACK_URL = 'https://plugboard-test.invalid/callback';

/** How deep a body built from its schema's test values goes. */
const MAX_BODY_DEPTH = 4;

/** The test value a schema or parameter declares, in the platform's order of preference; undefined when none. */
export function testValue(node: JsonObject, requiredOnly = true): unknown {
  if (node['x-ms-test-value'] !== undefined) return node['x-ms-test-value'];
  if (!requiredOnly) return undefined;
  for (const key of ['example', 'x-example', 'default']) if (node[key] !== undefined) return node[key];
  return Array.isArray(node.enum) && node.enum.length ? node.enum[0] : undefined;
}

/**
 * A body value from a schema: its own test value, else an array of its items' one, else an object of
 * its properties' (required ones must have one).
 */
export function bodyValue(swagger: Swagger, schema: unknown, depth = 0): unknown {
  const node = deref(swagger, schema);
  if (!node || depth > MAX_BODY_DEPTH) return undefined;
  // The platform fills the callback address of a webhook registration; a test sends one that goes nowhere.
  if (node['x-ms-notification-url'] === true) return CALLBACK_URL;
  const own = testValue(node);
  if (own !== undefined) return own;
  // An array of one item, where its items have a test value (Calendly's `events`, `default` on the items).
  if (node.type === 'array') {
    const item = bodyValue(swagger, node.items, depth + 1);
    return item === undefined ? undefined : [item];
  }
  if (node.type !== 'object' && !isObject(node.properties)) return undefined;
  const required = new Set(requiredOf(node));
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(propertiesOf(node))) {
    const value = bodyValue(swagger, sub, depth + 1);
    if (value !== undefined) out[name] = value;
    else if (required.has(name)) return undefined;
  }
  return Object.keys(out).length || required.size === 0 ? out : undefined;
}

/**
 * Why `bodyValue` has no value for a schema: the required properties, at any depth it reaches, with
 * no test value, as paths under `prefix` (`body.allUsers`, `body.config.url`). Empty when it has one.
 */
export function missingInBody(swagger: Swagger, schema: unknown, prefix: string, depth = 0): string[] {
  const node = deref(swagger, schema);
  if (!node || depth > MAX_BODY_DEPTH || bodyValue(swagger, node, depth) !== undefined) return [];
  if (node.type !== 'object' && !isObject(node.properties)) return [prefix];
  const properties = propertiesOf(node);
  return requiredOf(node).flatMap((name) => (Object.hasOwn(properties, name) ? missingInBody(swagger, properties[name], `${prefix}.${name}`, depth + 1) : [`${prefix}.${name}`]));
}

/** `--set` text as the parameter's type: numbers and booleans converted, JSON for a body or an array. */
export function coerce(p: Parameter, text: string): unknown {
  const type = p.in === 'body' ? undefined : (p as { type?: unknown }).type;
  if ((type === 'integer' || type === 'number') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (p.in === 'body' || type === 'array') {
    try {
      return JSON.parse(text);
    } catch {
      return type === 'array' ? text.split(',') : text;
    }
  }
  return text;
}

/** `--set` values: `name=value` or `operationId.name=value`; an entry without `=` is a usage error (returned). */
export function parseSets(list: readonly string[]): { sets: Map<string, string>; errors: string[] } {
  const sets = new Map<string, string>();
  const errors: string[] = [];
  for (const entry of list) {
    const at = entry.indexOf('=');
    if (at <= 0) errors.push(`--set takes name=value, not \`${entry}\``);
    else sets.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return { sets, errors };
}

/** The id a list response offers for `{name}`: its first item's `name`, `id`, or `name` less an `_id`/`Id` suffix. */
export function idFromList(body: unknown, name: string): unknown {
  let list: unknown = body;
  if (isObject(list)) list = Object.values(list).find(Array.isArray);
  if (!Array.isArray(list) || !isObject(list[0])) return undefined;
  const item = list[0];
  const bare = name.replace(/_?[Ii][Dd]$/, '');
  for (const key of [name, 'id', bare]) {
    const value = item[key];
    if (typeof value === 'string' || typeof value === 'number') return value;
  }
  return undefined;
}

/** `/items/{id}` → `/items`; undefined when the path does not end with a parameter segment. */
export function parentPath(path: string, name: string): string | undefined {
  const suffix = `/{${name}}`;
  return path.endsWith(suffix) ? path.slice(0, -suffix.length) || '/' : undefined;
}

export interface Inputs {
  values: Values;
  /** Required parameters without a value. */
  missing: string[];
  /** Where chained values came from: `breed_id from ListBreeds`. */
  chained: string[];
}

/**
 * The inputs of `entry`. `listed(path)`: the parsed body an earlier GET on `path` returned, and its
 * operationId, for chaining ids.
 */
export function inputsFor(swagger: Swagger, entry: OperationEntry, sets: ReadonlyMap<string, string>, listed: (path: string) => { body: unknown; operationId: string } | undefined): Inputs {
  const values: Values = {};
  const missing: string[] = [];
  const chained: string[] = [];
  const operationId = entry.operationId ?? '';
  for (const p of parameters(swagger, entry.pathItem.node, entry.visit.node)) {
    if (typeof p.name !== 'string') continue;
    const set = sets.get(`${operationId}.${p.name}`) ?? sets.get(p.name);
    if (set !== undefined) {
      values[p.name] = coerce(p, set);
      continue;
    }
    const required = p.required === true || p.in === 'path';
    const value = p.in === 'body' ? (required ? bodyValue(swagger, p.schema) : deref(swagger, p.schema)?.['x-ms-test-value']) : testValue(p as unknown as JsonObject, required);
    // `default: ""` on a path parameter (corpus: AmazonS3Bucket's region and bucket) is no value: the
    // request would go to `/aws/s3//`.
    if (value !== undefined && !(p.in === 'path' && value === '')) {
      values[p.name] = value;
      continue;
    }
    if (p.in === 'path' && entry.method === 'get') {
      const parent = parentPath(entry.path, p.name);
      const list = parent === undefined ? undefined : listed(parent);
      const id = list ? idFromList(list.body, p.name) : undefined;
      if (id !== undefined) {
        values[p.name] = id;
        chained.push(`${p.name} from ${list!.operationId}`);
        continue;
      }
    }
    if (required) missing.push(p.name);
  }
  return { values, missing, chained };
}
