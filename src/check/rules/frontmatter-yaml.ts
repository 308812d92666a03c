import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

export default defineRule({
  id: 'frontmatter-yaml',
  area: 'frontmatter',
  severity: 'error',
  description: 'Each MDX file starts with front-matter that is valid YAML and a mapping.',
  rationale:
    'The front-matter is the machine definition; when it does not parse, nothing of the file can be compiled. The checks over the compiled output are skipped until it parses, so that one typo does not hide behind a cascade of follow-on findings.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': "---\ntitle: Contoso\nversion: '1.0'\nhost: api.contoso.com\n  basePath: /\n---\n" },
        output: ['connector.mdx:5:11-5:12: Invalid YAML: bad indentation of a mapping entry (frontmatter-yaml)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': '---\nrequest: GET /items\nsummary: One\nsummary: Two\n---\n' },
        output: ['actions/GetItem.mdx:4:1-4:2: Invalid YAML: duplicated mapping key (frontmatter-yaml)'],
      },
      {
        // A sequence as a key: YAML allows it, JSON has no such key (it would silently become "200,201").
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': "---\nrequest: GET /items\nsummary: List items\nresponses:\n  [200, 201]:\n    description: OK\n---\n" },
        output: ['actions/GetItem.mdx:5:3-5:13: Unexpected sequence as a key, expected a string like `name` or `200` (frontmatter-yaml)'],
      },
    ],
  },
});
