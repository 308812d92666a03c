import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const listItems = (format: string) =>
  mdx([
    'request: GET /items',
    'summary: List items',
    'parameters:',
    '  tags:',
    '    type: array',
    '    items:',
    '      type: string',
    `    collectionFormat: ${format}`,
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'parameter-collection-format',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['CollectionFormatValueNotSupported'],
  description: 'No query or form parameter uses `collectionFormat: multi`.',
  rationale:
    'The platform sends one value per parameter name: it cannot repeat `?tags=a&tags=b`, and the validator rejects `multi` (`CollectionFormatValueNotSupported`); ' +
    'no connector of the public repository uses it. Use `csv` (the default) or another separator the API accepts. ' +
    'Values that Swagger itself does not allow at a position are reported by `swagger-schema`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('csv') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('multi') },
        output: ['actions/ListItems.mdx:9:23-9:28: Unexpected `collectionFormat: multi` on parameter `tags`; the platform does not repeat parameters, use `csv` or another separator (parameter-collection-format)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of [...analyze(swagger).of('parameter'), ...analyze(swagger).of('items')]) {
      const parameter = visit.kind === 'parameter' ? visit : visit.parameter;
      if (!parameter || (parameter.in !== 'query' && parameter.in !== 'formData') || visit.node.collectionFormat !== 'multi') continue;
      const name = typeof parameter.node.name === 'string' ? parameter.node.name : '';
      report({
        message: `Unexpected \`collectionFormat: multi\` on parameter \`${name}\`; the platform does not repeat parameters, use \`csv\` or another separator`,
        at: visit.at('collectionFormat'),
        args: [name],
      });
    }
  },
});
