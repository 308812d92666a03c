/** The one serializer to the authoring format: YAML front-matter + MDX body. */
import { Document, isMap, isScalar, isSeq, parse, stringify, visit, type Scalar, type ScalarTag } from 'yaml';
import { stringifyString } from 'yaml/util';

/** A `description` or `summary` longer than this (or of several lines) is written as a block scalar. */
export const BLOCK_FROM = 100;
/** Where a folded block scalar wraps its lines. */
const BLOCK_WIDTH = 100;
const BLOCK_KEYS = new Set(['description', 'summary']);

const OPTIONS = { lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: true } as const;

/**
 * Strings marked with this format are written with their own line width: a folded block wraps at
 * BLOCK_WIDTH while every other scalar stays on one line (lineWidth 0).
 */
const BLOCK_TAG: ScalarTag = {
  identify: (value) => typeof value === 'string',
  tag: 'tag:yaml.org,2002:str',
  format: 'block',
  default: true,
  resolve: (source) => source,
  stringify: (item, ctx, onComment, onChompKeep) =>
    stringifyString(item as Scalar, { ...ctx, options: { ...ctx.options, lineWidth: BLOCK_WIDTH, minContentWidth: 20 } }, onComment, onChompKeep),
};

/** The block style a long description reads best in, or undefined when it stays a flow scalar. */
function blockStyle(value: string): Scalar.Type | undefined {
  if (value.includes('\n')) return 'BLOCK_LITERAL';
  if (value.length > BLOCK_FROM && value.includes(' ')) return 'BLOCK_FOLDED';
  return undefined;
}

/**
 * Text a block scalar always says as it is: printable, starting and ending with a visible character,
 * its only whitespace single spaces between words and line breaks with no space beside them.
 * Other strings are tried (below).
 */
function plainlyBlockSafe(value: string): boolean {
  return /^\S/.test(value) && /\S$/.test(value) && !/[^\S \n]|  | \n|\n |[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value);
}

/**
 * True when `value` written in `style` reads back as itself. Block scalars cannot hold every
 * string (a first line that starts with spaces, carriage returns, some trailing whitespace);
 * a string that is not plainly safe is written alone and read back, and kept quoted or plain
 * when it does not come back the same.
 */
function blockReadsBack(value: string, style: Scalar.Type): boolean {
  if (plainlyBlockSafe(value)) return true;
  const doc = new Document({ d: value }, { customTags: [BLOCK_TAG] });
  const node = (doc.contents as { items: Array<{ value: Scalar }> }).items[0]!.value;
  node.type = style;
  node.format = 'block';
  try {
    const back = parse(doc.toString(OPTIONS)) as { d?: unknown };
    return back.d === value;
  } catch {
    return false;
  }
}

/**
 * YAML that reads back (with the YAML 1.2 core schema) as exactly `data`. A long or multi-line
 * `description` / `summary` is a block scalar (`>-` folded at 100 characters, `|` literal) when
 * that reads back identically; every other string stays on one line.
 */
export function toYaml(data: unknown): string {
  if (!hasBlockCandidate(data, 0)) return stringify(data, { ...OPTIONS, aliasDuplicateObjects: false });
  const doc = new Document(data, { aliasDuplicateObjects: false, customTags: [BLOCK_TAG] });
  visit(doc, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || !BLOCK_KEYS.has(String(pair.key.value)) || !isScalar(pair.value)) return;
      const value = pair.value.value;
      if (typeof value !== 'string') return;
      const style = blockStyle(value);
      // A block scalar cannot stand inside a flow collection.
      if (style && path.some((p) => (isMap(p) || isSeq(p)) && p.flow)) return;
      if (style && blockReadsBack(value, style)) {
        pair.value.type = style;
        pair.value.format = 'block';
      }
    },
  });
  return doc.toString(OPTIONS);
}

/** Whether any `description` / `summary` might be a block scalar: most files have none, and skip the walk over the YAML nodes. */
function hasBlockCandidate(node: unknown, depth: number): boolean {
  if (depth > 200 || typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some((v) => hasBlockCandidate(v, depth + 1));
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' ? BLOCK_KEYS.has(key) && blockStyle(value) !== undefined : hasBlockCandidate(value, depth + 1)) return true;
  }
  return false;
}

export function toMdx(frontMatter: Record<string, unknown>, body = ''): string {
  const yaml = Object.keys(frontMatter).length ? toYaml(frontMatter) : '';
  const trimmed = body.replace(/^\n+/, '');
  return `---\n${yaml}---\n${trimmed ? '\n' + trimmed : ''}`;
}
