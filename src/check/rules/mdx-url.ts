import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-url',
  area: 'connector',
  severity: 'error',
  description: 'Links and images in an MDX body point at http, https, mailto or relative URLs.',
  rationale:
    'Connector bodies come from pull requests by anyone and are published on the documentation site; safe mode keeps them to Markdown and the components the site provides, so that nothing in a body runs at build time or in a reader\'s browser. The site build fails before rendering anything when a body breaks it.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nSee [the docs](https://contoso.com/docs) or [write to us](mailto:api@contoso.com).\n'), 'actions/GetItem.mdx': GET_ITEM }, { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n[Click me](javascript:alert(1))\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          "connector.mdx:8:1-8:32: Unexpected URL `javascript:alert(1)`; links and images take http, https, mailto or relative URLs (mdx-url)",
        ],
      },
    ],
  },
});
