/**
 * Pointer → line/column, resolved once and centrally. The fast YAML parser used for data
 * keeps no positions, so the position index (a `yaml` CST, or a jsonc tree for JSON) is
 * built lazily, only for files that actually have diagnostics.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Diagnostic, Place } from './diagnostic.ts';
import { fromPointer } from './pointer.ts';
import type { SourceFile } from './source-file.ts';
import { yamlIndex, type IndexNode } from './yaml-index.ts';

type Range = [start: number, end: number];

interface YamlIndex {
  kind: 'yaml';
  root: YamlNode | null;
}
interface FastYamlIndex {
  kind: 'fast-yaml';
  root: IndexNode | null;
}
interface JsonIndex {
  kind: 'json';
  root: JsonNode | undefined;
}

function indexOf(file: SourceFile): YamlIndex | FastYamlIndex | JsonIndex {
  if (!file.positionIndex) {
    const json = file.kind === 'json';
    const fast = json ? undefined : yamlIndex(file.frontMatter.yaml);
    try {
      file.positionIndex = json
        ? ({ kind: 'json', root: parseTree(file.text.replace(/^\uFEFF/, ' ')) } satisfies JsonIndex)
        : fast !== undefined
          ? ({ kind: 'fast-yaml', root: fast } satisfies FastYamlIndex)
          : ({ kind: 'yaml', root: parseDocument(file.frontMatter.yaml, { keepSourceTokens: false, uniqueKeys: false, strict: false }).contents as YamlNode | null } satisfies YamlIndex);
    } catch {
      // Both parsers recurse: a text nested beyond PARSE_LIMITS.depth (bounded.ts), reported as
      // `source-limit`, may overflow the stack here. Its diagnostics go to the start of the file.
      file.positionIndex = json ? ({ kind: 'json', root: undefined } satisfies JsonIndex) : ({ kind: 'yaml', root: null } satisfies YamlIndex);
    }
  }
  return file.positionIndex as YamlIndex | FastYamlIndex | JsonIndex;
}

/** As yamlRange, over the index made from js-yaml's events (yaml-index.ts). */
function fastYamlRange(root: IndexNode | null, segments: string[], onKey: boolean): (Range & { partial?: boolean }) | undefined {
  const partial = (r: Range | undefined) => (r ? Object.assign([r[0], r[1]] as Range, { partial: true }) : undefined);
  let node: IndexNode | null = root;
  let range: Range | undefined = node ? [node.range[0], node.range[1]] : undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (node?.kind === 'mapping') {
      const pair = node.pairs.get(segment);
      if (!pair) return partial(range);
      if (last && (onKey || pair.value === null)) return [pair.key[0], pair.key[1]];
      node = pair.value;
      // A key with an empty value: point at the key.
      if (!node) return [pair.key[0], pair.key[1]];
      range = [node.range[0], node.range[1]];
    } else if (node?.kind === 'sequence') {
      const item = node.items[Number(segment)];
      if (!item) return partial(range);
      node = item;
      range = [item.range[0], item.range[1]];
    } else {
      return partial(range);
    }
  }
  return range;
}

/**
 * Range (offsets into the YAML text) of the node at `segments`, or of its deepest existing
 * ancestor marked `partial` (a missing key is reported where its parent starts).
 */
function yamlRange(root: YamlNode | null, segments: string[], onKey: boolean): (Range & { partial?: boolean }) | undefined {
  const partial = (r: Range | undefined) => (r ? Object.assign([r[0], r[1]] as Range, { partial: true }) : undefined);
  let node: YamlNode | null = root;
  let range: Range | undefined = node?.range ? [node.range[0], node.range[1]] : undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return partial(range);
      const key = pair.key as YamlNode;
      if (last && (onKey || pair.value == null)) return key.range ? [key.range[0], key.range[1]] : range;
      node = pair.value as YamlNode | null;
      // A key with an empty value: point at the key.
      if (!node?.range) return key.range ? [key.range[0], key.range[1]] : range;
      range = [node.range[0], node.range[1]];
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as YamlNode | undefined;
      if (!item?.range) return partial(range);
      node = item;
      range = [item.range[0], item.range[1]];
    } else {
      return partial(range);
    }
  }
  return range;
}

/** Walks the jsonc tree down the pointer; the deepest node reached when a step is missing. */
function jsonRange(root: JsonNode | undefined, segments: string[], onKey: boolean): Range | undefined {
  if (!root) return undefined;
  let node = root;
  let complete = true;
  for (const segment of segments) {
    const next =
      node.type === 'array'
        ? node.children?.[Number(segment)]
        : node.type === 'object'
          ? node.children?.find((p) => p.children?.[0]?.value === segment)?.children?.[1]
          : undefined;
    if (!next) {
      complete = false;
      break;
    }
    node = next;
  }
  const target = onKey && complete && node.parent?.type === 'property' ? node.parent.children![0]! : node;
  return [target.offset, target.offset + target.length];
}

/** Resolves the place of a pointer in a file. Undefined when the file has no parseable structure. */
export function placeOf(file: SourceFile, pointer: string, onKey = false): Place | undefined {
  let segments: string[];
  try {
    segments = fromPointer(pointer);
  } catch {
    segments = [];
  }
  const index = indexOf(file);
  const range = index.kind === 'json' ? jsonRange(index.root, segments, onKey) : index.kind === 'fast-yaml' ? fastYamlRange(index.root, segments, onKey) : yamlRange(index.root, segments, onKey);
  const offset = file.frontMatter.yamlOffset;
  if (range && (segments.length === 0 || (range as { partial?: boolean }).partial)) {
    // The whole document: point at its first line rather than at all of it.
    const start = file.pointAt(offset + range[0]);
    const lineEnd = file.text.indexOf('\n', offset + range[0]);
    const end = file.pointAt(lineEnd === -1 ? file.text.length : lineEnd);
    return { start, end: end.line === start.line ? end : start };
  }
  if (!range) {
    const start = file.pointAt(offset);
    return { start, end: start };
  }
  return { start: file.pointAt(offset + range[0]), end: file.pointAt(offset + trimEnd(file.text, offset + range[0], offset + range[1]) - offset) };
}

/** YAML ranges of block values include trailing newlines; end the range on the last real character. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** Fills in `place` for every diagnostic (and cause) that has a pointer but no place yet. */
export function placeDiagnostics(diagnostics: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>): void {
  for (const d of diagnostics) {
    if (!d.place) {
      const file = files.get(d.file);
      if (file) d.place = placeOf(file, d.pointer, d.onKey);
    }
    if (d.cause && !d.cause.place) {
      const file = files.get(d.cause.file);
      const place = file && placeOf(file, d.cause.pointer);
      if (place) d.cause.place = place;
    }
  }
}
