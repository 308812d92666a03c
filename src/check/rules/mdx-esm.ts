import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-esm',
  area: 'connector',
  severity: 'error',
  description: 'An MDX body holds no `import` or `export` statements.',
  rationale:
    'Connector bodies come from pull requests by anyone and are published on the documentation site; safe mode keeps them to Markdown and the components the site provides, so that nothing in a body runs at build time or in a reader\'s browser. The site build fails before rendering anything when a body breaks it.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nImport your data with the **Import** action.\n'), 'actions/GetItem.mdx': GET_ITEM }, { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nimport Widget from "./widget.js"\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          "connector.mdx:8:1-8:33: Unexpected `import`/`export` in an MDX body; bodies are Markdown with the site's components only (mdx-esm)",
        ],
      },
    ],
  },
});
