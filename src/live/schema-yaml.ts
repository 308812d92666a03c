/**
 * Schema changes written into MDX front-matter as text edits, for `plugboard test --update-schema`
 * (update-schema.ts decides what changes; this module only writes). Edits are made on the `yaml`
 * CST positions that `check --fix` uses (src/check/fix.ts `FixSource`), never by re-serialising a
 * file, so comments, quoting and key order stay as the author wrote them:
 *
 * - a new key goes on a new line after the last value of its map, at the indentation of its keys
 *   (in a flow map `{ … }`, before the closing brace);
 * - a new field is written as the bundled connectors write theirs: a field without fields on one
 *   line (`{ type: string, summary: Created At }`), an object or array in block style, its keys in
 *   the order `type, format, summary, x-nullable, properties, items`;
 * - a value is replaced in its own quoting, and a removed `key: value` takes its line (or its comma).
 *
 * Anything written oddly (a key not starting its line, a multi-line value to replace) is declined
 * with the reason, never guessed at. Pure.
 */
import { isPair, isScalar, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { FixSource, readsPlain, replaceScalar, type TextEdit } from '../check/fix.ts';
import { fromPointer } from '../core/pointer.ts';
import type { InferredSchema } from './infer-schema.ts';

/** The keys of an inferred schema, in the order written. */
const KEY_ORDER = ['type', 'format', 'summary', 'x-nullable', 'properties', 'items'] as const;
const YAML_WORDS = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A map key as YAML: plain when it reads back as itself, else double-quoted. */
function yamlKey(name: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(name) && !YAML_WORDS.test(name) ? name : JSON.stringify(name);
}

function yamlScalar(value: string | true): string {
  return value === true ? 'true' : /^[\w .-]+$/.test(value) && readsPlain(value) ? value : JSON.stringify(value);
}

const isLeaf = (s: InferredSchema) => !s.properties && !s.items;

/** `{ type: string, format: date-time, summary: Created At }`, nested maps alike. */
export function flowSchema(s: InferredSchema): string {
  const parts = KEY_ORDER.flatMap((k) => {
    const v = s[k];
    if (v === undefined) return [];
    if (k === 'properties') return [`properties: { ${Object.entries(v as Record<string, InferredSchema>).map(([n, sub]) => `${yamlKey(n)}: ${flowSchema(sub)}`).join(', ')} }`];
    if (k === 'items') return [`items: ${flowSchema(v as InferredSchema)}`];
    return [`${k}: ${yamlScalar(v as string | true)}`];
  });
  return `{ ${parts.join(', ')} }`;
}

/** The lines of a schema's keys in block style at `indent`; fields and items without fields on one line. */
function blockBody(s: InferredSchema, indent: string, step: string): string[] {
  const lines: string[] = [];
  for (const k of KEY_ORDER) {
    const v = s[k];
    if (v === undefined) continue;
    if (k === 'properties') {
      lines.push(`${indent}properties:`);
      for (const [n, sub] of Object.entries(v as Record<string, InferredSchema>)) lines.push(...blockEntry(n, sub, indent + step, step));
    } else if (k === 'items') {
      const items = v as InferredSchema;
      if (isLeaf(items)) lines.push(`${indent}items: ${flowSchema(items)}`);
      else lines.push(`${indent}items:`, ...blockBody(items, indent + step, step));
    } else lines.push(`${indent}${k}: ${yamlScalar(v as string | true)}`);
  }
  return lines;
}

function blockEntry(name: string, s: InferredSchema, indent: string, step: string): string[] {
  return isLeaf(s) ? [`${indent}${yamlKey(name)}: ${flowSchema(s)}`] : [`${indent}${yamlKey(name)}:`, ...blockBody(s, indent + step, step)];
}

/** What to do to one map of the front-matter: values to replace, `key: scalar` pairs to remove, pairs to add at its end. */
export interface MapPlan {
  /** The file as the loader shows it. */
  file: string;
  /** The map, as a pointer into the file's front-matter. */
  pointer: string;
  sets: Array<[key: string, value: string | true]>;
  removes: string[];
  appends: Array<[key: string, value: InferredSchema | true]>;
}

/** A text edit with the depth of the map it writes into, so that insertions at one offset can be ordered. */
export type PlanEdit = TextEdit & { depth: number };

export const keyOf = (p: unknown) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : undefined);

export function pairOf(map: YAMLMap, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  return map.items.find((p) => keyOf(p) === key) as Pair<YamlNode, YamlNode | null> | undefined;
}

/** Offset in the file where the line holding `offset` starts, and the text before `offset` on it. */
function lineBefore(text: string, offset: number): { start: number; prefix: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return { start, prefix: text.slice(start, offset) };
}

/** The end of a pair's text in the file, without the white space after it. */
function pairEnd(source: FixSource, pair: Pair<YamlNode, YamlNode | null>): number | undefined {
  const range = pair.value?.range ?? pair.key.range;
  if (!range) return undefined;
  let end = source.at(range[1]);
  while (end > 0 && /\s/.test(source.text[end - 1]!)) end--;
  return end;
}

/** The indentation of a block map's keys (the `- ` of a sequence item counts as indentation), or undefined when a key does not start its line. */
function blockIndent(source: FixSource, map: YAMLMap): number | undefined {
  const first = map.items[0];
  const range = isPair(first) && isScalar(first.key) ? first.key.range : undefined;
  if (!range) return undefined;
  const { prefix } = lineBefore(source.text, source.at(range[0]));
  return /^[ ]*(?:- +)*$/.test(prefix) ? prefix.length : undefined;
}

/** The deletion of a `key: scalar` pair: its whole line in a block map, the pair and one comma in a flow map. */
function removal(source: FixSource, map: YAMLMap, key: string, file: string): TextEdit | undefined {
  const index = map.items.findIndex((p) => keyOf(p) === key);
  const pair = map.items[index] as Pair<YamlNode, YamlNode | null> | undefined;
  if (!pair || !isScalar(pair.value) || !pair.key.range || !pair.value.range) return undefined;
  const start = source.at(pair.key.range[0]);
  const end = source.at(pair.value.range[1]);
  if (map.flow) {
    const next = map.items[index + 1];
    const nextStart = isPair(next) && isScalar(next.key) && next.key.range ? source.at(next.key.range[0]) : undefined;
    if (nextStart !== undefined) return { file, start, end: nextStart, replacement: '' };
    const previous = map.items[index - 1];
    const previousEnd = isPair(previous) ? pairEnd(source, previous as Pair<YamlNode, YamlNode | null>) : undefined;
    return previousEnd === undefined ? undefined : { file, start: previousEnd, end, replacement: '' };
  }
  const { start: lineStart, prefix } = lineBefore(source.text, start);
  const newline = source.text.indexOf('\n', end);
  if (!/^[ ]*$/.test(prefix) || newline < 0 || source.text.slice(end, newline).trim().replace(/^#.*/, '') !== '') return undefined;
  return { file, start: lineStart, end: newline + 1, replacement: '' };
}

/** The edits of one plan on `source`, or why it cannot be written. */
export function planEdits(source: FixSource, plan: MapPlan): { edits: PlanEdit[] } | { problem: string } {
  const map = source.mapAt(plan.pointer);
  if (!map) return { problem: 'not a map there' };
  const depth = plan.pointer === '' ? 0 : fromPointer(plan.pointer).length;
  const edits: PlanEdit[] = [];
  for (const [key, value] of plan.sets) {
    const pair = pairOf(map, key);
    const edit = pair && (typeof value === 'string' ? replaceScalar(source, pair.value, value, plan.file) : plainScalarEdit(source, pair.value, plan.file));
    if (!edit) return { problem: `\`${key}\` is not a one-line value` };
    edits.push({ ...edit, depth });
  }
  for (const key of plan.removes) {
    const edit = removal(source, map, key, plan.file);
    if (!edit) return { problem: `\`${key}\` is not alone on its line` };
    edits.push({ ...edit, depth });
  }
  if (plan.appends.length === 0) return { edits };
  const kept = map.items.filter((p) => !plan.removes.includes(keyOf(p) ?? '')) as Array<Pair<YamlNode, YamlNode | null>>;
  const last = kept.at(-1);
  const lastEnd = last && pairEnd(source, last);
  if (map.flow) {
    const entries = plan.appends.map(([k, v]) => `${yamlKey(k)}: ${v === true ? 'true' : flowSchema(v)}`).join(', ');
    if (lastEnd !== undefined) edits.push({ file: plan.file, start: lastEnd, end: lastEnd, replacement: `, ${entries}`, depth });
    else if (map.range && source.text.slice(source.at(map.range[0]), source.at(map.range[1])).replace(/\s/g, '') === '{}') {
      edits.push({ file: plan.file, start: source.at(map.range[0]), end: source.at(map.range[1]), replacement: `{ ${entries} }`, depth });
    } else return { problem: 'an empty map written oddly' };
    return { edits };
  }
  const indent = blockIndent(source, map);
  if (indent === undefined || lastEnd === undefined) return { problem: 'its keys do not start their lines' };
  const step = stepOf(source, plan.pointer, indent);
  // New lines go at the start of the line after the map's last value, so the diff shows them as added lines only.
  const newline = source.text.indexOf('\n', lastEnd);
  if (newline < 0) return { problem: 'no line end after it' };
  const pad = ' '.repeat(indent);
  const lines = plan.appends.flatMap(([k, v]) => (v === true ? [`${pad}${yamlKey(k)}: true`] : blockEntry(k, v, pad, step)));
  edits.push({ file: plan.file, start: newline + 1, end: newline + 1, replacement: lines.map((l) => l + source.eol).join(''), depth });
  return { edits };
}

/** `x-nullable: false` → `true`, for a plain one-line scalar. */
function plainScalarEdit(source: FixSource, node: YamlNode | null, file: string): TextEdit | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const start = source.at(node.range[0]);
  const end = source.at(node.range[1]);
  return source.text.slice(start, end).includes('\n') ? undefined : { file, start, end, replacement: 'true' };
}

/** The indentation step of the file: a map's indent less its key's, else two spaces. */
function stepOf(source: FixSource, pointer: string, indent: number): string {
  const pair = pointer === '' ? undefined : source.pairAt(pointer);
  const range = pair?.pair.key.range;
  if (range) {
    const keyIndent = lineBefore(source.text, source.at(range[0])).prefix.length;
    if (indent > keyIndent) return ' '.repeat(indent - keyIndent);
  }
  return '  ';
}

/** `text` offset → 1-based line. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}


/** Insertions at one offset of one file as one edit, the deeper map's lines first (they end the shallower one's last value). */
export function joinInsertions(edits: readonly PlanEdit[]): TextEdit[] {
  const out: PlanEdit[] = [];
  const sorted = [...edits].sort((a, b) => a.file.localeCompare(b.file) || a.start - b.start || a.end - b.end || b.depth - a.depth);
  for (const e of sorted) {
    const last = out.at(-1);
    if (last && last.file === e.file && last.start === last.end && e.start === e.end && last.start === e.start) last.replacement += e.replacement;
    else out.push({ ...e });
  }
  return out.map(({ depth: _depth, ...edit }) => edit);
}
