/** Import entry point: detects what a source is and hands it to the right importer. */
import { readFileSync, statSync } from 'node:fs';
import { Diagnostic } from '../core/diagnostic.ts';
import { ruleUrl } from '../check/define-rule.ts';
import { importPowerPlatform, kebab, readConnectorFolder, readSwaggerFile } from './powerplatform.ts';
import { emitConnector } from './openapi3/emit.ts';
import { convertOpenApi3, importOpenApi3 } from './openapi3/index.ts';
import { needsSplit, splitPrepared } from './openapi3/split.ts';
import { convertPostman, importPostman } from './postman/index.ts';
import type { ImportOptions, ImportResult } from './types.ts';

export type { ImportOptions, ImportResult } from './types.ts';

function failure(display: string, message: string): ImportResult {
  return {
    id: kebab(display.split('/').pop() ?? display),
    files: new Map(),
    diagnostics: [
      new Diagnostic({
        ruleId: 'import-source-invalid',
        severity: 'error',
        message,
        file: display,
        place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        url: ruleUrl('import-source-invalid'),
        source: 'import',
      }),
    ],
    stats: { operations: 0, actions: 0, triggers: 0, definitions: 0, rawOperations: 0 },
  };
}

/** What a file holds, from its first few kilobytes. */
export function detectFormat(text: string): 'swagger2' | 'openapi3' | 'postman' | 'unknown' {
  const head = text.slice(0, 200_000);
  if (/["']?swagger["']?\s*:\s*["']?2\.0/.test(head)) return 'swagger2';
  if (/["']?openapi["']?\s*:\s*["']?3\./.test(head)) return 'openapi3';
  if (/schema\.getpostman\.com|"_postman_id"/.test(head)) return 'postman';
  // Postman v1 (no schema URL): reported as such by the Postman importer.
  if (/^\s*\{[^]*"requests"\s*:\s*\[/.test(head) && /"order"\s*:/.test(head)) return 'postman';
  return 'unknown';
}

export function importSource(path: string, options: ImportOptions = {}): ImportResult {
  const display = options.display ?? path;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return failure(display, `Cannot read \`${path}\`: no such file or folder`);
  }
  if (stat.isDirectory() && options.from !== undefined && options.from !== 'powerplatform') {
    return failure(display, `\`--from ${options.from}\` expects a file, not a folder`);
  }
  if (stat.isDirectory()) {
    const folder = readConnectorFolder(path, display);
    if (folder instanceof Diagnostic) return { ...failure(display, ''), diagnostics: [folder] };
    return importPowerPlatform(folder, options);
  }
  if (stat.size > 10 * 1024 * 1024) return failure(display, `The file is ${(stat.size / 1048576).toFixed(1)} MB; sources over 10 MB are not imported`);
  const text = readFileSync(path, 'utf8');
  const format = options.from === 'powerplatform' ? 'swagger2' : (options.from ?? detectFormat(text));
  const convert = { display, ...(options.id !== undefined ? { id: options.id } : {}), ...(options.strict !== undefined ? { strict: options.strict } : {}) };
  if (format === 'swagger2') return importPowerPlatform(readSwaggerFile(path, display), options);
  if (format === 'openapi3') return importOpenApi3(path, convert);
  if (format === 'postman') return importPostman(path, convert);
  return failure(display, 'Unrecognised source: expected a connector folder, a Swagger 2.0 or OpenAPI 3 file (JSON or YAML), or a Postman collection (v2.0 or v2.1)');
}

/**
 * Like `importSource`, but an OpenAPI 3 or Postman source over the platform limits (256
 * operations, 1 MB) becomes several connectors `<id>-<tag>` (unless `split: false`); each
 * result is reported with how it was cut. Other sources give one result.
 */
export function importSources(path: string, options: ImportOptions = {}): ImportResult[] {
  let format: string | undefined = options.from;
  if (format === undefined) {
    try {
      if (statSync(path).isFile() && statSync(path).size <= 10 * 1024 * 1024) format = detectFormat(readFileSync(path, 'utf8'));
    } catch {
      format = undefined;
    }
  }
  if (format !== 'openapi3' && format !== 'postman') return [importSource(path, options)];
  const convert = { display: options.display ?? path, ...(options.id !== undefined ? { id: options.id } : {}), ...(options.strict !== undefined ? { strict: options.strict } : {}) };
  const prepared = format === 'openapi3' ? convertOpenApi3(path, convert) : convertPostman(path, convert);
  if ('files' in prepared) return [prepared];
  if (options.split === false || !needsSplit(prepared.converted.swagger)) return [emitConnector(prepared.id, prepared.converted, prepared.reporter)];
  return splitPrepared(prepared);
}
