/**
 * The one YAML loader for untrusted text (front-matter, imported documents, files a `$ref`
 * names). js-yaml with the YAML 1.2 core schema stays the fast path (no dates, no merge keys);
 * around it:
 * - nesting is bounded (js-yaml's own `maxDepth`, which counts levels as bounded.ts does, so a
 *   200,000-deep flow sequence stops at level 101 instead of overflowing the stack);
 * - alias expansion is bounded: js-yaml returns an alias as a shared reference, so a billion-laughs
 *   file parses in microseconds and explodes later, in every walk, clone and JSON.stringify; one
 *   iterative walk counts the values as those walks will see them (bounded.ts);
 * - a mapping or sequence used as a key is an error: js-yaml would silently turn `[a, b]` into the
 *   key "a,b" and `{a: 1}` into "[object Object]". A text prefilter keeps this check off the fast
 *   path; only a text that may hold such a key is parsed again by the `yaml` package, which keeps
 *   keys as nodes with positions.
 */
import yaml from 'js-yaml';
import { isAlias, isCollection, isMap, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { checkExpansion, depthMessage, PARSE_LIMITS, tooDeepOffset, valueBudget } from './bounded.ts';
import type { Segment } from './pointer.ts';

export type YamlProblem =
  /** Not YAML: js-yaml's reason, at an offset into the text. */
  | { kind: 'syntax'; message: string; offset: number }
  /** Within a limit of bounded.ts: at an offset, or at a path into the data (aliases followed). */
  | { kind: 'limit'; message: string; offset?: number; path?: Segment[] }
  /** A mapping or sequence used as a key: from `offset` to `end` in the text. */
  | { kind: 'complex-key'; message: string; offset: number; end: number };

export type YamlLoad = { ok: true; data: unknown } | { ok: false; problem: YamlProblem };

const MAX_DEPTH_REASON = /^nesting exceeded maxDepth/;

/** Parses YAML text within the limits; never throws for what the text holds. */
export function loadYaml(text: string, filename?: string): YamlLoad {
  let data: unknown;
  try {
    // `maxDepth` is in js-yaml 4.3 (its README), not yet in @types/js-yaml.
    const options: yaml.LoadOptions & { maxDepth: number } = { schema: yaml.CORE_SCHEMA, maxDepth: PARSE_LIMITS.depth, ...(filename ? { filename } : {}) };
    data = yaml.load(text, options);
  } catch (error) {
    return { ok: false, problem: problemOf(error, text) };
  }
  // Without an alias the data is a tree that js-yaml's maxDepth already bounds, holding fewer
  // values than the text has bytes: only a text that may hold an alias needs the walk.
  const exceeded = mayHaveAlias(text) ? checkExpansion(data, valueBudget(text.length)) : undefined;
  if (exceeded) return { ok: false, problem: { kind: 'limit', message: exceeded.message, path: exceeded.path } };
  const complex = mayHaveComplexKey(text) ? firstComplexKey(text) : undefined;
  if (complex) return { ok: false, problem: complex };
  return { ok: true, data };
}

function problemOf(error: unknown, text: string): YamlProblem {
  if (error instanceof RangeError) {
    // The stack ran out before js-yaml's own limit (a deep block structure): point at the first
    // too-deep bracket if there is one, else at the start.
    return { kind: 'limit', message: depthMessage(), offset: tooDeepOffset(text) ?? 0 };
  }
  const e = error as { reason?: string; message: string; mark?: { position: number } };
  const reason = e.reason ?? e.message.split('\n')[0]!;
  const offset = Math.min(e.mark?.position ?? 0, text.length);
  if (MAX_DEPTH_REASON.test(reason)) return { kind: 'limit', message: depthMessage(), offset };
  return { kind: 'syntax', message: reason, offset };
}

/** True when the text may hold an alias: `*name` at the start, or after a space, `[`, `{`, `,` or `:`. */
export function mayHaveAlias(text: string): boolean {
  for (let at = text.indexOf('*'); at !== -1; at = text.indexOf('*', at + 1)) {
    const before = at === 0 ? ' ' : text[at - 1]!;
    const after = text[at + 1] ?? ' ';
    if (/[\s[{,:]/.test(before) && !/[\s*]/.test(after)) return true;
  }
  return false;
}

/**
 * True when the text may hold a collection as a key: an explicit key (`? ` with only indentation,
 * `- ` or a flow `[`, `{`, `,` before it on its line) or a closing bracket followed by `:`. False
 * for nearly every real file, in one scan of each character class.
 */
export function mayHaveComplexKey(text: string): boolean {
  if (/[\]}][ \t]*:/.test(text)) return true;
  for (let at = text.indexOf('?'); at !== -1; at = text.indexOf('?', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (!(Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d)) continue;
    let i = at - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '-')) i--;
    if (i < 0 || text[i] === '\n' || text[i] === '[' || text[i] === '{' || text[i] === ',') return true;
  }
  return false;
}

/** The first mapping key that is a mapping or a sequence (or an alias of one), with its range. */
function firstComplexKey(text: string): YamlProblem | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false, strict: false });
  // An array, because TypeScript does not see assignments made inside the visitor callback.
  const hits: Array<{ key: YamlNode; what: string }> = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as YamlNode | null;
      const target = isAlias(key) ? key.resolve(doc) : key;
      if (!key?.range || !isCollection(target)) return undefined;
      const what = isMap(target) ? 'mapping' : 'sequence';
      hits.push({ key, what: isAlias(key) ? `alias of a ${what}` : what });
      return visit.BREAK;
    },
  });
  const found = hits[0];
  if (!found) return undefined;
  const [start, end] = found.key.range!;
  const lineEnd = text.indexOf('\n', start);
  return {
    kind: 'complex-key',
    message: `Unexpected ${found.what} as a key, expected a string like \`name\` or \`200\``,
    offset: start,
    // One line at most, so that editors underline the key and not a whole block.
    end: lineEnd === -1 ? end : Math.min(end, lineEnd),
  };
}
