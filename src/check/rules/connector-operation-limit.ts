import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export const MAX_OPERATIONS = 256;

const manyActions = Object.fromEntries(
  Array.from({ length: MAX_OPERATIONS + 1 }, (_, i) => [
    `actions/GetItem${i}.mdx`,
    mdx([`request: GET /items${i}`, `summary: Get item ${i}`, 'responses:', "  '200':", '    description: OK']),
  ]),
);

export default defineRule({
  id: 'connector-operation-limit',
  area: 'connector',
  severity: 'error',
  platformCodes: ['TotalOperationsCountExceedsMaxAllowed'],
  description: 'The connector has at most 256 operations.',
  rationale:
    'The platform allows 256 operations per definition (`TotalOperationsCountExceedsMaxAllowed`). The largest certified connectors stay near 220; split a larger API into several connectors by area.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, ...manyActions },
        output: ['connector.mdx:2:1-2:15: The connector has 257 operations, over the platform limit of 256; split it into several connectors (connector-operation-limit)'],
      },
    ],
  },
  check({ swagger, report }) {
    const count = analyze(swagger).operations.length;
    if (count <= MAX_OPERATIONS) return;
    report({
      message: `The connector has ${count} operations, over the platform limit of ${MAX_OPERATIONS}; split it into several connectors`,
      at: '',
      args: [],
    });
  },
});
