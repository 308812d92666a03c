import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { jsonSize } from '../size.ts';

export const MAX_DEFINITION_BYTES = 1_048_576;

export default defineRule({
  id: 'connector-size-limit',
  area: 'connector',
  severity: 'error',
  description: 'The definition is at most 1 MB, as written by plugboard (JSON with 2-space indentation).',
  rationale:
    'The platform refuses to import a definition over 1 MB (1,048,576 bytes). Large connectors usually repeat the same schemas inline: ' +
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
