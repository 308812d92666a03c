/**
 * Local references (`#/definitions/Item`, `#/parameters/top`): the one place a `$ref` is followed.
 * A reference is a JSON pointer in a URI fragment, so its segments are percent-decoded and then
 * `~1`/`~0` unescaped (RFC 6901, via src/core/pointer.ts). External references (`other.json#/…`)
 * resolve to nothing: a compiled connector is one document.
 */
import { fromPointer, getAt } from '../core/pointer.ts';
import { isObject, type Json, type JsonObject, type Swagger } from './types.ts';

/** More hops than this is a loop or a document built to stall us; real chains are one or two long. */
const MAX_HOPS = 32;

/** The node a local `#/…` reference points at, or undefined (external, malformed or missing). */
export function resolveLocal(swagger: Swagger, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let segments: string[];
  try {
    segments = fromPointer(ref);
  } catch {
    return undefined;
  }
  return getAt(swagger, segments) as Json | undefined;
}

/**
 * Follows a node's `$ref` chain to a non-reference object; a node without `$ref` is returned as
 * is. Undefined when the chain leaves the document, loops, runs longer than `MAX_HOPS` or ends on
 * something that is not an object.
 */
export function deref(swagger: Swagger, node: unknown): JsonObject | undefined {
  let current = node;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    if (seen.has(current.$ref) || seen.size >= MAX_HOPS) return undefined;
    seen.add(current.$ref);
    current = resolveLocal(swagger, current.$ref);
  }
  return isObject(current) ? current : undefined;
}

/** `#/definitions/Issue` → `Issue` (decoded), else undefined. */
export function definitionName(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
  // Most names need no unescaping: read them straight (the site asks this for every schema row).
  const rest = ref.slice('#/definitions/'.length);
  if (rest !== '' && !/[/~%]/.test(rest)) return rest;
  try {
    const segments = fromPointer(ref);
    return segments.length === 2 ? segments[1] : undefined;
  } catch {
    return undefined;
  }
}
