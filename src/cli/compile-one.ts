/**
 * One connector: load its folder, compile with every check (src/check/run.ts), and for `build`
 * write the package. Used as is by the serial path and inside each worker. Never throws: an
 * exception becomes a `crash` naming the connector.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile, type CompileResult } from '../compiler/index.ts';
import { loadConnector } from '../compiler/load.ts';
import { runChecks } from '../check/run.ts';
import type { Job, Outcome } from './outcome.ts';

export interface CompileOneOptions {
  /** Where to write `<outDir>/<id>/…`; undefined for `check`. */
  outDir: string | undefined;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

export function countOperations(swagger: CompileResult['swagger']): number {
  let n = 0;
  const paths = swagger.paths;
  if (!paths || typeof paths !== 'object') return 0;
  for (const item of Object.values(paths)) {
    if (item && typeof item === 'object') for (const key of Object.keys(item)) if (METHODS.has(key)) n++;
  }
  return n;
}

/** The bytes of a JSON output file: two-space indented, newline-terminated. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function writePackage(result: CompileResult, target: string): void {
  if (existsSync(join(target, 'connector.mdx'))) {
    throw new Error(`refusing to replace ${target}: it holds a connector.mdx (is --out pointing at the sources?)`);
  }
  // Start from an empty folder so that a removed asset does not linger from an earlier build.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const [name, bytes] of [...result.assets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = join(target, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  writeFileSync(join(target, 'apiDefinition.swagger.json'), jsonText(result.swagger));
  writeFileSync(join(target, 'apiProperties.json'), jsonText(result.apiProperties));
  writeFileSync(join(target, 'readme.md'), result.readme);
}

export function compileOne(job: Job, options: CompileOneOptions): Outcome {
  try {
    const source = loadConnector(job.dir, job.display);
    const result = compile(source, { runChecks });
    if (options.outDir !== undefined) writePackage(result, join(options.outDir, job.id));
    return { id: job.id, operations: countOperations(result.swagger), diagnostics: result.diagnostics };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { id: job.id, operations: 0, diagnostics: [], crash: { message: e.message.split('\n')[0]!, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}
