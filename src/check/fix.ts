/**
 * `check --fix`: text edits on the MDX sources for findings whose fix is certain, never a change of
 * meaning. The fixers live here, keyed by rule id, so a rule file stays one concern (what is wrong)
 * and this module owns the other (how to mend it); `Partial<Record<RuleId, …>>` keeps every key a
 * rule that exists. A fixer reads the diagnostic (its pointer into the front-matter, its words) and
 * the file's YAML with positions, and returns edits or nothing: when anything is unsure (a quoted
 * key, a target key already there, a block scalar), it declines and the finding stays.
 *
 * Pure: no I/O. The CLI (src/cli/commands/check-fix.ts) reads the files, applies the edits and checks
 * again.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.ts';
import { fromPointer } from '../core/pointer.ts';
import type { RuleId } from '../core/rule-ids.ts';
import { splitFrontMatter } from '../core/source-file.ts';

/** Replace `text.slice(start, end)` of `file` with `replacement` (offsets into the whole file text). */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  replacement: string;
}

/** What one fix does, for the listing: `Renamed \`sumary\` to \`summary\``. */
export interface Fix {
  ruleId: RuleId;
  file: string;
  /** Where the finding was (1-based), for the listing. */
  line: number;
  column: number;
  description: string;
  edits: TextEdit[];
  /**
   * Names this fix makes, like a key in one map (`<offset of the map>/x-ms-summary`): two fixes of one
   * pass that claim the same name would clash, so the second waits for the next pass, where its
   * fixer sees the first one's result.
   */
  claims?: string[];
}

/** A source file as the fixers see it: its text and its front-matter with positions. */
export class FixSource {
  readonly path: string;
  readonly text: string;
  private root: YamlNode | null | undefined;
  private offset = 0;

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text;
  }

  /** The line ending new lines get: the file's own. */
  get eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** The front-matter's root node (undefined when there is none or it does not parse cleanly). */
  get yaml(): YamlNode | undefined {
    if (this.root === undefined) {
      this.root = null;
      const split = splitFrontMatter(this.text);
      if (split.present) {
        try {
          const doc = parseDocument(split.yaml, { uniqueKeys: false, strict: false });
          if (doc.errors.length === 0) {
            this.root = doc.contents as YamlNode | null;
            this.offset = split.yamlOffset;
          }
        } catch {
          // Too deep to parse: nothing is fixed in this file.
        }
      }
    }
    return this.root ?? undefined;
  }

  /** Offset in the file of an offset in the front-matter. */
  at(yamlOffset: number): number {
    return this.offset + yamlOffset;
  }

  /** The node at the steps of a pointer, through maps and sequences; undefined when a step is missing. */
  private nodeAt(segments: readonly string[]): unknown {
    let node: unknown = this.yaml;
    for (const segment of segments) {
      if (isMap(node)) node = (node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment) as Pair | undefined)?.value;
      else if (isSeq(node)) node = node.items[Number(segment)];
      else return undefined;
    }
    return node;
  }

  /** The steps of `pointer`, or undefined when it is malformed or deeper than any fix looks. */
  private segmentsOf(pointer: string): string[] | undefined {
    try {
      const segments = fromPointer(pointer);
      return segments.length > 64 ? undefined : segments;
    } catch {
      return undefined;
    }
  }

  /** The map at `pointer` (`''`: the front-matter's root); undefined when it is not a map. */
  mapAt(pointer: string): YAMLMap | undefined {
    const segments = this.segmentsOf(pointer);
    const node = segments && this.nodeAt(segments);
    return isMap(node) ? node : undefined;
  }

  /** The pair at `pointer` and the map holding it; undefined when a step is missing. */
  pairAt(pointer: string): { pair: Pair<YamlNode, YamlNode | null>; map: YAMLMap } | undefined {
    const segments = this.segmentsOf(pointer);
    if (!segments || segments.length === 0) return undefined;
    const map = this.nodeAt(segments.slice(0, -1));
    if (!isMap(map)) return undefined;
    const last = segments.at(-1)!;
    const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === last) as Pair<YamlNode, YamlNode | null> | undefined;
    return pair && { pair, map };
  }
}

export type Fixer = (diagnostic: Diagnostic, source: FixSource) => Omit<Fix, 'ruleId' | 'file' | 'line' | 'column'> | undefined;

/** `… did you mean \`summary\`?` at the end of a message: the one candidate the rule suggests. */
const ONE_SUGGESTION = /, did you mean `([^`]+)`\?$/;

/** A plain scalar key whose text in the file is exactly its value, so that replacing the text renames it. */
function plainKey(source: FixSource, key: YamlNode): { start: number; end: number; value: string } | undefined {
  if (!isScalar(key) || key.type !== Scalar.PLAIN || typeof key.value !== 'string' || !key.range) return undefined;
  const start = source.at(key.range[0]);
  const end = source.at(key.range[1]);
  return source.text.slice(start, end) === key.value ? { start, end, value: key.value } : undefined;
}

/**
 * The output key a front-matter key sets: `summary` and `x-ms-summary` both set `x-ms-summary`
 * (sugar and raw twin). Over-approximated on purpose (`description` → `x-ms-description`): two keys
 * that might set one output key are never made to coexist by a rename.
 */
function outputName(key: string): string {
  return key.startsWith('x-ms-') ? key : `x-ms-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Renames the key the finding names (the last step of its pointer) to the one candidate the message
 * suggests, when the key is written plainly and its map has no key of that name already, nor its
 * sugar or raw twin (`summary` beside `x-ms-summary` would be `connector-duplicate-key`).
 */
const renameSuggestedKey: Fixer = (d, source) => {
  const suggestion = ONE_SUGGESTION.exec(d.message)?.[1];
  if (suggestion === undefined || !/^[A-Za-z][\w.-]*$/.test(suggestion)) return undefined;
  const found = source.pairAt(d.pointer);
  if (!found) return undefined;
  const key = plainKey(source, found.pair.key);
  if (!key || key.value === suggestion || !d.message.includes(`\`${key.value}\``)) return undefined;
  const target = outputName(suggestion);
  if (found.map.items.some((p) => p !== found.pair && isScalar(p.key) && (String(p.key.value) === suggestion || outputName(String(p.key.value)) === target))) return undefined;
  return {
    description: `Renamed \`${key.value}\` to \`${suggestion}\``,
    edits: [{ file: d.file, start: key.start, end: key.end, replacement: suggestion }],
    claims: [`${found.map.range?.[0] ?? -1}/${target}`],
  };
};

/** The values of `visibility` / `x-ms-visibility`, which the platform reads in lower case only. */
const VISIBILITY = new Set(['important', 'advanced', 'internal']);

/**
 * Replaces a plain or quoted one-line string scalar with `value`, in the same quoting; undefined for
 * block scalars, aliases, multi-line or non-string values.
 */
export function replaceScalar(source: FixSource, node: YamlNode | null, value: string, file: string): TextEdit | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const start = source.at(node.range[0]);
  const end = source.at(node.range[1]);
  const written = source.text.slice(start, end);
  if (written.includes('\n')) return undefined;
  let replacement: string;
  if (node.type === Scalar.PLAIN && written === node.value) replacement = readsPlain(value) ? value : JSON.stringify(value);
  else if (node.type === Scalar.QUOTE_DOUBLE && written.startsWith('"')) replacement = JSON.stringify(value);
  else if (node.type === Scalar.QUOTE_SINGLE && written.startsWith("'")) replacement = `'${value.replace(/'/g, "''")}'`;
  else return undefined;
  return { file, start, end, replacement };
}

/** True when `value` written plainly after a key reads back as exactly `value` (no `#`, `: `, quotes… to trip on). */
export function readsPlain(value: string): boolean {
  if (value === '' || value !== value.trim() || /[\n\r]/.test(value)) return false;
  try {
    const doc = parseDocument(`k: ${value}\n`, { strict: true });
    const read = doc.errors.length === 0 ? (doc.toJS() as { k?: unknown } | null)?.k : undefined;
    return read === value;
  } catch {
    return false;
  }
}

/** The characters `--fix` takes off the end of a summary: a period, colon, semicolon, comma or white space. */
const TRAILING = /[.:;,\s]+$/u;

/**
 * `summary: List items.` → `List items`: only a final period, colon, semicolon, comma or white space,
 * which certification guidance says a summary never ends with; `?`, `!` or `…` may be meant and stay.
 */
const trimSummary: Fixer = (d, source) => {
  if (!d.pointer.endsWith('/summary')) return undefined;
  const found = source.pairAt(d.pointer);
  const value = found && isScalar(found.pair.value) ? found.pair.value.value : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(TRAILING, '');
  if (trimmed === value || trimmed === '' || /[^\p{L}\p{N}\p{M})]$/u.test(trimmed)) return undefined;
  const edit = replaceScalar(source, found!.pair.value, trimmed, d.file);
  const tail = value.slice(trimmed.length).trim();
  return edit && { description: tail ? `Removed \`${tail}\` at the end of the summary` : 'Removed the white space at the end of the summary', edits: [edit] };
};

/** `visibility: Internal` → `internal`: the same word, in the case the platform reads. */
const lowerCaseVisibility: Fixer = (d, source) => {
  const last = d.pointer.slice(d.pointer.lastIndexOf('/') + 1);
  if (last !== 'visibility' && last !== 'x-ms-visibility') return undefined;
  const found = source.pairAt(d.pointer);
  const value = found && isScalar(found.pair.value) ? found.pair.value.value : undefined;
  if (typeof value !== 'string' || value === value.toLowerCase() || !VISIBILITY.has(value.toLowerCase())) return undefined;
  const edit = replaceScalar(source, found!.pair.value, value.toLowerCase(), d.file);
  return edit && { description: `Changed \`${last}: ${value}\` to \`${value.toLowerCase()}\``, edits: [edit] };
};

/**
 * `ListOpenTasks_V2` → `List open tasks`: the words of an operationId in sentence case, without its
 * revision suffix. Runs of capitals stay as they are (`GetHTTPStatus` → `Get HTTP status`).
 */
export function summaryFromOperationId(operationId: string): string {
  const words = operationId
    .replace(/_V\d+$/i, '')
    .split(/[_\-.\s]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter((w) => w !== '');
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : /^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase())).join(' ');
}

/**
 * A missing operation summary: `summary: <words of the operationId>` on the line after `request:`,
 * at its indentation, when the operation is a block map written with the sugar `request:` on one
 * line and has neither `summary` nor `x-ms-summary`. Raw operations and flow maps are left alone.
 */
const summaryFromName: Fixer = (d, source) => {
  const name = /operation `([A-Za-z0-9_.-]+)`/.exec(d.message)?.[1];
  const map = source.mapAt(d.pointer);
  if (!name || !map || map.flow) return undefined;
  const keyOf = (p: unknown) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : undefined);
  if (map.items.some((p) => keyOf(p) === 'summary' || keyOf(p) === 'x-ms-summary')) return undefined;
  const request = map.items.find((p) => keyOf(p) === 'request') as Pair<YamlNode, YamlNode | null> | undefined;
  if (!request || !isScalar(request.key) || !isScalar(request.value) || !request.key.range || !request.value.range) return undefined;
  const keyStart = source.at(request.key.range[0]);
  const lineStart = source.text.lastIndexOf('\n', keyStart - 1) + 1;
  // `request:` starts its line, or follows the `- ` of a list item: the next key lines up with it.
  const prefix = source.text.slice(lineStart, keyStart);
  const valueEnd = source.at(request.value.range[1]);
  if (!/^[ ]*(?:- +)*$/.test(prefix) || source.text.slice(keyStart, valueEnd).includes('\n')) return undefined;
  const indent = ' '.repeat(prefix.length);
  const newline = source.text.indexOf('\n', valueEnd);
  if (newline < 0) return undefined;
  const lineEnd = source.text[newline - 1] === '\r' ? newline - 1 : newline;
  const summary = summaryFromOperationId(name);
  if (!summary) return undefined;
  const value = readsPlain(summary) ? summary : JSON.stringify(summary);
  return {
    description: `Added \`summary: ${summary}\` from the operationId`,
    edits: [{ file: d.file, start: lineEnd, end: lineEnd, replacement: `${source.eol}${indent}summary: ${value}` }],
    claims: [`${map.range?.[0] ?? -1}/x-ms-summary`],
  };
};

/** Every fixer, by the rule whose findings it mends. */
export const FIXERS: Partial<Record<RuleId, Fixer>> = {
  'frontmatter-unknown-key': renameSuggestedKey,
  'frontmatter-value': lowerCaseVisibility,
  'operation-summary-missing': summaryFromName,
  'summary-trailing-punctuation': trimSummary,
  'x-ms-position': renameSuggestedKey,
  'x-ms-visibility-value': lowerCaseVisibility,
};

/** The rule ids that have a fixer, for the rule reference. */
export function isFixable(ruleId: string): boolean {
  return Object.hasOwn(FIXERS, ruleId);
}

/**
 * The fixes of `diagnostics`, in MDX files only. `read` gives a file's text (undefined when it cannot
 * be read). A fix whose edits overlap an earlier fix's is left for the next pass.
 */
export function collectFixes(diagnostics: readonly Diagnostic[], read: (file: string) => string | undefined): Fix[] {
  const sources = new Map<string, FixSource | undefined>();
  const fixes: Fix[] = [];
  const taken = new Map<string, Array<[number, number]>>();
  const claimed = new Set<string>();
  for (const d of diagnostics) {
    const fixer = FIXERS[d.ruleId];
    if (!fixer || !/\.mdx$/i.test(d.file)) continue;
    if (!sources.has(d.file)) {
      const text = read(d.file);
      sources.set(d.file, text === undefined ? undefined : new FixSource(d.file, text));
    }
    const source = sources.get(d.file);
    if (!source) continue;
    let fix;
    try {
      fix = fixer(d, source);
    } catch {
      // A fixer that fails on an odd shape fixes nothing.
      fix = undefined;
    }
    if (!fix || fix.edits.length === 0) continue;
    const ranges = taken.get(d.file) ?? [];
    if (fix.edits.some((e) => e.file !== d.file || ranges.some(([s, t]) => overlaps(e.start, e.end, s, t)))) continue;
    const claims = (fix.claims ?? []).map((c) => `${d.file}\0${c}`);
    if (claims.some((c) => claimed.has(c))) continue;
    for (const c of claims) claimed.add(c);
    ranges.push(...fix.edits.map((e) => [e.start, e.end] as [number, number]));
    taken.set(d.file, ranges);
    fixes.push({ ruleId: d.ruleId, file: d.file, line: d.place?.start.line ?? 1, column: d.place?.start.column ?? 1, description: fix.description, edits: fix.edits });
  }
  return fixes;
}

/** Two ranges overlap, or are one insertion point at the same place (their order would be unclear). */
function overlaps(a: number, b: number, c: number, d: number): boolean {
  return a < d && c < b ? true : a === c;
}

/** `text` with `edits` applied from the end, so earlier offsets stay valid. Edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.start - x.start || y.end - x.end)) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
}

/** Edits grouped by file, in file order. */
export function editsByFile(fixes: readonly Fix[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const fix of fixes) for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return new Map([...byFile].sort(([a], [b]) => a.localeCompare(b)));
}

const CONTEXT = 3;

/**
 * A unified diff (`--- a/<file>` / `+++ b/<file>`, hunks with 3 lines of context) of `edits` on
 * `text`. Built from the edits themselves rather than by comparing texts: exact and linear.
 */
export function unifiedDiff(file: string, text: string, edits: readonly TextEdit[]): string {
  const oldLines = splitLines(text);
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Changes: a span of old lines [from, to] and the new lines replacing it; edits on shared lines merge.
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const changes: Array<{ from: number; to: number; edits: TextEdit[] }> = [];
  for (const e of sorted) {
    // An edit at the very end of a file that ends with a line ending belongs to its last line.
    const lastLine = Math.max(0, oldLines.length - 1);
    const from = Math.min(lineOf(e.start), lastLine);
    // An insertion at the start of a line replaces no line: what it adds shows as added lines only.
    const insertsLines = e.start === e.end && e.start < text.length && starts[from] === e.start;
    const to = insertsLines ? from - 1 : Math.min(Math.max(from, lineOf(Math.max(e.start, e.end - 1))), lastLine);
    const last = changes.at(-1);
    if (last && from <= last.to + 1) {
      last.to = Math.max(last.to, to);
      last.edits.push(e);
    } else changes.push({ from, to, edits: [e] });
  }
  const hunks: Array<{ from: number; to: number; changes: typeof changes }> = [];
  for (const c of changes) {
    const last = hunks.at(-1);
    if (last && c.from - last.to - 1 <= 2 * CONTEXT) {
      last.to = c.to;
      last.changes.push(c);
    } else hunks.push({ from: c.from, to: c.to, changes: [c] });
  }
  const out = [`--- a/${file}`, `+++ b/${file}`];
  const NO_EOL = '\\ No newline at end of file';
  const lastOld = oldLines.length - 1;
  const oldEndsOpen = text !== '' && !text.endsWith('\n');
  for (const h of hunks) {
    const first = Math.max(0, h.from - CONTEXT);
    const end = Math.min(lastOld, h.to + CONTEXT);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let line = first;
    const context = (l: number) => {
      body.push(' ' + oldLines[l]);
      if (l === lastOld && oldEndsOpen) body.push(NO_EOL);
      oldCount++;
      newCount++;
    };
    for (const c of h.changes) {
      for (; line < c.from; line++) context(line);
      const spanStart = starts[c.from]!;
      const spanEnd = c.to + 1 < starts.length ? starts[c.to + 1]! : text.length;
      const replaced = applyEdits(text.slice(spanStart, spanEnd), c.edits.map((e) => ({ ...e, start: e.start - spanStart, end: e.end - spanStart })));
      for (let l = c.from; l <= c.to; l++, oldCount++) {
        body.push('-' + oldLines[l]);
        if (l === lastOld && oldEndsOpen) body.push(NO_EOL);
      }
      for (const l of splitLines(replaced)) {
        body.push('+' + l);
        newCount++;
      }
      if (spanEnd === text.length && replaced !== '' && !replaced.endsWith('\n')) body.push(NO_EOL);
      line = c.to + 1;
    }
    for (; line <= end; line++) context(line);
    out.push(`@@ -${first + 1},${oldCount} +${newCount ? first + 1 : first},${newCount} @@`, ...body);
  }
  return out.join('\n') + '\n';
}

/** Lines without their `\n` (a `\r` stays, as in a diff of a CRLF file); a final `\n` makes no extra empty line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}
