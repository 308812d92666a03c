import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-element',
  area: 'connector',
  severity: 'error',
  description: 'An MDX body uses only the components and elements the site provides, with their known attributes and no `on*` handlers.',
  rationale:
    'Connector bodies come from pull requests by anyone and are published on the documentation site; safe mode keeps them to Markdown and the components the site provides, so that nothing in a body runs at build time or in a reader\'s browser. The site build fails before rendering anything when a body breaks it.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n<Callout type="warning">\n\nKeys expire after 90 days. Press <Kbd>Ctrl</Kbd>.\n\n</Callout>\n'), 'actions/GetItem.mdx': GET_ITEM }, { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(1)" />\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          "connector.mdx:8:1-8:26: Unexpected element `<script>`; an MDX body may use <Callout>, <Kbd>, <br>, <kbd>, <sub>, <sup>, <abbr>, <details>, <summary>, <img> (write `\\<` for a literal `<`) (mdx-element)",
          "connector.mdx:10:1-10:39: Unexpected attribute `onerror` on `<img>` (mdx-element)",
        ],
      },
    ],
  },
});
