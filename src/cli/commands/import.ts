/**
 * `plugboard import <source...>`: turns existing definitions (Swagger/OpenAPI, a Power Platform
 * connector folder…) into connector folders, through `importSource` of src/import/index.ts.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { importSources } from '../../import/index.ts';
import { kebab } from '../../import/powerplatform.ts';
import { importSample } from '../../import/sample/index.ts';
import type { ImportOptions, ImportResult } from '../../import/types.ts';
import { assertOneOf, parseCommand, stringOption } from '../args.ts';
import { assertSafeId, connectorFolder, SAFE_ID } from '../connector-folder.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { CONNECTOR_ID, EXIT, UsageError, describeError, display, useColor } from '../util.ts';
import { plural } from '../../core/plural.ts';

export const importHelp = `Usage: plugboard import <source...> [options]
       plugboard import --sample <file.json> [--sample …] --into <id> --operation <operationId> [--status 200]

Imports each source into <connectors>/<id>/ and reports everything that could not be carried
exactly. Sources: a Power Platform connector folder (apiDefinition.swagger.json +
apiProperties.json + readme), Swagger 2.0, OpenAPI 3.0/3.1 (JSON or YAML, $refs across files),
or a Postman collection v2.0/v2.1; the format is detected (--from overrides). A source beyond the
platform limits (256 operations, 1 MB) is split into <id>-<tag> connectors.

Sources may come from anyone: an external $ref is followed only to a regular file under the
source's own folder (or under --ref-root); absolute paths, ../ escapes, symlinks, devices and URLs
are refused (import-ref-refused). Sources over 10 MB or 10,000 operations are not imported.
--force replaces a connector atomically: the new folder is written beside it, then swapped in.
Sources of one run that give the same id get distinct ones: <id>-<category> after the folder they
lie in (independent-publisher-connectors/X → x-independent-publisher), else <id>-2, <id>-3…
An apiProperties.json that is not JSON is carried as far as it reads; its original text is kept
as apiProperties.original.json, which check reports until it is deleted.

With --sample, infers a JSON schema from sample responses and sets it as the response of one
operation of an existing connector.

Arguments:
  source               File or folder to import; several may be given

Options:
  --id <id>            Connector id (folder name); one source only. Default: from the source
  --from <format>      powerplatform, swagger2, openapi3 or postman (default: detected)
  --strict             Approximations are errors, not warnings
  --no-split           Keep one connector even beyond the platform limits (check flags it)
  --force              Replace an existing connector folder (atomically)
  --ref-root <dir>     A folder external $refs may also lead into (default: only the source's folder)
  --sample <file>      A JSON sample of a response (repeatable)
  --into <id>          With --sample: the connector to edit
  --operation <id>     With --sample: the action or trigger whose response it describes
  --status <code>      With --sample: the response status (default 200)
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  -h, --help           Show this help

Exit status: 0 when everything was imported (warnings allowed), 1 when a source had errors,
2 on bad usage or when a folder exists without --force.
`;

const FORMATS = ['powerplatform', 'swagger2', 'openapi3', 'postman'] as const;

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('import', argv, {
    id: { type: 'string' },
    force: { type: 'boolean' },
    connectors: { type: 'string' },
    from: { type: 'string' },
    'ref-root': { type: 'string' },
    strict: { type: 'boolean' },
    'no-split': { type: 'boolean' },
    sample: { type: 'string', multiple: true },
    into: { type: 'string' },
    operation: { type: 'string' },
    status: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(importHelp);
    return EXIT.ok;
  }
  const root = resolve(stringOption(values, 'connectors') ?? 'connectors');
  const samples = (values as unknown as { sample?: string[] }).sample;
  if (samples?.length) return runSample(samples, values, positionals, root);
  for (const flag of ['into', 'operation', 'status']) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --sample`, 'import');
  }
  if (positionals.length === 0) throw new UsageError('missing the source to import, like `plugboard import openapi.yaml`', 'import');
  const id = stringOption(values, 'id');
  if (id !== undefined && positionals.length > 1) throw new UsageError('--id names one connector; give one source with it', 'import');
  if (id !== undefined && !CONNECTOR_ID.test(id)) throw new UsageError(`connector id \`${id}\` must be kebab-case, like github-issues`, 'import');
  const from = stringOption(values, 'from');
  if (from !== undefined) assertOneOf('from', from, FORMATS, 'import');
  const refRoot = stringOption(values, 'ref-root');
  if (refRoot !== undefined && !existsSync(refRoot)) throw new UsageError(`--ref-root ${refRoot}: no such folder`, 'import');
  const options: ImportOptions = {
    ...(from !== undefined ? { from: from as ImportOptions['from'] & string } : {}),
    ...(refRoot !== undefined ? { refRoot: resolve(refRoot) } : {}),
    ...(values.strict === true ? { strict: true } : {}),
    split: values['no-split'] !== true,
  };
  const force = values.force === true;

  const refuse = (dir: string) => {
    process.stderr.write(`plugboard import: ${display(dir)} already exists; pass --force to replace it\n`);
    return EXIT.usage;
  };
  // Known before importing: refuse without doing the work.
  if (id !== undefined && !force && pathExists(join(root, id))) return refuse(join(root, id));

  let exit: number = EXIT.ok;
  /** Connector ids this run has given to a source. */
  const claimed = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const source of positionals) {
    if (!existsSync(source)) {
      process.stderr.write(`plugboard import: cannot read ${source}: no such file or folder\n`);
      exit = EXIT.usage;
      continue;
    }
    let results: ImportResult[];
    try {
      results = importSources(resolve(source), { ...options, ...(id !== undefined ? { id } : {}), display: source.replace(/[\\/]+$/, '') || source });
    } catch (error) {
      process.stderr.write(`plugboard import: internal error while importing ${source}: ${describeError(error)}\n`);
      exit = EXIT.usage;
      continue;
    }
    for (const result of results) {
      // Two sources of one run that give the same id (`certified-connectors/X` and
      // `independent-publisher-connectors/X`): the later one gets a distinct id, said on its line.
      const taken = claimed.has(result.id);
      const resultId = taken ? distinctId(result.id, source, claimed) : result.id;
      const dir = join(root, resultId);
      diagnostics.push(...result.diagnostics);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      if (result.files.size === 0) {
        // Nothing could be carried (an unreadable or unsupported source): report, write nothing.
        exit = exit === EXIT.ok ? EXIT.errors : exit;
        process.stdout.write(`not imported: ${source}; ${plural(errors, 'error')}\n`);
        continue;
      }
      if (!SAFE_ID.test(resultId)) {
        process.stderr.write(`plugboard import: ${source} gives the connector id \`${result.id}\`, which is not a plain folder name; use --id\n`);
        exit = EXIT.usage;
        continue;
      }
      claimed.add(resultId);
      if (pathExists(dir) && !force) {
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
      const s = result.stats;
      const renamed = taken ? ` (id \`${result.id}\` is taken by an earlier source of this run)` : '';
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
      process.stdout.write(
        `imported ${source} → ${display(dir)}${renamed}: ${plural(s.actions, 'action')}, ${plural(s.triggers, 'trigger')}, ${plural(s.definitions, 'definition')}; ${plural(warnings, 'warning')}${errors ? `, ${plural(errors, 'error')}` : ''}\n`,
      );
      if (errors && exit === EXIT.ok) exit = EXIT.errors;
    }
  }
  process.stdout.write(FORMATTERS.stylish!(diagnostics, { color: useColor(process.stdout) }));
  return exit;
}

/**
 * An id for `source` that no earlier source of this run has: `<id>-<category>` after the folder
 * the source lies in (`independent-publisher-connectors` gives `-independent-publisher`), else
 * `<id>-2`, `<id>-3`…
 */
export function distinctId(id: string, source: string, taken: ReadonlySet<string>): string {
  const category = kebab(basename(dirname(resolve(source)))).replace(/-connectors?$/, '');
  if (category !== 'connector' && category !== id && !id.endsWith(`-${category}`)) {
    const candidate = `${id}-${category}`;
    if (!taken.has(candidate) && SAFE_ID.test(candidate)) return candidate;
  }
  let n = 2;
  while (taken.has(`${id}-${n}`)) n++;
  return `${id}-${n}`;
}

/** `--sample`: set one operation's response schema from samples; edits that action file in place. */
function runSample(samples: string[], values: Record<string, unknown>, positionals: string[], root: string): number {
  if (positionals.length) throw new UsageError('--sample takes no other sources', 'import');
  const into = stringOption(values as never, 'into');
  const operation = stringOption(values as never, 'operation');
  if (!into || !operation) throw new UsageError('--sample needs --into <id> and --operation <operationId>', 'import');
  const status = stringOption(values as never, 'status');
  if (status !== undefined && !/^([1-5]\d\d|default)$/.test(status)) throw new UsageError(`--status takes an HTTP status like 200, not \`${status}\``, 'import');
  assertSafeId(into, 'import', '--into');
  const folder = connectorFolder(root, into);
  if ('problem' in folder) {
    process.stderr.write(`plugboard import: ${display(join(root, into))} ${folder.problem}\n`);
    return EXIT.usage;
  }
  const dir = folder.dir;
  if (!existsSync(join(dir, 'connector.mdx'))) {
    process.stderr.write(`plugboard import: no connector ${display(dir)}\n`);
    return EXIT.usage;
  }
  const result = importSample(samples.map((s) => resolve(s)), { into: dir, operation, ...(status !== undefined ? { status } : {}), display: samples });
  for (const [rel, content] of result.files) {
    if (rel.split(/[\\/]/).includes('..')) throw new Error(`the importer produced a path outside the folder: ${rel}`);
    // Written beside, then renamed over: the file is the old one or the new one, whole.
    const temp = join(dir, dirname(rel), `.${basename(rel)}.plugboard-tmp-${process.pid}`);
    writeFileSync(temp, content);
    renameSync(temp, join(dir, rel));
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (result.files.size) process.stdout.write(`updated ${[...result.files.keys()].map((rel) => display(join(dir, rel))).join(', ')}\n`);
  process.stdout.write(FORMATTERS.stylish!(result.diagnostics, { color: useColor(process.stdout) }));
  return errors ? EXIT.errors : EXIT.ok;
}

/** True when something (a folder, a file, even a dangling symlink) is at `path`. */
function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes one file; a parameter so that a test can make the write fail halfway. */
export type FileWriter = (path: string, content: string | Buffer) => void;

/** `.<id>.plugboard-tmp-<pid>` (the new folder being written) or `-old-` (the old one, set aside). */
const LEFTOVER = /^\.(.+)\.plugboard-(tmp|old)-(\d+)$/;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What an interrupted `import` of `id` left in `parent`: a half-written new folder is removed; an
 * old folder set aside just before the new one was renamed in is put back when nothing took its place.
 * Folders of a run still going on are left alone. (Listings skip dot-folders, so until then they
 * are never read as connectors.)
 */
function recoverLeftovers(parent: string, id: string): void {
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m || m[1] !== id || isRunning(Number(m[3]))) continue;
    const path = join(parent, name);
    if (m[2] === 'old' && !pathExists(join(parent, id))) renameSync(path, join(parent, id));
    else rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Writes the connector folder `dir` so that, whenever the process stops, `dir` is the old connector
 * or the new one, whole: the files go to `.<id>.plugboard-tmp-<pid>` beside it, then the old folder
 * is renamed aside, the new one renamed in, and the old one removed. Between those two renames (no
 * writing happens there) `dir` is briefly absent; the next import puts the old folder back if it
 * was interrupted right then.
 */
export function writeConnector(dir: string, files: Map<string, string | Buffer>, write: FileWriter = writeFileSync): void {
  const parent = dirname(dir);
  const id = basename(dir);
  mkdirSync(parent, { recursive: true });
  recoverLeftovers(parent, id);
  const temp = join(parent, `.${id}.plugboard-tmp-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (rel.split(/[\\/]/).includes('..')) throw new Error(`the importer produced a path outside the folder: ${rel}`);
      const path = join(temp, rel);
      mkdirSync(dirname(path), { recursive: true });
      write(path, content);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  if (!pathExists(dir)) {
    renameSync(temp, dir);
    return;
  }
  const old = join(parent, `.${id}.plugboard-old-${process.pid}`);
  renameSync(dir, old);
  try {
    renameSync(temp, dir);
  } catch (error) {
    renameSync(old, dir);
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
