/**
 * How much work one imported source may ask for, beyond the byte limits of src/core/safe-fs.ts and
 * the nesting and alias limits of src/core/bounded.ts. Stated in the README ("Running plugboard on
 * untrusted pull requests"); going past one is a `source-limit` error and nothing is written.
 */
import { isMethod, isObject as isObj } from '../swagger/index.ts';

export const IMPORT_LIMITS = {
  /**
   * Operations in one source (Swagger 2.0 or OpenAPI 3 method entries, Postman requests). The
   * platform takes 256 per connector; 10,000 is 39 connectors once split, more than the largest
   * API under 10 MB we know of, and imports in a few seconds.
   */
  operations: 10_000,
  /** Files the `$ref`s of one OpenAPI document may name. */
  referencedFiles: 1_000,
  /**
   * Values of an OpenAPI document once the files its `$ref`s name are inlined. A 10 MB document
   * holds at most about 1,300,000 (0.13 per byte, the densest real one measured); inlining may
   * repeat parts, but not without bound.
   */
  bundledValues: 4_000_000,
} as const;


/**
 * Operations under a Swagger 2.0 or OpenAPI 3 `paths` object; `resolve` follows a path item's
 * `$ref` (one step: a path item that refers to one referring again counts what the first holds).
 */
export function countPathOperations(paths: unknown, resolve: (ref: string) => unknown = () => undefined): number {
  if (!isObj(paths)) return 0;
  let n = 0;
  for (const raw of Object.values(paths)) {
    const item = isObj(raw) && typeof raw.$ref === 'string' ? resolve(raw.$ref) : raw;
    if (isObj(item)) for (const key of Object.keys(item)) if (isMethod(key)) n++;
  }
  return n;
}

/** Requests in a Postman collection's `item` tree (folders are walked without recursion). */
export function countItemRequests(items: unknown): number {
  let n = 0;
  const stack: unknown[] = [items];
  while (stack.length) {
    const list = stack.pop();
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (isObj(item) && Array.isArray(item.item)) stack.push(item.item);
      else if (isObj(item)) n++;
    }
  }
  return n;
}

export function operationsMessage(count: number, what = 'operations'): string {
  const limit = IMPORT_LIMITS.operations.toLocaleString('en-US');
  return `The source has ${count.toLocaleString('en-US')} ${what}; sources over ${limit} are not imported (the platform takes 256 per connector)`;
}
