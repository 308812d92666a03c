import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'operation-request',
  area: 'operation',
  severity: 'error',
  description: 'Each action and trigger says which request it sends: `request: METHOD /path`, or `method` and `path`.',
  rationale: 'Without a method and a path the operation has no place in the definition and cannot be compiled; it is left out and reported.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': mdx(['summary: Get an item', 'responses:', "  '200':", '    description: OK']) },
        output: ['actions/GetItem.mdx:2:1-2:21: Expected `request`, like `GET /items/{id}`, or both `method` and `path` (operation-request)'],
      },
    ],
  },
});
