import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, describe } from '../../swagger/index.ts';

const listItems = (items: string[]) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', '  ids:', '    type: array', ...items, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'array-items-required',
  area: 'schema',
  severity: 'error',
  platformCodes: ['ArrayHasNoItems'],
  description: 'Every `type: array` (parameter, header, items or schema) says what its elements are with `items`.',
  rationale:
    'The designer builds the input of an array from `items` (one field per element) and the outputs of a response array likewise; without it there is nothing to show or send. ' +
    'The validator rejects such an array (`ArrayHasNoItems`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems(['    items:', '      type: string']) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems([]) },
        output: ['actions/ListItems.mdx:6:11-6:16: Missing `items` on an array in a query parameter; say what the elements are, like `items: { type: string }` (array-items-required)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).visits) {
      if (visit.node.type !== 'array' || visit.node.items !== undefined) continue;
      if (visit.kind !== 'parameter' && visit.kind !== 'items' && visit.kind !== 'response-header' && visit.kind !== 'schema') continue;
      const where = visit.kind === 'schema' ? 'a schema' : visit.kind === 'items' ? 'parameter `items`' : describe(visit);
      report({
        message: `Missing \`items\` on an array in ${where}; say what the elements are, like \`items: { type: string }\``,
        at: visit.at('type'),
        args: [],
      });
    }
  },
});
