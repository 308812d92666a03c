/**
 * Where each node of a YAML text is, from js-yaml's `listener` hook (an `open` and a `close` event
 * around every node it composes, js-yaml lib/loader.js `composeNode`), so that placing a diagnostic
 * needs the fast parser again instead of the `yaml` package's full document model (about 2.5× the
 * parse time and most of the garbage, measured on the 1,000-connector bench). The index is only
 * trusted when its shape agrees with the parsed data (every mapping in key/value pairs, every
 * sequence item seen); otherwise the caller falls back to the `yaml` package.
 */
import yaml from 'js-yaml';
import { PARSE_LIMITS } from './bounded.ts';

export type Range = [start: number, end: number];

export type IndexNode =
  | { kind: 'mapping'; range: Range; pairs: Map<string, { key: Range; value: IndexNode | null }> }
  | { kind: 'sequence'; range: Range; items: (IndexNode | null)[] }
  | { kind: 'scalar'; range: Range };

interface Frame {
  open: number;
  children: (IndexNode | null)[];
  /** The composed value of each child, for keys. */
  results: unknown[];
}

/** Skips spaces, line breaks and comments from `at`: where the node that js-yaml opened there starts. */
function nodeStart(text: string, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? end : nl + 1;
    } else break;
  }
  return Math.min(i, end);
}

/** The index of `text`, or undefined when it does not parse or its shape is not one the index can say. */
export function yamlIndex(text: string): IndexNode | null | undefined {
  const stack: Frame[] = [];
  let root: IndexNode | null = null;
  let trusted = true;
  const listener = (event: 'open' | 'close', state: { position: number; kind: string | null; result: unknown }) => {
    if (!trusted) return;
    if (event === 'open') {
      stack.push({ open: state.position, children: [], results: [] });
      return;
    }
    const frame = stack.pop()!;
    const end = state.position;
    const start = nodeStart(text, frame.open, end);
    let node: IndexNode | null;
    if (state.kind === 'mapping') {
      const pairs = new Map<string, { key: Range; value: IndexNode | null }>();
      const n = frame.children.length;
      const keys = state.result !== null && typeof state.result === 'object' ? Object.keys(state.result).length : -1;
      if (n % 2 !== 0 || n / 2 !== keys) trusted = false;
      for (let i = 0; i + 1 < n; i += 2) {
        const key = frame.children[i];
        if (!key) { trusted = false; break; }
        pairs.set(String(frame.results[i]), { key: key.range, value: frame.children[i + 1] ?? null });
      }
      const last = n ? (frame.children[n - 1] ?? frame.children[n - 2]) : undefined;
      node = { kind: 'mapping', range: [start, text[start] === '{' || !last ? end : last.range[1]], pairs };
    } else if (state.kind === 'sequence') {
      if (!Array.isArray(state.result) || state.result.length !== frame.children.length) trusted = false;
      const last = frame.children.findLast((c) => c !== null);
      node = { kind: 'sequence', range: [start, text[start] === '[' ? end : last ? last.range[1] : end], items: frame.children };
    } else if (state.kind === null && state.result === null && start >= end) {
      node = null; // An empty node: `key:` with nothing after it.
    } else {
      node = { kind: 'scalar', range: [start, end] };
    }
    const parent = stack.at(-1);
    if (parent) {
      parent.children.push(node);
      parent.results.push(state.result);
    } else root = node;
  };
  try {
    const options: yaml.LoadOptions & { maxDepth: number; listener: typeof listener } = { schema: yaml.CORE_SCHEMA, maxDepth: PARSE_LIMITS.depth, listener };
    yaml.load(text, options);
  } catch {
    return undefined;
  }
  return trusted ? root : undefined;
}
