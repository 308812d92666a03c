/**
 * Reading real-world JSON: strict first; a BOM, comments or trailing commas are accepted with
 * a warning (the platform's own parser is lenient and such files ship); duplicate keys are
 * reported (the last one wins, as in the platform). Positions point into the source file.
 */
import JSON5 from 'json5';
import { parse as parseJsonc, visit, type ParseError } from 'jsonc-parser';
import { checkExpansion, depthMessage, tooDeepOffset, valueBudget } from '../core/bounded.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { toPointer, type Segment } from '../core/pointer.ts';
import { placeDiagnostics } from '../core/position.ts';
import { SourceFile } from '../core/source-file.ts';
import { loadYaml } from '../core/yaml.ts';
import type { RuleId } from '../core/rule-ids.ts';
import { report } from '../check/reporter.ts';

function diag(file: SourceFile, ruleId: RuleId, message: string, args: readonly string[], offset: number | undefined, pointer = ''): Diagnostic {
  const start = offset === undefined ? undefined : file.pointAt(offset);
  // One character wide, so that editors underline something.
  const end = start && offset! < file.text.length && file.text[offset!] !== '\n' ? { line: start.line, column: start.column + 1 } : start;
  return report({
    ruleId,
    message,
    file: file.path,
    pointer,
    ...(start && end ? { place: { start, end } } : {}),
    source: 'import',
    args,
  });
}

/** Reports keys that appear twice in one object, with the pointer of the object. */
function duplicateKeys(file: SourceFile, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: Array<{ keys: Set<string>; path: Segment[] } | { index: number; path: Segment[] }> = [];
  let pendingKey: string | undefined;
  const path = (): Segment[] => {
    const top = stack.at(-1);
    return top ? top.path : [];
  };
  const enter = (): Segment[] => {
    const top = stack.at(-1);
    if (!top) return [];
    if ('index' in top) return [...top.path, top.index++];
    return [...top.path, pendingKey ?? ''];
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        stack.push({ keys: new Set(), path: enter() });
      },
      onObjectEnd: () => {
        stack.pop();
      },
      onArrayBegin: () => {
        stack.push({ index: 0, path: enter() });
      },
      onArrayEnd: () => {
        stack.pop();
      },
      onObjectProperty: (key, offset) => {
        pendingKey = key;
        const top = stack.at(-1);
        if (top && 'keys' in top) {
          if (top.keys.has(key)) {
            out.push(diag(file, 'import-json-duplicate-key', `Key \`${key}\` appears twice in one object; the last value is kept, as the platform does`, [], offset, toPointer([...path(), key])));
          }
          top.keys.add(key);
        }
      },
      onLiteralValue: () => {
        const top = stack.at(-1);
        if (top && 'index' in top) top.index++;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return out;
}

/** Parses a JSON (or YAML) source file into `file.data`, pushing diagnostics onto the file. */
export function parseDocumentFile(file: SourceFile): unknown {
  let text = file.text;
  if (text.charCodeAt(0) === 0xfeff) {
    file.diagnostics.push(diag(file, 'import-json-lenient', 'The file starts with a byte order mark; it was ignored', ['bom'], 0));
    text = text.slice(1);
  }
  // Offsets into `text` are one less than into the file when a byte order mark was cut.
  const shift = text === file.text ? 0 : 1;
  if (file.kind !== 'json') {
    const loaded = loadYaml(text);
    if (loaded.ok) return (file.data = loaded.data);
    const problem = loaded.problem;
    const ruleId = problem.kind === 'limit' ? 'source-limit' : 'import-json-invalid';
    const message = problem.kind === 'syntax' ? `Invalid YAML: ${problem.message}` : problem.message;
    const d = diag(file, ruleId, message, [problem.kind], problem.offset === undefined ? undefined : problem.offset + shift, problem.kind === 'limit' && problem.path ? toPointer(problem.path) : '');
    // A collection key is underlined whole (on its first line).
    if (problem.kind === 'complex-key' && d.place) d.place.end = file.pointAt(problem.end + shift);
    file.diagnostics.push(d);
    return undefined;
  }
  // JSON parsers (and every walk after them) recurse: measure the nesting before parsing.
  const deep = tooDeepOffset(text);
  if (deep !== undefined) {
    file.diagnostics.push(diag(file, 'source-limit', depthMessage(), ['depth'], deep + shift));
    return undefined;
  }
  try {
    file.data = JSON.parse(text);
  } catch {
    // Where strict parsing first fails (JSON.parse's messages do not always say).
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
    const offset = errors.length ? errors[0]!.offset + shift : undefined;
    try {
      file.data = JSON5.parse(text);
      file.diagnostics.push(diag(file, 'import-json-lenient', 'Not strict JSON (comments, trailing commas or control characters); read leniently as JSON5, and written back as strict JSON', ['json5'], offset));
    } catch (error) {
      const e = error as { lineNumber?: number; columnNumber?: number; message: string };
      const d = diag(file, 'import-json-invalid', `Invalid JSON: ${e.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '')}`, [], undefined);
      if (e.lineNumber) d.place = { start: { line: e.lineNumber, column: e.columnNumber ?? 1 }, end: { line: e.lineNumber, column: (e.columnNumber ?? 1) + 1 } };
      file.diagnostics.push(d);
      return undefined;
    }
  }
  // The scan above bounds collections; a scalar one level deeper is found here.
  const exceeded = checkExpansion(file.data, valueBudget(text.length));
  if (exceeded) {
    file.diagnostics.push(diag(file, 'source-limit', exceeded.message, ['expansion'], undefined, toPointer(exceeded.path)));
    return (file.data = undefined);
  }
  // Duplicate keys are invisible after JSON.parse; a quick scan finds them.
  file.diagnostics.push(...duplicateKeys(file, text));
  return file.data;
}

/**
 * Parses a file a `$ref` names, by its extension, with the limits of `parseDocumentFile`; its
 * diagnostics are placed in that file (`display`), for the caller to add to the import's.
 */
export function parseReferencedFile(display: string, text: string): { data: unknown; diagnostics: Diagnostic[] } {
  const file = new SourceFile(display, text, /\.json$/i.test(display) ? 'json' : 'yaml');
  const data = parseDocumentFile(file);
  placeDiagnostics(file.diagnostics, new Map([[file.path, file]]));
  return { data, diagnostics: file.diagnostics };
}

/**
 * What a lenient reader can still take from JSON text that does not parse (a missing comma, a
 * file cut off halfway): the values before and around the breaks, with keys whose value is missing
 * left out. Undefined when not even an object can be read. Used for `apiProperties.json`, where
 * the original is kept beside the connector (src/compiler/load.ts ORIGINAL_PROPERTIES).
 */
export function recoverJson(text: string): Record<string, unknown> | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (tooDeepOffset(body) !== undefined) return undefined;
  const errors: ParseError[] = [];
  const data: unknown = parseJsonc(body, errors, { allowTrailingComma: true, disallowComments: false });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  // Through JSON once: keys whose value was cut off (undefined) go.
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
