/**
 * `plugboard import <source...>`: turns existing definitions (Swagger/OpenAPI, a Power Platform
 * connector folder…) into connector folders, through `importSource` of src/import/index.ts.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { ImportOptions, ImportResult } from '../../import/types.ts';
import { parseCommand, stringOption } from '../args.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { CONNECTOR_ID, EXIT, UsageError, describeError, display, plural, useColor } from '../util.ts';

export const importHelp = `Usage: plugboard import <source...> [options]

Imports each source (an OpenAPI/Swagger file, or a Power Platform connector folder holding
apiDefinition.swagger.json and apiProperties.json) into <connectors>/<id>/, and reports
everything that could not be carried exactly.

Arguments:
  source               File or folder to import; several may be given

Options:
  --id <id>            Connector id (folder name); one source only. Default: from the source
  --force              Replace an existing connector folder
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  -h, --help           Show this help

Exit status: 0 when everything was imported (warnings allowed), 1 when a source had errors,
2 on bad usage or when a folder exists without --force.
`;

export type ImportSource = (path: string, options: ImportOptions) => ImportResult | Promise<ImportResult>;

const IMPORTER_URL = new URL('../../import/index.ts', import.meta.url);

/** The importer, or undefined while src/import/index.ts does not exist yet. */
export async function loadImporter(): Promise<ImportSource | undefined> {
  try {
    const mod = (await import(IMPORTER_URL.href)) as { importSource?: ImportSource };
    return mod.importSource;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(fileURLToPath(IMPORTER_URL))) return undefined;
    throw error;
  }
}

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('import', argv, {
    id: { type: 'string' },
    force: { type: 'boolean' },
    connectors: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(importHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('missing the source to import, like `plugboard import openapi.yaml`', 'import');
  const id = stringOption(values, 'id');
  if (id !== undefined && positionals.length > 1) throw new UsageError('--id names one connector; give one source with it', 'import');
  if (id !== undefined && !CONNECTOR_ID.test(id)) throw new UsageError(`connector id \`${id}\` must be kebab-case, like github-issues`, 'import');
  const force = values.force === true;
  const root = resolve(stringOption(values, 'connectors') ?? 'connectors');

  const refuse = (dir: string) => {
    process.stderr.write(`plugboard import: ${display(dir)} already exists; pass --force to replace it\n`);
    return EXIT.usage;
  };
  // Known before importing: refuse without doing the work.
  if (id !== undefined && !force && existsSync(join(root, id))) return refuse(join(root, id));

  const importSource = await loadImporter();
  if (!importSource) {
    process.stderr.write('plugboard import: the importer (src/import/index.ts) is not available in this build\n');
    return EXIT.usage;
  }

  let exit: number = EXIT.ok;
  const written = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const source of positionals) {
    if (!existsSync(source)) {
      process.stderr.write(`plugboard import: cannot read ${source}: no such file or folder\n`);
      exit = EXIT.usage;
      continue;
    }
    let result: ImportResult;
    try {
      result = await importSource(resolve(source), { ...(id !== undefined ? { id } : {}), display: source.replace(/[\\/]+$/, '') || source });
    } catch (error) {
      process.stderr.write(`plugboard import: internal error while importing ${source}: ${describeError(error)}\n`);
      exit = EXIT.usage;
      continue;
    }
    const dir = join(root, result.id);
    if (written.has(dir)) {
      process.stderr.write(`plugboard import: ${source} maps to ${display(dir)} like an earlier source; use --id\n`);
      exit = EXIT.usage;
      continue;
    }
    if (existsSync(dir) && !force) {
      exit = refuse(dir);
      continue;
    }
    try {
      writeConnector(dir, result.files);
    } catch (error) {
      process.stderr.write(`plugboard import: cannot write ${display(dir)}: ${describeError(error)}\n`);
      exit = EXIT.usage;
      continue;
    }
    written.add(dir);
    diagnostics.push(...result.diagnostics);
    const s = result.stats;
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    process.stdout.write(
      `imported ${source} → ${display(dir)}: ${plural(s.actions, 'action')}, ${plural(s.triggers, 'trigger')}, ${plural(s.definitions, 'definition')}; ${plural(warnings, 'warning')}${errors ? `, ${plural(errors, 'error')}` : ''}\n`,
    );
    if (errors && exit === EXIT.ok) exit = EXIT.errors;
  }
  process.stdout.write(FORMATTERS.stylish!(diagnostics, { color: useColor(process.stdout) }));
  return exit;
}

export function writeConnector(dir: string, files: Map<string, string | Buffer>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (rel.split(/[\\/]/).includes('..')) throw new Error(`the importer produced a path outside the folder: ${rel}`);
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}
