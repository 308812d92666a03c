/** Import entry point: detects what a source is and hands it to the right importer. */
import { readFileSync, statSync } from 'node:fs';
import { Diagnostic } from '../core/diagnostic.ts';
import { ruleUrl } from '../check/define-rule.ts';
import { importPowerPlatform, kebab, readConnectorFolder, readSwaggerFile } from './powerplatform.ts';
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
  if (stat.isDirectory()) {
    const folder = readConnectorFolder(path, display);
    if (folder instanceof Diagnostic) return { ...failure(display, ''), diagnostics: [folder] };
    return importPowerPlatform(folder, options);
  }
  const text = readFileSync(path, 'utf8');
  const format = detectFormat(text);
  if (format === 'swagger2') return importPowerPlatform(readSwaggerFile(path, display), options);
  if (format === 'openapi3') return failure(display, 'OpenAPI 3 import is not available yet; convert to Swagger 2.0 first');
  if (format === 'postman') return failure(display, 'Postman import is not available yet');
  return failure(display, 'Unrecognised source: expected a connector folder or a Swagger 2.0 file (JSON or YAML)');
}
