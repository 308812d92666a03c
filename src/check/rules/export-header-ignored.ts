import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'export-header-ignored',
  area: 'export',
  severity: 'warning',
  description: 'A header parameter named `Accept`, `Content-Type` or `Authorization`, which OpenAPI 3 tools ignore, is reported on export.',
  rationale:
    'OpenAPI 3 says a header parameter with one of these names "SHALL be ignored": media types belong in `requestBody.content` and `responses.*.content`, credentials in `securitySchemes`. The Power Platform reads such a parameter, so the export keeps it, and says that documentation and client generators will not show or send it.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': mdx(['request: GET /items', 'summary: List items', 'parameters:', '  Accept:', '    in: header', '    type: string', "    default: application/json", 'responses:', "  '200':", '    description: OK']),
        },
        output: ['actions/ListItems.mdx:5:3-5:9: Header parameter `Accept` is ignored by OpenAPI 3 tools; say the media types of the responses instead (export-header-ignored)'],
      },
    ],
  },
});
