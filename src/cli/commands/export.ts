/** `plugboard export <id> --to openapi3|postman`: the connector as an OpenAPI 3.1 document or a Postman collection. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { exportConnector, type ExportFormat } from '../../export/index.ts';
import { assertOneOf, parseCommand, stringOption } from '../args.ts';
import { assertSafeId, connectorFolder } from '../connector-folder.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { EXIT, UsageError, display, useColor } from '../util.ts';

export const exportHelp = `Usage: plugboard export <id> --to openapi3|postman [options]

Writes a connector as an OpenAPI 3.1 document (every x-ms-* extension kept) or a Postman v2.1
collection (folders from tags, auth from the auth block, example bodies).

<id> is a connector folder name under --connectors (letters, digits, -, _ and .); a path or a
symlinked folder is refused.

Options:
  --to <format>        openapi3 or postman
  --out <file>         Where to write it; - for standard output (default: dist/export/<file name>)
  --yaml               OpenAPI as YAML instead of JSON
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  -h, --help           Show this help
`;

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
  if (out === '-') process.stdout.write(result.text);
  else {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, result.text);
    process.stdout.write(`exported ${display(dir)} → ${out}\n`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) process.stderr.write(FORMATTERS.stylish!(result.diagnostics, { color: useColor(process.stderr) }));
  return errors.length ? EXIT.errors : EXIT.ok;
}
