/**
 * `export <id> --to openapi3|postman`: compile a connector folder and convert the result. The
 * text is deterministic (2-space JSON, or YAML for OpenAPI when asked) with a final newline.
 *
 * The fidelity report: the converters report every approximation and loss as findings of the
 * `export-*` rules on the compiled documents. They run as one more check inside the compiler, so
 * the compiler maps each finding to the author's MDX file and line like any check's, and the one
 * reporter makes the diagnostics.
 */
import { recommended, type Preset } from '../check/presets.ts';
import { createReporter } from '../check/reporter.ts';
import { runChecks, type CheckFinding } from '../check/run.ts';
import { compile, type CompiledConnector } from '../compiler/index.ts';
import { loadConnector, type ConnectorSource } from '../compiler/load.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { toYaml } from '../import/write-mdx.ts';
import { exportOpenApi3, type Compiled, type ExportReport } from './openapi3.ts';
import { exportPostman } from './postman.ts';

export { exportOpenApi3, exportPostman, type Compiled, type ExportReport };

export type ExportFormat = 'openapi3' | 'postman';

export interface ExportResult {
  /** Suggested file name, like `contoso.openapi.json` or `contoso.postman_collection.json`. */
  fileName: string;
  text: string;
  /** The connector's own diagnostics (from compiling and checking it) and the fidelity report (`export-*`). */
  diagnostics: Diagnostic[];
  /** Whether the export left out anything the connector says (an `export-dropped` finding). */
  lost: boolean;
  /** What was exported: the compiled Swagger and apiProperties. */
  compiled: Compiled;
}

/** The document of a compiled connector, with its fidelity report. */
export function convert(compiled: Compiled, to: ExportFormat, report: ExportReport = () => {}): Record<string, unknown> {
  return to === 'postman' ? exportPostman(compiled, report) : exportOpenApi3(compiled, report);
}

function serialize(id: string, doc: Record<string, unknown>, to: ExportFormat, yaml: boolean): { fileName: string; text: string } {
  if (to === 'postman') return { fileName: `${id}.postman_collection.json`, text: JSON.stringify(doc, null, 2) + '\n' };
  return yaml ? { fileName: `${id}.openapi.yaml`, text: toYaml(doc) } : { fileName: `${id}.openapi.json`, text: JSON.stringify(doc, null, 2) + '\n' };
}

/** Exports an already compiled connector (no report). */
export function exportCompiled(id: string, compiled: Compiled, to: ExportFormat, options: { yaml?: boolean } = {}): { fileName: string; text: string } {
  return serialize(id, convert(compiled, to), to, options.yaml === true);
}

/**
 * Compiles a loaded connector with every check and exports it; the fidelity report is positioned
 * in its MDX files. `preset` sets the severities (default `recommended`).
 */
export function exportSource(source: ConnectorSource, to: ExportFormat, options: { yaml?: boolean; preset?: Preset } = {}): ExportResult {
  const preset = options.preset ?? recommended;
  let doc: Record<string, unknown> | undefined;
  const checks = (connector: CompiledConnector): CheckFinding[] => {
    const findings = runChecks(connector);
    doc = convert(connector, to, (finding) => findings.push(finding));
    return findings;
  };
  const result = compile(source, { report: createReporter(preset), runChecks: checks });
  // The checks are skipped when a front-matter does not parse: export what compiled, without a report.
  doc ??= convert(result, to);
  return { ...serialize(source.id, doc, to, options.yaml === true), diagnostics: result.diagnostics, lost: result.diagnostics.some((d) => d.ruleId === 'export-dropped'), compiled: { swagger: result.swagger, apiProperties: result.apiProperties } };
}

/** Compiles the connector folder `dir` (with the checks) and exports it. */
export function exportConnector(dir: string, to: ExportFormat, options: { display?: string; yaml?: boolean } = {}): ExportResult {
  return exportSource(loadConnector(dir.replace(/\/+$/, ''), options.display ?? dir), to, options.yaml !== undefined ? { yaml: options.yaml } : {});
}
