import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'frontmatter-value',
  area: 'frontmatter',
  severity: 'error',
  description: 'Front-matter values have the type and form the authoring model documents, and required keys are present.',
  rationale:
    'Values of the wrong type or outside their set (a `visibility` of `hidden`, `categories` as a string, an auth `type` of `apikey`) compile to a definition the platform rejects or misreads; catching them at the key the author wrote is clearer than the Swagger error they would become.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': mdx(['title: Contoso', "version: '1.0'", 'host: api.contoso.com', 'auth:', '  type: apikey', '  in: header', '  name: X-Key']),
        },
        output: [
          'connector.mdx:6:9-6:15: Unexpected value for `type`, expected `none`, `apiKey`, `basic`, `oauth2`, `multi`; did you mean `apiKey`? (frontmatter-value)',
        ],
      },
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': mdx(['request: GET /items', 'summary: List items', 'visibility: hidden', 'responses:', "  '200':", '    description: OK']),
        },
        output: ['actions/GetItem.mdx:4:13-4:19: Unexpected value for `visibility`, expected `important`, `advanced`, `internal` (frontmatter-value)'],
      },
    ],
  },
});
