import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

/** Letters, digits, spaces and the punctuation certified summaries use: ( ) - – , ' : . & */
const RESTRICTED = /[^\p{L}\p{N}\p{M} ()\-–,':.&]/gu;

const action = (summary: string) => mdx(['request: GET /items', `summary: ${JSON.stringify(summary)}`, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'summary-characters',
  area: 'operation',
  severity: 'warning',
  description: "An operation summary holds only letters, digits, spaces and ( ) - , ' : . &.",
  rationale:
    'The Swagger Validator refuses restricted characters in summaries (`RestrictedCharactersInSummary`), and the string guidance names `/` in particular: summaries are names that are translated and shown as titles of cards, where slashes, brackets and symbols break.',
  platformCodes: ['RestrictedCharactersInSummary'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action("List a folder's items (V2)") }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('Create/update an item [beta]') },
        output: ['actions/ListItems.mdx:3:10-3:40: Unexpected `/`, `[`, `]` in the summary `Create/update an item [beta]` (summary-characters)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const { visit } of analyze(swagger).operations) {
      const summary = visit.node.summary;
      if (typeof summary !== 'string') continue;
      const bad = [...new Set(summary.match(RESTRICTED) ?? [])].slice(0, 5);
      if (bad.length) report({ message: `Unexpected ${bad.map((c) => `\`${c === '`' ? "'" : c}\``).join(', ')} in the summary \`${summary.slice(0, 80).replaceAll('`', "'")}\``, at: visit.at('summary'), args: [] });
    }
  },
});
