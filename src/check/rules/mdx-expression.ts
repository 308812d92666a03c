import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-expression',
  area: 'connector',
  severity: 'error',
  description: 'An MDX body holds no JavaScript expressions: no `{…}` in text or attributes (MDX comments are fine).',
  rationale:
    'Connector bodies come from pull requests by anyone and are published on the documentation site; safe mode keeps them to Markdown and the components the site provides, so that nothing in a body runs at build time or in a reader\'s browser. The site build fails before rendering anything when a body breaks it.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n{/* a comment */}\n\nWrite \\{id\\} in the path.\n'), 'actions/GetItem.mdx': GET_ITEM }, { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nToday is {new Date().toDateString()}.\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          "connector.mdx:8:10-8:37: Unexpected JavaScript expression `{\u2026}` in an MDX body; write `\\{` for a literal brace (mdx-expression)",
        ],
      },
    ],
  },
});
