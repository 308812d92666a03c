import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-url',
  area: 'connector',
  severity: 'error',
  description: 'Links and images in an MDX body do not use a URL that can run code or read files: `javascript:`, `vbscript:`, `file:`, or `data:` other than a raster image.',
  rationale:
    'Connector bodies come from pull requests by anyone and are published on the documentation site; safe mode keeps them to Markdown and the components the site provides, so that nothing in a body runs at build time or in a reader\'s browser. The site renders such a link as its text and builds every page, then the build exits 1. Links take http, https, mailto, tel or relative URLs; another harmless scheme is `mdx-link-scheme`.',
  examples: {
    ok: [
      { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nSee [the docs](https://contoso.com/docs), [write to us](mailto:api@contoso.com) or [call us](tel:+1-555-0100).\n\n![Logo](data:image/png;base64,iVBORw0KGgo=)\n'), 'actions/GetItem.mdx': GET_ITEM },
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM },
    ],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n[Click me](javascript:alert(1))\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          'connector.mdx:8:1-8:32: Unexpected URL `javascript:alert(1)`; `javascript:` can run code or read files, so links and images take http, https, mailto, tel or relative URLs (mdx-url)',
        ],
      },
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n[Open](data:text/html,<script>alert(1)</script>) or <img src="file:///etc/passwd" />\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          'connector.mdx:8:1-8:49: Unexpected URL `data:text/html,<script>alert(1)</script>`; `data:` can run code or read files, so links and images take http, https, mailto, tel or relative URLs (mdx-url)',
          'connector.mdx:8:53-8:85: Unexpected URL `file:///etc/passwd`; `file:` can run code or read files, so links and images take http, https, mailto, tel or relative URLs (mdx-url)',
        ],
      },
    ],
  },
});
