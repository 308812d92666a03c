import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const action = (summary: string) => mdx(['request: GET /items', `summary: ${summary}`, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'summary-trailing-punctuation',
  area: 'operation',
  severity: 'warning',
  description: 'An operation summary does not end with punctuation or white space (a closing parenthesis is fine).',
  rationale:
    'Certification string guidance: a summary is a name, like a menu entry, so it has no final period, colon or space; the designer puts it in lists and titles where a trailing character reads as a typo.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('List items (V2)') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('List items.') },
        output: ['actions/ListItems.mdx:3:10-3:21: Unexpected `.` at the end of the summary `List items.` (summary-trailing-punctuation)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const { visit } of analyze(swagger).operations) {
      const summary = visit.node.summary;
      if (typeof summary !== 'string' || summary === '') continue;
      const last = /[^\p{L}\p{N}\p{M})]$/u.exec(summary)?.[0];
      if (last === undefined) continue;
      const shown = /\s/.test(last) ? 'white space' : `\`${last === '`' ? "'" : last}\``;
      report({ message: `Unexpected ${shown} at the end of the summary \`${summary.trim().slice(0, 80).replaceAll('`', "'")}\``, at: visit.at('summary'), args: [] });
    }
  },
});
