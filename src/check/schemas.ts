/**
 * What the schema, property, response and security rules share: the positions that carry JSON
 * Schema keywords (schemas, non-body parameters, their `items`, response headers), JSON types of
 * values, names for messages, and the bounded expansion of a schema through its references.
 * Nothing here trusts the document: every value is tested before use, and walks are bounded.
 */
import { analyze, definitionName, deref, describe, isObject, resolveLocal, type Json, type JsonObject, type Swagger, type Visit } from '../swagger/index.ts';

/**
 * Visits whose node takes JSON Schema keywords (`type`, `enum`, `default`, `minimum`…): schemas,
 * non-body parameters, their `items` and response headers. Memoised per document (several rules read it).
 */
const keywordCache = new WeakMap<object, Visit[]>();
export function keywordNodes(swagger: Swagger): Visit[] {
  let list = keywordCache.get(swagger);
  if (list) return list;
  list = [];
  for (const visit of analyze(swagger).visits) {
    if (visit.kind === 'schema' || visit.kind === 'items' || visit.kind === 'response-header') list.push(visit);
    else if (visit.kind === 'parameter' && visit.in !== 'body') list.push(visit);
  }
  keywordCache.set(swagger, list);
  return list;
}

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** The JSON type of a value; whole numbers are `integer`. */
export function jsonType(value: Json | undefined): JsonType | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** The Swagger types a value of this JSON type may stand for. */
export function matchesType(type: string, value: Json): boolean {
  const actual = jsonType(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  if (type === 'file') return true;
  return actual === type;
}

const SWAGGER_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'file']);

/** The node's `type` when it is one Swagger type name, else undefined (absent, a list, a typo). */
export function typeOf(node: JsonObject): string | undefined {
  return typeof node.type === 'string' && SWAGGER_TYPES.has(node.type) ? node.type : undefined;
}

/** A short, readable value for messages (bounded). */
export function show(value: Json | undefined): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * Names a keyword position for messages: `property \`id\``, `definition \`Item\``,
 * `parameter \`top\``, `the response schema`.
 */
export function nameOf(visit: Visit): string {
  const last = visit.segments.at(-1);
  if (visit.kind === 'parameter') return typeof visit.node.name === 'string' ? `parameter \`${visit.node.name}\`` : describe(visit);
  if (visit.kind === 'response-header') return `response header \`${String(last)}\``;
  if (visit.kind === 'items') return `${visit.parameter ? nameOf(visit.parameter) : 'header'} items`;
  if (visit.kind === 'schema' || visit.kind === 'ref') {
    if (visit.segments[0] === 'properties') return `property \`${String(last)}\``;
    if (visit.segments[0] === 'definitions') return `definition \`${String(last)}\``;
    if (visit.isRoot && visit.schemaRoot === 'body') return 'the body schema';
    if (visit.isRoot && visit.schemaRoot === 'response') return 'the response schema';
    if (visit.isRoot && visit.schemaRoot === 'notification') return 'the notification schema';
    if (last === 'items' || typeof last === 'number') return 'an `items` schema';
    if (last === 'additionalProperties') return 'an `additionalProperties` schema';
    return 'a schema';
  }
  return describe(visit);
}

/** The object's properties as a map, or an empty one. */
export function propertiesOf(node: JsonObject): JsonObject {
  return isObject(node.properties) ? node.properties : {};
}

/** `required` as the list of its string entries (an array of anything else gives []). */
export function requiredOf(node: JsonObject): string[] {
  return Array.isArray(node.required) ? node.required.filter((n): n is string => typeof n === 'string') : [];
}

/**
 * Property names a schema defines, following `$ref` and `allOf` (bounded): `required` may name
 * any of them.
 */
export function definedProperties(swagger: Swagger, node: JsonObject, depth = 0, seen = new Set<JsonObject>()): Set<string> {
  const names = new Set<string>();
  if (depth > 16 || seen.has(node)) return names;
  seen.add(node);
  for (const name of Object.keys(propertiesOf(node))) names.add(name);
  if (Array.isArray(node.allOf)) {
    for (const part of node.allOf.slice(0, 64)) {
      const target = deref(swagger, part);
      if (target) for (const name of definedProperties(swagger, target, depth + 1, seen)) names.add(name);
    }
  }
  return names;
}


/** One step of a cycle: from a node, through the reference written at `at`. */
export interface CycleStep {
  from: string;
  at: string;
}

/**
 * The elementary cycles of a small reference graph, each once (started at its first node in the
 * graph's order), found by a bounded depth-first search. `edges` maps a node to its references
 * (`ref` is the target node's key). At most `limit` cycles are returned.
 */
/** Longer reference chains are not followed (the call stack stays small). */
const MAX_CHAIN = 512;

export function findCycles(edges: ReadonlyMap<string, ReadonlyArray<{ ref: string; at: string }>>, limit = 50): CycleStep[][] {
  const order = new Map([...edges.keys()].map((key, i) => [key, i]));
  const cycles: CycleStep[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: CycleStep[] = [];
  let budget = 100_000;
  const visit = (node: string, depth: number): void => {
    state.set(node, 'active');
    for (const edge of edges.get(node) ?? []) {
      if (cycles.length >= limit || --budget < 0) break;
      if (!order.has(edge.ref)) continue;
      stack.push({ from: node, at: edge.at });
      const seen = state.get(edge.ref);
      if (seen === 'active') {
        const start = stack.findIndex((step) => step.from === edge.ref);
        const cycle = stack.slice(start);
        // Rotate so the cycle starts at its first node in document order.
        let first = 0;
        cycle.forEach((step, i) => {
          if (order.get(step.from)! < order.get(cycle[first]!.from)!) first = i;
        });
        cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
      } else if (seen === undefined && depth < MAX_CHAIN) {
        visit(edge.ref, depth + 1);
      }
      stack.pop();
    }
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node, 0);
  return cycles;
}

/** What expanding a schema tree through its references gives. */
export interface Expansion {
  /** Schemas in the expanded tree (each reference expanded where used; a recursive one counted once per path). */
  count: number;
  /** Deepest nesting of schemas: a root alone is depth 1. */
  depth: number;
  /** True when the expansion stopped at `budget`. */
  truncated: boolean;
}

/**
 * Expands a schema as the platform does when it flattens an operation's inputs or outputs: every
 * `$ref` is replaced by its target, and a definition that recurs on its own path is not expanded
 * again. Bounded by `budget` schemas (counting stops there).
 */
export function expand(swagger: Swagger, root: Json | undefined, budget = 20_000): Expansion {
  const result: Expansion = { count: 0, depth: 0, truncated: false };
  const onPath = new Set<string>();
  const walk = (node: Json | undefined, depth: number): void => {
    if (!isObject(node)) return;
    if (result.count >= budget || depth > 256) {
      result.truncated = true;
      return;
    }
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      if (onPath.has(ref)) return;
      const next = resolveLocal(swagger, ref);
      onPath.add(ref);
      walk(next, depth);
      onPath.delete(ref);
      return;
    }
    result.count++;
    if (depth > result.depth) result.depth = depth;
    if (isObject(node.properties)) for (const child of Object.values(node.properties)) walk(child, depth + 1);
    if (isObject(node.additionalProperties)) walk(node.additionalProperties, depth + 1);
    if (Array.isArray(node.items)) for (const child of node.items) walk(child, depth + 1);
    else walk(node.items, depth + 1);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const parts = node[key];
      if (Array.isArray(parts)) for (const part of parts) walk(part, depth);
    }
  };
  walk(root, 1);
  return result;
}

/** Schemas expanded over a whole document at most (a hostile document cannot make the limit rules slow). */
const DOCUMENT_BUDGET = 200_000;

const expansionCache = new WeakMap<object, Map<Visit, Expansion>>();

/**
 * The expansion of every body, response and notification root schema of a document, in document
 * order, memoised per document. Each root is expanded up to 20,000 schemas, the whole document up
 * to 200,000 (roots beyond that are left out).
 */
export function rootExpansions(swagger: Swagger): Map<Visit, Expansion> {
  let map = expansionCache.get(swagger);
  if (map) return map;
  map = new Map();
  let spent = 0;
  for (const visit of analyze(swagger).visits) {
    if ((visit.kind !== 'schema' && visit.kind !== 'ref') || !visit.isRoot || visit.schemaRoot === 'definition') continue;
    if (spent >= DOCUMENT_BUDGET) break;
    const expansion = expand(swagger, visit.node, Math.min(20_000, DOCUMENT_BUDGET - spent));
    spent += expansion.count;
    map.set(visit, expansion);
  }
  expansionCache.set(swagger, map);
  return map;
}

/** One entry of a `security` list: the scheme it names and its values, where it is written. */
export interface Requirement {
  scheme: string;
  values: Json;
  /** Pointer of the scheme's key in the requirement object. */
  at: string;
}

/** Every security requirement of the document: the root `security` and each operation's. */
export function requirements(swagger: Swagger): Requirement[] {
  const out: Requirement[] = [];
  const read = (list: Json | undefined, base: string) => {
    if (!Array.isArray(list)) return;
    list.slice(0, 1000).forEach((requirement, i) => {
      if (!isObject(requirement)) return;
      for (const [scheme, values] of Object.entries(requirement)) out.push({ scheme, values, at: `${base}/${i}/${scheme.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    });
  };
  read(swagger.security, '/security');
  for (const { visit } of analyze(swagger).operations) read(visit.node.security, visit.at('security'));
  return out;
}

const inputCache = new WeakMap<object, Set<string>>();

/**
 * The names of the definitions a request body uses, directly or through other definitions
 * (memoised per document). A definition shared by a body and a response is in it.
 */
export function inputDefinitions(swagger: Swagger): Set<string> {
  let names = inputCache.get(swagger);
  if (names) return names;
  const analysis = analyze(swagger);
  const refsOf = new Map<string, string[]>();
  const start: string[] = [];
  for (const visit of analysis.of('ref')) {
    if (visit.refOf !== 'schema') continue;
    const target = definitionName(visit.ref);
    if (target === undefined) continue;
    if (visit.schemaRoot === 'body') start.push(target);
    else if (visit.schemaRoot === 'definition') {
      const owner = String(visit.path[1]);
      let list = refsOf.get(owner);
      if (!list) refsOf.set(owner, (list = []));
      list.push(target);
    }
  }
  names = new Set();
  const queue = [...start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (names.has(name)) continue;
    names.add(name);
    queue.push(...(refsOf.get(name) ?? []));
  }
  inputCache.set(swagger, names);
  return names;
}

/** Whether a schema visit is part of a request body: written in one, or in a definition a body uses. */
export function isBodySchema(swagger: Swagger, visit: Visit): boolean {
  if (visit.schemaRoot === 'body') return true;
  return visit.schemaRoot === 'definition' && inputDefinitions(swagger).has(String(visit.path[1]));
}
