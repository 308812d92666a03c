/** `plugboard new <id>`: scaffolds a connector folder that builds with no diagnostic. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, stringOption } from '../args.ts';
import { connectorTemplate, titleFromId } from '../template.ts';
import { CONNECTOR_ID, EXIT, UsageError, display } from '../util.ts';

export const newHelp = `Usage: plugboard new <id> [options]

Scaffolds <connectors>/<id>/connector.mdx and one example action, actions/GetItem.mdx,
commented as a short tutorial. Refuses when the folder already exists.

Arguments:
  id                   Connector id: kebab-case, like github-issues

Options:
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --title <title>      Display name (default: from the id, like "Github Issues")
  -h, --help           Show this help
`;

const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A JSON schema for editors (`npm run schema` writes them), in this project or in plugboard's own. */
function findSchema(names: string[]): string | undefined {
  for (const root of [process.cwd(), PACKAGE_ROOT]) {
    for (const name of names) {
      const path = join(root, 'src/model/json-schema', name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

function relativeTo(fromDir: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  const rel = relative(fromDir, file);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function runNew(argv: string[]): number {
  const { values, positionals } = parseCommand('new', argv, { connectors: { type: 'string' }, title: { type: 'string' } });
  if (values.help) {
    process.stdout.write(newHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'expected one connector id' : 'missing the connector id, like `plugboard new github-issues`', 'new');
  const id = positionals[0]!;
  if (!CONNECTOR_ID.test(id)) throw new UsageError(`connector id \`${id}\` must be kebab-case, like github-issues`, 'new');
  const root = resolve(stringOption(values, 'connectors') ?? 'connectors');
  const dir = join(root, id);
  if (existsSync(dir)) {
    process.stderr.write(`plugboard new: ${display(dir)} already exists; choose another id or remove it first\n`);
    return EXIT.usage;
  }
  const title = stringOption(values, 'title') ?? titleFromId(id);
  const files = connectorTemplate({
    id,
    title,
    connectorSchema: relativeTo(dir, findSchema(['connector.schema.json'])),
    actionSchema: relativeTo(join(dir, 'actions'), findSchema(['action.schema.json', 'operation.schema.json'])),
  });
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  process.stdout.write(
    `Created ${display(dir)}/\n${Object.keys(files)
      .map((rel) => `  ${rel}\n`)
      .join('')}Next: edit connector.mdx, then run \`plugboard build ${id}\`.\n`,
  );
  return EXIT.ok;
}
