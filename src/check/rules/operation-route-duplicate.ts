import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

export default defineRule({
  id: 'operation-route-duplicate',
  area: 'operation',
  severity: 'error',
  description: 'Each method and path is defined by one action or trigger only.',
  rationale:
    'Swagger holds one operation per method and path; a second file claiming the same route would overwrite the first. The second is left out and reported, with the first as its cause.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/GetItemAgain.mdx': GET_ITEM.replace('summary: Get an item', 'summary: Get it again') },
        output: ['actions/GetItemAgain.mdx:2:10-2:25: `GET /items/{id}` is already defined; each method and path can have one operation (operation-route-duplicate)'],
      },
    ],
  },
});
