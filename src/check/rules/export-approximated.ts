import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'export-approximated',
  area: 'export',
  severity: 'info',
  description: 'A connector construct was written in the closest form the export format has, or kept as an extension that only plugboard and the platform read.',
  rationale:
    'A `setheader` policy becomes a header parameter with its value as default, a `dynamichosturl` policy server variables, OAuth declared only in the connection parameters an `oauth2` flow with the identity provider endpoints, each option of a multi-auth connector a security scheme, and a webhook trigger a callback. These say the same to a person or a client generator, not the same to the gateway; the report names each so the export can be reviewed. Policies OpenAPI cannot say are kept, with the rest of apiProperties, in the `x-powerplatform` extension.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES, 'policies:', '  - template: setheader', '    title: API version', '    parameters:', '      name: X-Api-Version', "      value: '2024-01-01'"]),
          'actions/GetItem.mdx': GET_ITEM,
        },
        output: ['connector.mdx:6:5-10:26: Policy `setheader` becomes header parameter `X-Api-Version` with default `2024-01-01` on 1 operation (export-approximated)'],
      },
    ],
  },
});
