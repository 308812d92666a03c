/**
 * `plugboard export <id> --to openapi3|postman`: the connector as an OpenAPI 3.1 document or a
 * Postman collection, with the fidelity report (what was approximated or left out, positioned in
 * the connector's MDX) and an exit code that says whether anything was lost.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { exportConnector, type ExportFormat } from '../../export/index.ts';
import { assertOneOf, parseCommand, stringOption } from '../args.ts';
import { assertSafeId, connectorFolder } from '../connector-folder.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { plural } from '../../core/plural.ts';
import { EXIT, UsageError, display, useColor } from '../util.ts';

export const exportHelp = `Usage: plugboard export <id> --to openapi3|postman [options]

Writes a connector as an OpenAPI 3.1 document (every x-ms-* extension kept, apiProperties in
x-powerplatform) or a Postman v2.1 collection (folders from tags, every auth option, example
bodies), and prints the fidelity report: each construct written in the closest form of the
format (export-approximated), each header parameter OpenAPI tools ignore (export-header-ignored)
and each part left out (export-dropped), at its place in the connector's MDX files.

<id> is a connector folder name under --connectors (letters, digits, -, _ and .); a path or a
symlinked folder is refused.

Options:
  --to <format>        openapi3 or postman
  --out <file>         Where to write it; - for standard output (default: dist/export/<file name>)
  --yaml               OpenAPI as YAML instead of JSON
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  -h, --help           Show this help

Exit codes: 0 written, nothing lost; 1 written, but the connector has errors; 2 usage or
unreadable folder, nothing written; 3 written, but something was left out (export-dropped).
`;

/** Exit code of an export that was written but left something out (an `export-dropped` finding). */
export const EXIT_LOST = 3;

export function runExport(argv: string[]): number {
  const { values, positionals } = parseCommand('export', argv, {
    to: { type: 'string' },
    out: { type: 'string' },
    yaml: { type: 'boolean' },
    connectors: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(exportHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('give one connector id, like `plugboard export github-issues --to openapi3`', 'export');
  const to = stringOption(values, 'to');
  if (to === undefined) throw new UsageError('--to takes openapi3 or postman', 'export');
  assertOneOf('to', to, ['openapi3', 'postman'], 'export');
  const id = positionals[0]!;
  assertSafeId(id, 'export');
  const root = resolve(stringOption(values, 'connectors') ?? 'connectors');
  const folder = connectorFolder(root, id);
  if ('problem' in folder) {
    process.stderr.write(`plugboard export: ${display(join(root, id))} ${folder.problem}\n`);
    return EXIT.usage;
  }
  const dir = folder.dir;
  if (!existsSync(join(dir, 'connector.mdx'))) {
    process.stderr.write(`plugboard export: no connector ${display(dir)}\n`);
    return EXIT.usage;
  }
  const result = exportConnector(dir, to as ExportFormat, { display: display(dir), ...(values.yaml === true ? { yaml: true } : {}) });
  const out = stringOption(values, 'out') ?? join('dist/export', result.fileName);
  // With the document on standard output, the report goes to standard error.
  const log = out === '-' ? process.stderr : process.stdout;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const report = result.diagnostics.filter((d) => d.ruleId.startsWith('export-'));
  if (out === '-') process.stdout.write(result.text);
  else {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, result.text);
    const dropped = report.filter((d) => d.ruleId === 'export-dropped').length;
    const summary = dropped ? `${plural(dropped, 'part')} left out` : 'nothing left out';
    log.write(`exported ${display(dir)} → ${out}: ${summary}, ${plural(report.length - dropped, 'note')}${errors ? `, ${plural(errors, 'error')} in the connector` : ''}\n`);
  }
  log.write(FORMATTERS.stylish!(result.diagnostics, { color: useColor(log) }));
  return errors ? EXIT.errors : result.lost ? EXIT_LOST : EXIT.ok;
}
