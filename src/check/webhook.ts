/**
 * Webhook detection shared by the trigger rules: an operation with `x-ms-trigger` whose body
 * parameter's schema (local refs followed, cycles guarded) has a property flagged
 * `x-ms-notification-url: true` (src/PLATFORM.md #webhook-triggers).
 */
import type { Json, JsonObject } from '../swagger/index.ts';
import { fromPointer, toPointer } from '../core/pointer.ts';
import { type Analysis, type OperationEntry, type ResolvedParameter, isObject, parametersOf, resolveLocal } from '../swagger/index.ts';

export interface ChainStep {
  /** The object schema (after following refs) whose `properties` holds the next step. */
  parent: JsonObject;
  /** `required` names that apply to the parent (its own and those of its allOf members). */
  required: ReadonlySet<string>;
  name: string;
  /** The property schema, refs followed. */
  schema: JsonObject;
  /** Pointer to the property as written (`…/properties/<name>`). */
  pointer: string;
}

export interface Callback {
  /** From the body schema down to the callback property; the last step is the callback. */
  chain: ChainStep[];
}

export interface Webhook {
  operation: OperationEntry;
  body: ResolvedParameter;
  /** The body schema after following refs. */
  root: JsonObject;
  callbacks: Callback[];
}

const cache = new WeakMap<OperationEntry, Webhook | null>();
const unresolvedCache = new WeakMap<OperationEntry, boolean>();

interface SearchState {
  found: Callback[];
  /** A `$ref` on the way did not resolve, so the search is incomplete. */
  unresolved: boolean;
}

/** Pointer of a local ref target, like `/definitions/Hook`. */
function refPointer(ref: string): string | undefined {
  if (!ref.startsWith('#/')) return undefined;
  try {
    return toPointer(fromPointer(ref));
  } catch {
    return undefined;
  }
}

/** Follows refs from `node` written at `pointer`; returns the schema and where it really is. */
export function follow(analysis: Analysis, node: Json | undefined, pointer: string): { schema: JsonObject; pointer: string } | undefined {
  let current = node;
  let at = pointer;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    const target = refPointer(current.$ref);
    if (target === undefined || seen.has(target)) return undefined;
    seen.add(target);
    at = target;
    current = resolveLocal(analysis.swagger, current.$ref);
  }
  return isObject(current) ? { schema: current, pointer: at } : undefined;
}

/** Properties of an object schema, including those of its allOf members, with the `required` that applies. */
function members(analysis: Analysis, schema: JsonObject, pointer: string, depth = 0): Array<{ holder: JsonObject; pointer: string }> {
  const list = [{ holder: schema, pointer }];
  if (depth > 20 || !Array.isArray(schema.allOf)) return list;
  schema.allOf.forEach((part, i) => {
    const resolved = follow(analysis, part, `${pointer}/allOf/${i}`);
    if (resolved) list.push(...members(analysis, resolved.schema, resolved.pointer, depth + 1));
  });
  return list;
}

function search(analysis: Analysis, schema: JsonObject, pointer: string, chain: ChainStep[], seen: Set<JsonObject>, state: SearchState): void {
  if (seen.has(schema) || chain.length > 32) return;
  seen.add(schema);
  const parts = members(analysis, schema, pointer);
  const required = new Set<string>();
  for (const { holder } of parts) if (Array.isArray(holder.required)) for (const r of holder.required) if (typeof r === 'string') required.add(r);
  for (const { holder, pointer: holderPointer } of parts) {
    if (!isObject(holder.properties)) continue;
    for (const [name, value] of Object.entries(holder.properties)) {
      const written = `${holderPointer}/properties/${toPointer([name]).slice(1)}`;
      const resolved = follow(analysis, value, written);
      if (!resolved) {
        if (isObject(value) && value.$ref !== undefined) state.unresolved = true;
        continue;
      }
      const step: ChainStep = { parent: schema, required, name, schema: resolved.schema, pointer: written };
      if (resolved.schema['x-ms-notification-url'] === true || (isObject(value) && value['x-ms-notification-url'] === true)) {
        state.found.push({ chain: [...chain, step] });
      } else {
        search(analysis, resolved.schema, resolved.pointer, [...chain, step], seen, state);
      }
    }
  }
  seen.delete(schema);
}

/** The webhook view of an operation, or undefined when it is not a webhook trigger. */
export function webhookOf(analysis: Analysis, operation: OperationEntry): Webhook | undefined {
  const cached = cache.get(operation);
  if (cached !== undefined) return cached ?? undefined;
  let result: Webhook | null = null;
  let unresolved = false;
  if (operation.visit.node['x-ms-trigger'] !== undefined) {
    const body = parametersOf(analysis, operation.visit).find((p) => p.node.in === 'body');
    const root = body ? follow(analysis, body.node.schema, `${body.pointer}/schema`) : undefined;
    if (body && !root && isObject(body.node.schema)) unresolved = true;
    if (body && root) {
      const state: SearchState = { found: [], unresolved: false };
      search(analysis, root.schema, root.pointer, [], new Set(), state);
      unresolved = state.unresolved;
      if (state.found.length > 0) result = { operation, body, root: root.schema, callbacks: state.found };
    }
  }
  cache.set(operation, result);
  unresolvedCache.set(operation, unresolved);
  return result ?? undefined;
}

/** Whether the body schema of a trigger has a reference that does not resolve, so it may be a webhook we cannot see. */
export function bodyUnresolved(analysis: Analysis, operation: OperationEntry): boolean {
  webhookOf(analysis, operation);
  return unresolvedCache.get(operation) ?? false;
}

/** Every webhook trigger of the document, in document order. */
export function webhooks(analysis: Analysis): Webhook[] {
  return analysis.operations.map((op) => webhookOf(analysis, op)).filter((w): w is Webhook => w !== undefined);
}

