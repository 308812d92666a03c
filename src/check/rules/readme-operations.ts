import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { headings, PUBLISHED_ACTION, publishedConnector, readmeFile, readmeLineOffset } from '../certification.ts';

/** Words that say nothing about which operation: articles, and the kind of operation. */
const STOP = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'is', 'and', 'or', 'by', 'from', 'with', 'when', 'trigger', 'triggers', 'action', 'actions', 'operation', 'operations']);

/** The significant words of a name: `GetItemById` and `Get an item by ID` give `get`, `item`, `id`. */
const words = (text: string) =>
  new Set(text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '' && !STOP.has(w)));

/** A heading names an operation when the words of one hold all the words of the other. */
function names(heading: Set<string>, operation: Set<string>): boolean {
  const within = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w));
  return within(heading, operation) || (operation.size > 0 && within(operation, heading));
}

export default defineRule({
  id: 'readme-operations',
  area: 'connector',
  severity: 'info',
  description: 'Each `###` operation under the readme\'s `## Supported Operations` names an operation of the connector: the words of its summary or operationId (articles aside) hold the heading\'s, or the other way round.',
  rationale:
    'The Supported Operations section tells users what the connector does before they install it. An entry that names no operation is usually one that was renamed or removed, and the readme then promises what the connector no longer has.',
  examples: {
    ok: [{ 'connector.mdx': publishedConnector(), 'actions/GetItem.mdx': PUBLISHED_ACTION }],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES], '\n# Contoso\n\n## Supported Operations\n\n### Get an item\n\n### Delete an item\n\nDeletes an item.\n'),
          'actions/GetItem.mdx': PUBLISHED_ACTION,
        },
        output: ['connector.mdx:2:1-2:15: Unknown operation `Delete an item` in the readme\'s Supported Operations (line 13): no operation has this summary or operationId (readme-operations)'],
      },
    ],
  },
  check({ swagger, readme, files, report }) {
    const all = headings(readme);
    const start = all.findIndex((h) => h.depth <= 2 && /^supported (operations|actions)$/i.test(h.text));
    if (start === -1) return;
    const analysis = analyze(swagger);
    if (analysis.operations.length === 0) return;
    const offset = readmeLineOffset(files);
    const known: Array<Set<string>> = [];
    for (const { visit, operationId } of analysis.operations.slice(0, 2000)) {
      if (typeof visit.node.summary === 'string') known.push(words(visit.node.summary));
      if (operationId) known.push(words(operationId));
    }
    for (const heading of all.slice(start + 1)) {
      if (heading.depth <= all[start]!.depth) break;
      const said = words(heading.text);
      if (heading.depth !== all[start]!.depth + 1 || said.size === 0 || known.some((k) => names(said, k))) continue;
      report({ message: `Unknown operation \`${heading.text.slice(0, 80).replaceAll('`', "'")}\` in the readme's Supported Operations (line ${heading.line + offset}): no operation has this summary or operationId`, file: readmeFile(files), at: '', args: [heading.text] });
    }
  },
});
