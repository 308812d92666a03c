import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-syntax',
  area: 'connector',
  severity: 'error',
  description: 'Every MDX body (the readme in connector.mdx, the docs of an action) parses as MDX.',
  rationale:
    'Connector bodies come from pull requests by anyone and are published on the documentation site; safe mode keeps them to Markdown and the components the site provides, so that nothing in a body runs at build time or in a reader\'s browser. The site build fails before rendering anything when a body breaks it.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nUse \\{ and \\< for literal braces and angle brackets.\n'), 'actions/GetItem.mdx': GET_ITEM }, { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nSorts by <b priority.\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          "connector.mdx:8:10-8:11: Invalid MDX: Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`) (mdx-jsx:unexpected-character) (mdx-syntax)",
        ],
      },
    ],
  },
});
