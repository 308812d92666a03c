import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { validateSwaggerSchema } from '../swagger-schema.ts';

export default defineRule({
  id: 'swagger-schema',
  area: 'connector',
  severity: 'error',
  description: 'The definition is valid against the official Swagger 2.0 JSON schema.',
  rationale:
    'The platform only imports Swagger 2.0, and `paconn`, the maker portal and the certification pipeline all reject a definition that does not validate. ' +
    'Findings are reduced to their root cause: a parameter is checked against the branch its `in` declares, a response schema against `type: file` or not, so you get one message per mistake rather than one per `oneOf` branch.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': mdx([
            'request: GET /items',
            'summary: List items',
            'parameters:',
            '  limit:',
            '    in: query',
            '    type: int',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['actions/ListItems.mdx:7:11-7:14: Expected `type` to be one of string, number, boolean, integer, array (swagger-schema)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const finding of validateSwaggerSchema(swagger)) {
      report({ message: finding.message, at: finding.at, ...(finding.onKey ? { onKey: true } : {}), args: finding.args });
    }
  },
});
