import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { jsonSize } from '../size.ts';

export const MAX_DEFINITION_BYTES = 1_048_576;

export default defineRule({
  id: 'connector-size-limit',
  area: 'connector',
  severity: 'warning',
  description: 'The definition is at most 1 MB, as written by plugboard (JSON with 2-space indentation).',
  rationale:
    'The documentation gives 1 MB (1,048,576 bytes) as the limit of a definition. A warning, not an error: no hard limit is published, and the certified Encodian connector ' +
    'is 1.10 MB and published anyway, so the platform does not reject every definition over it. The maker portal and `paconn` may still refuse one; large connectors usually repeat the same schemas inline: ' +
    'move them into `definitions` and refer to them, drop unused responses, or split the connector.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': mdx([
            'request: GET /items',
            'summary: List items',
            `description: ${'A very long description. '.repeat(44_000)}`,
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['connector.mdx:2:1-2:15: The definition is over the platform limit of 1 MB (1,048,576 bytes); move repeated schemas into `definitions` or split the connector (connector-size-limit)'],
      },
    ],
  },
  check({ swagger, report }) {
    const bytes = jsonSize(swagger);
    if (bytes <= MAX_DEFINITION_BYTES) return;
    report({
      message: 'The definition is over the platform limit of 1 MB (1,048,576 bytes); move repeated schemas into `definitions` or split the connector',
      at: '',
      note: `It is ${bytes.toLocaleString('en-US')} bytes.`,
      args: [],
    });
  },
});
