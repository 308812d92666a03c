/**
 * Bounds on the shape of parsed data, so that a small hostile input cannot make plugboard work
 * for minutes or overflow the stack: YAML aliases that expand to millions of values (billion
 * laughs), and JSON or YAML nested thousands of levels deep. The limits are stated in the README
 * ("Running plugboard on untrusted pull requests"); the rule is `source-limit`.
 */
import type { Segment } from './pointer.ts';

export const PARSE_LIMITS = {
  /**
   * Levels of nesting in one document: the root value is level 1, a value inside it (in a
   * mapping or sequence, a JSON object or array) level 2, and so on. The deepest real documents
   * measured reach level 22 (the Maximizer and Notion swagger files; 19 in the front-matter their
   * imports produce); 100 leaves room and keeps every recursive walk of the compiler, the checks
   * and JSON.stringify far from the stack limit.
   */
  depth: 100,
  /**
   * Values (mappings, sequences and scalars; keys not counted) one YAML document may expand to
   * through aliases: at least this many…
   */
  valuesFloor: 100_000,
  /**
   * …or one per byte of the document. Without aliases a document cannot hold more values than it
   * has bytes (real ones hold 0.02 to 0.13 per byte), so no alias-free document is ever refused,
   * and aliases cannot make a document cost more than one of the same size written out.
   */
  valuesPerByte: 1,
} as const;

/** How many values a YAML document of `bytes` characters may expand to. */
export function valueBudget(bytes: number): number {
  return Math.max(PARSE_LIMITS.valuesFloor, Math.ceil(bytes * PARSE_LIMITS.valuesPerByte));
}

export interface LimitExceeded {
  kind: 'depth' | 'values';
  /** One sentence for the `source-limit` diagnostic. */
  message: string;
  /** Where in the data the limit was reached (through aliases, as the data is read). */
  path: Segment[];
}

export function depthMessage(limit: number = PARSE_LIMITS.depth): string {
  return `Nesting deeper than ${limit} levels (mappings and sequences inside each other); the limit is ${limit}`;
}

export function valuesMessage(budget: number): string {
  return `Aliases expand this YAML to more than ${budget.toLocaleString('en-US')} values, the limit for a file of its size; each \`*name\` repeats all that \`&name\` anchors`;
}

/**
 * Walks `data` as every later walk will (a value reached through two aliases counts twice)
 * without recursion, and stops at the first value past `budget` or the first value deeper than
 * `maxDepth`. Cycles (an anchor inside its own alias) end at the depth limit. The fast walk
 * keeps no paths; only when a limit is reached, a second walk finds where.
 */
export function checkExpansion(data: unknown, budget: number, maxDepth: number = PARSE_LIMITS.depth): LimitExceeded | undefined {
  const values: unknown[] = [data];
  const depths: number[] = [1];
  let count = 0;
  while (values.length) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (++count > budget) return { kind: 'values', message: valuesMessage(budget), path: pathToValue(data, count) };
    if (depth > maxDepth) return { kind: 'depth', message: depthMessage(maxDepth), path: pathToValue(data, count) };
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i]);
        depths.push(depth + 1);
      }
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        values.push((value as Record<string, unknown>)[keys[i]!]);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

/** The path of the `n`th value (1-based) in the order checkExpansion visits them. */
function pathToValue(data: unknown, n: number): Segment[] {
  const stack: Array<{ value: unknown; path: Segment[] }> = [{ value: data, path: [] }];
  for (let count = 1; stack.length; count++) {
    const { value, path } = stack.pop()!;
    if (count === n) return path;
    if (value === null || typeof value !== 'object') continue;
    const keys: Segment[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]!], path: [...path, keys[i]!] });
  }
  return [];
}

/**
 * Offset of the first `[` or `{` that opens a collection deeper than `maxDepth` in JSON (or
 * JSON5) text, skipping strings and comments; undefined when the text stays within the limit.
 * One pass, no recursion: it runs before any parser, whose recursion a deep input would overflow.
 * (A scalar one level below the deepest allowed collection is left to checkExpansion.)
 */
export function tooDeepOffset(text: string, maxDepth: number = PARSE_LIMITS.depth): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x22 || c === 0x27) {
      // A string: skip to its closing quote (escapes included); an unclosed one ends the scan.
      for (i++; i < text.length && text.charCodeAt(i) !== c; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    }
  }
  return undefined;
}
