/** Import entry point: detects what a source is and hands it to the right importer. */
import { statSync } from 'node:fs';
import { Diagnostic } from '../core/diagnostic.ts';
import type { RuleId } from '../core/rule-ids.ts';
import { report } from '../check/reporter.ts';
import { tooDeepOffset } from '../core/bounded.ts';
import { loadYaml } from '../core/yaml.ts';
import { isObject } from '../swagger/index.ts';
import { importPowerPlatform, kebab, readConnectorFolder, readSwaggerFile } from './powerplatform.ts';
import { emitConnector } from './openapi3/emit.ts';
import { convertOpenApi3, importOpenApi3 } from './openapi3/index.ts';
import { needsSplit, splitPrepared } from './openapi3/split.ts';
import { convertPostman, importPostman } from './postman/index.ts';
import { readNamedFile } from './read-source.ts';
import type { ImportOptions, ImportResult } from './types.ts';

export type { ImportOptions, ImportResult } from './types.ts';

/** An import that stops at once; `args` say why (one failure per source, so a word will do). */
function failure(display: string, message: string, args: readonly string[], ruleId: RuleId = 'import-source-invalid'): ImportResult {
  return {
    id: kebab(display.split('/').pop() ?? display),
    files: new Map(),
    diagnostics: [
      report({
        ruleId,
        message,
        file: display,
        place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        source: 'import',
        args,
      }),
    ],
    stats: { operations: 0, actions: 0, triggers: 0, definitions: 0, rawOperations: 0 },
  };
}

/**
 * What `path` is: a folder, the text of a file (read once, within LIMITS.importBytes), or why it
 * cannot be imported. A FIFO or a device is refused at once, never read.
 */
function readSource(path: string, display: string): { folder: true } | { text: string } | ImportResult {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return failure(display, `Cannot read \`${path}\`: no such file or folder`, ['missing']);
  }
  if (stat.isDirectory()) return { folder: true };
  const text = readNamedFile(path, display);
  if (typeof text === 'string') return { text };
  if (text.reason === 'too-large') return failure(display, `The file ${text.detail}`, ['import-bytes'], 'source-limit');
  return failure(display, `Cannot import \`${display}\`: it ${text.detail}`, [text.reason]);
}

export type DetectedFormat = 'swagger2' | 'openapi3' | 'postman' | 'unknown';

/**
 * What a file holds, from the root keys of the document: `swagger` (Swagger 2.0), `openapi: 3.x`,
 * `info._postman_id` / `info.schema` on getpostman.com or an `item` list (Postman v2), `requests`
 * with `order` (Postman v1). Where those keys stand in the text does not matter (a YAML with sorted
 * keys has `openapi:` after all of `components:`). A document that does not parse is recognised by
 * its text instead, so that its importer reports where it breaks.
 */
export function detectFormat(text: string): DetectedFormat {
  const root = documentRoot(text);
  const byRoot = root === undefined ? undefined : formatOfRoot(root);
  return byRoot ?? formatOfText(text);
}

/** The parsed document when it is an object, within the parse limits; never throws. */
function documentRoot(text: string): Record<string, unknown> | undefined {
  const body = text.replace(/^\uFEFF/, '');
  let data: unknown;
  if (/^\s*[[{]/.test(body)) {
    // Bracket nesting is measured first: the parsers recurse.
    if (tooDeepOffset(body) !== undefined) return undefined;
    try {
      data = JSON.parse(body);
    } catch {
      return undefined;
    }
  } else {
    const loaded = loadYaml(body);
    if (!loaded.ok) return undefined;
    data = loaded.data;
  }
  return isObject(data) ? data : undefined;
}

function formatOfRoot(root: Record<string, unknown>): DetectedFormat | undefined {
  const version = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  if (Object.hasOwn(root, 'swagger')) return 'swagger2';
  if (version(root.openapi).startsWith('3')) return 'openapi3';
  const info = isObject(root.info) ? root.info : undefined;
  if (info && (info._postman_id !== undefined || /schema\.getpostman\.com/.test(version(info.schema)))) return 'postman';
  if (info && Array.isArray(root.item)) return 'postman';
  // Postman v1 (no schema URL): reported as such by the Postman importer.
  if (Array.isArray(root.requests) && Object.hasOwn(root, 'order')) return 'postman';
  return undefined;
}

/** The fallback for a document that does not parse: what its first 200 KB say. */
function formatOfText(text: string): DetectedFormat {
  const head = text.slice(0, 200_000);
  if (/["']?swagger["']?\s*:\s*["']?2\.0/.test(head)) return 'swagger2';
  if (/["']?openapi["']?\s*:\s*["']?3\./.test(head)) return 'openapi3';
  if (/schema\.getpostman\.com|"_postman_id"/.test(head)) return 'postman';
  if (/^\s*\{[^]*"requests"\s*:\s*\[/.test(head) && /"order"\s*:/.test(head)) return 'postman';
  return 'unknown';
}

export function importSource(path: string, options: ImportOptions = {}): ImportResult {
  const display = options.display ?? path;
  const source = readSource(path, display);
  if ('files' in source) return source;
  if ('folder' in source) return importFolder(path, display, options);
  return importText(path, source.text, options.from ?? detectFormat(source.text), options);
}

function importFolder(path: string, display: string, options: ImportOptions): ImportResult {
  if (options.from !== undefined && options.from !== 'powerplatform') return failure(display, `\`--from ${options.from}\` expects a file, not a folder`, ['folder']);
  const folder = readConnectorFolder(path, display);
  if (folder instanceof Diagnostic) return { ...failure(display, '', []), diagnostics: [folder] };
  return importPowerPlatform(folder, options);
}

function convertOptions(path: string, text: string, options: ImportOptions) {
  return {
    display: options.display ?? path,
    text,
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(options.strict !== undefined ? { strict: options.strict } : {}),
    ...(options.refRoot !== undefined ? { refRoot: options.refRoot } : {}),
  };
}

function importText(path: string, text: string, format: string, options: ImportOptions): ImportResult {
  const display = options.display ?? path;
  if (format === 'swagger2' || format === 'powerplatform') return importPowerPlatform(readSwaggerFile(path, display), options);
  if (format === 'openapi3') return importOpenApi3(path, convertOptions(path, text, options));
  if (format === 'postman') return importPostman(path, convertOptions(path, text, options));
  return failure(display, 'Unrecognised source: expected a connector folder, a Swagger 2.0 or OpenAPI 3 file (JSON or YAML), or a Postman collection (v2.0 or v2.1)', ['unrecognised']);
}

/**
 * Like `importSource`, but an OpenAPI 3 or Postman source over the platform limits (256
 * operations, 1 MB) becomes several connectors `<id>-<tag>` (unless `split: false`); each
 * result is reported with how it was cut. Other sources give one result.
 */
export function importSources(path: string, options: ImportOptions = {}): ImportResult[] {
  const display = options.display ?? path;
  const source = readSource(path, display);
  if ('files' in source) return [source];
  if ('folder' in source) return [importFolder(path, display, options)];
  const format = options.from ?? detectFormat(source.text);
  if (format !== 'openapi3' && format !== 'postman') return [importText(path, source.text, format, options)];
  const convert = convertOptions(path, source.text, options);
  const prepared = format === 'openapi3' ? convertOpenApi3(path, convert) : convertPostman(path, convert);
  if ('files' in prepared) return [prepared];
  if (options.split === false || !needsSplit(prepared.converted.swagger)) return [emitConnector(prepared.id, prepared.converted, prepared.reporter)];
  return splitPrepared(prepared);
}
