/**
 * Dynamic-data calls shared by the `x-ms-dynamic-*` rules: which operation an extension calls, with
 * which arguments, and what that operation's response schema says is at a path (`value-collection`,
 * `value-path`, `itemValuePath`…). A schema that declares nothing (no `type`, no `properties`, an
 * open `additionalProperties`, a dynamic schema) is `open`: the rules then say nothing, since the
 * real response may hold anything. Loops and depths are bounded; odd shapes are `open`, never a throw.
 */
import type { Segment } from '../core/pointer.ts';
import { deref, isObject, isSuccess, type Analysis, type Json, type JsonObject, type OperationEntry, type Visit } from '../swagger/index.ts';

export const DYNAMIC_KEYS = ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties', 'x-ms-dynamic-tree'] as const;
export type DynamicKey = (typeof DYNAMIC_KEYS)[number];

/** One call an extension makes: `x-ms-dynamic-tree` makes two (`open`, `browse`). */
export interface DynamicCall {
  key: DynamicKey;
  /** The node carrying the extension. */
  visit: Visit;
  /** The object holding `operationId` and `parameters`: the extension value, or its `open`/`browse`. */
  call: JsonObject;
  /** Path from the extension value to `call` (`[]` or `['open']`). */
  path: Segment[];
  operationId: string;
  /** The called operation; undefined when no operation has that id (x-ms-dynamic-operation-exists says so). */
  target: OperationEntry | undefined;
}

export function dynamicCalls(analysis: Analysis): DynamicCall[] {
  const calls: DynamicCall[] = [];
  for (const visit of analysis.withXms) {
    for (const key of DYNAMIC_KEYS) {
      const value = visit.node[key];
      if (!isObject(value)) continue;
      const parts: Array<[JsonObject, Segment[]]> =
        key === 'x-ms-dynamic-tree'
          ? (['open', 'browse'] as const).filter((step) => isObject(value[step])).map((step) => [value[step] as JsonObject, [step]])
          : [[value, []]];
      for (const [call, path] of parts) {
        if (typeof call.operationId !== 'string') continue;
        calls.push({ key, visit, call, path, operationId: call.operationId, target: analysis.operationsById.get(call.operationId) });
      }
    }
  }
  return calls;
}

export type Resolved = { kind: 'known'; schema: JsonObject } | { kind: 'open' } | { kind: 'missing'; segment: string };

const OPEN: Resolved = { kind: 'open' };
const MAX_DEPTH = 24;

/** The schema `node` stands for, references followed; undefined when it cannot be followed. */
function schemaOf(analysis: Analysis, node: Json | undefined): JsonObject | undefined {
  return deref(analysis.swagger, node);
}

/** `type` as declared, or implied by `properties` / `items`. */
export function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** A schema that says nothing of what is in it. */
function isOpen(schema: JsonObject): boolean {
  if (schema['x-ms-dynamic-schema'] !== undefined || schema['x-ms-dynamic-properties'] !== undefined) return true;
  return typeOf(schema) === undefined && !Array.isArray(schema.allOf);
}

/** The property `name` of an object schema (allOf members included), `open` when the schema allows any. */
function property(analysis: Analysis, schema: JsonObject, name: string, depth: number): Resolved {
  if (depth > MAX_DEPTH) return OPEN;
  let declared = false;
  let open = false;
  const holders = [schema];
  const seen = new Set<JsonObject>();
  while (holders.length > 0 && seen.size < 64) {
    const holder = holders.pop()!;
    if (seen.has(holder)) continue;
    seen.add(holder);
    if (isOpen(holder) && holder !== schema) open = true;
    if (holder.additionalProperties !== undefined && holder.additionalProperties !== false) open = true;
    if (holder['x-ms-dynamic-schema'] !== undefined || holder['x-ms-dynamic-properties'] !== undefined) open = true;
    if (isObject(holder.properties)) {
      declared = true;
      if (Object.hasOwn(holder.properties, name)) {
        const child = schemaOf(analysis, holder.properties[name]);
        return child ? { kind: 'known', schema: child } : OPEN;
      }
    }
    if (Array.isArray(holder.allOf)) {
      for (const part of holder.allOf) {
        const resolved = schemaOf(analysis, part);
        if (resolved) holders.push(resolved);
        else open = true;
      }
    }
  }
  return declared && !open ? { kind: 'missing', segment: name } : OPEN;
}

function walk(analysis: Analysis, schema: JsonObject, segments: readonly string[]): Resolved {
  let current = schema;
  for (const [depth, segment] of segments.entries()) {
    if (depth > MAX_DEPTH || isOpen(current)) return OPEN;
    const type = typeOf(current);
    // An array step is an index or `*`; a name over an array says nothing certain.
    if (type === 'array') {
      const items = schemaOf(analysis, current.items);
      if (!items || !/^(\d+|\*)$/.test(segment)) return OPEN;
      current = items;
      continue;
    }
    if (typeOf(current) !== 'object' && !Array.isArray(current.allOf)) return OPEN;
    const next = property(analysis, current, segment, depth);
    if (next.kind !== 'known') return next;
    current = next.schema;
  }
  return { kind: 'known', schema: current };
}

/**
 * What is at `path` below `schema`. Paths are JSON pointers without the leading slash
 * (`data/items`); a dotted path (`data.items`) that resolves is accepted too.
 */
export function resolvePath(analysis: Analysis, schema: JsonObject, path: string): Resolved {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return { kind: 'known', schema };
  const slashed = walk(analysis, schema, trimmed.split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~')));
  if (slashed.kind !== 'missing' || !trimmed.includes('.')) return slashed;
  const dotted = walk(analysis, schema, trimmed.split(/[./]/));
  return dotted.kind === 'missing' ? slashed : dotted;
}

/** The schema of the operation's success response (200 first, then other 2xx, then `default`), `open` when none is declared. */
export function responseSchema(analysis: Analysis, operation: OperationEntry): Resolved {
  const responses = deref(analysis.swagger, operation.visit.node.responses);
  if (!responses) return OPEN;
  const statuses = Object.keys(responses).filter(isSuccess);
  statuses.sort((a, b) => (a === 'default' ? 1 : b === 'default' ? -1 : a.localeCompare(b)));
  for (const status of statuses) {
    const response = deref(analysis.swagger, responses[status]);
    if (!response) return OPEN;
    if (response.schema === undefined) continue;
    const schema = schemaOf(analysis, response.schema);
    return schema && !isOpen(schema) ? { kind: 'known', schema } : OPEN;
  }
  return OPEN;
}

/** The items of an array schema, `open` when they are not declared. */
export function itemsOf(analysis: Analysis, schema: JsonObject): Resolved {
  const items = schemaOf(analysis, schema.items);
  return items && !isOpen(items) ? { kind: 'known', schema: items } : OPEN;
}

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

export function isPrimitive(schema: JsonObject): boolean {
  const type = typeOf(schema);
  return type !== undefined && PRIMITIVES.has(type);
}
