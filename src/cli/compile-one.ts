/**
 * One connector: load its folder, compile (with the checks), and for `build` write the package.
 * Used as is by the serial path and inside each worker. Never throws: an exception becomes a
 * `crash` naming the connector.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Diagnostic, type DiagnosticInit } from '../core/diagnostic.ts';
import { compile, type CompileResult } from '../compiler/index.ts';
import { loadConnector } from '../compiler/load.ts';
import type { RunChecks } from './checks.ts';

export interface Job {
  /** Connector id: the folder name. */
  id: string;
  /** Absolute folder path. */
  dir: string;
  /** The folder as shown in diagnostics, like `connectors/github-issues`. */
  display: string;
}

export interface Outcome {
  id: string;
  /** Operations (method + path pairs) in the compiled Swagger. */
  operations: number;
  diagnostics: Diagnostic[];
  /** Set when compiling or writing threw: one line, plus the stack for PLUGBOARD_DEBUG. */
  crash?: { message: string; stack?: string };
}

export interface CompileOneOptions {
  /** Where to write `<outDir>/<id>/…`; undefined for `check`. */
  outDir: string | undefined;
  runChecks: RunChecks | undefined;
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
    const result = compile(source, options.runChecks ? { runChecks: options.runChecks } : {});
    if (options.outDir !== undefined) writePackage(result, join(options.outDir, job.id));
    return { id: job.id, operations: countOperations(result.swagger), diagnostics: result.diagnostics };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { id: job.id, operations: 0, diagnostics: [], crash: { message: e.message.split('\n')[0]!, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}

// ---- Crossing a worker boundary: plain data out, `Diagnostic` instances back in.

export type DiagnosticData = Omit<DiagnosticInit, 'args'> & { fingerprint: string };
export type OutcomeData = Omit<Outcome, 'diagnostics'> & { diagnostics: DiagnosticData[] };

export function diagnosticToData(d: Diagnostic): DiagnosticData {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    pointer: d.pointer,
    ...(d.place ? { place: d.place } : {}),
    ...(d.note !== undefined ? { note: d.note } : {}),
    ...(d.url !== undefined ? { url: d.url } : {}),
    ...(d.cause ? { cause: d.cause } : {}),
    onKey: d.onKey,
    source: d.source,
    fingerprint: d.fingerprint,
  };
}

export function diagnosticFromData(data: DiagnosticData): Diagnostic {
  const { fingerprint, ...init } = data;
  const d = new Diagnostic(init);
  // The fingerprint may have been computed from `args`, which a Diagnostic does not keep.
  (d as unknown as { fingerprint: string }).fingerprint = fingerprint;
  return d;
}

export function outcomeToData(o: Outcome): OutcomeData {
  return { ...o, diagnostics: o.diagnostics.map(diagnosticToData) };
}

export function outcomeFromData(o: OutcomeData): Outcome {
  return { ...o, diagnostics: o.diagnostics.map(diagnosticFromData) };
}
