/**
 * `export <id> --to openapi3|postman`: compile a connector folder and convert the result. The
 * text is deterministic (2-space JSON, or YAML for OpenAPI when asked) with a final newline.
 */
import { basename } from 'node:path';
import { compileConnector } from '../build/connector.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { toYaml } from '../import/write-mdx.ts';
import { exportOpenApi3, type Compiled } from './openapi3.ts';
import { exportPostman } from './postman.ts';

export { exportOpenApi3, exportPostman, type Compiled };

export type ExportFormat = 'openapi3' | 'postman';

export interface ExportResult {
  /** Suggested file name, like `contoso.openapi.json` or `contoso.postman_collection.json`. */
  fileName: string;
  text: string;
  /** The connector's own diagnostics (from compiling and checking it). */
  diagnostics: Diagnostic[];
}

/** Exports an already compiled connector. */
export function exportCompiled(id: string, compiled: Compiled, to: ExportFormat, options: { yaml?: boolean } = {}): { fileName: string; text: string } {
  if (to === 'postman') return { fileName: `${id}.postman_collection.json`, text: JSON.stringify(exportPostman(compiled), null, 2) + '\n' };
  const doc = exportOpenApi3(compiled);
  return options.yaml ? { fileName: `${id}.openapi.yaml`, text: toYaml(doc) } : { fileName: `${id}.openapi.json`, text: JSON.stringify(doc, null, 2) + '\n' };
}

/** Compiles the connector folder `dir` (with the checks) and exports it. */
export function exportConnector(dir: string, to: ExportFormat, options: { display?: string; yaml?: boolean } = {}): ExportResult {
  const id = basename(dir.replace(/\/+$/, ''));
  const { result } = compileConnector({ id, dir, display: options.display ?? dir });
  return { ...exportCompiled(id, result, to, options.yaml !== undefined ? { yaml: options.yaml } : {}), diagnostics: result.diagnostics };
}
