import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const action = (summary: string) => mdx(['request: GET /items', `summary: ${summary}`, 'responses:', "  '200':", '    description: OK']);

/**
 * Title Case: at least two words after the first that could be lower case (letters only, not an
 * acronym like `ID` or `URL`, longer than 3 letters so that names like `To Do` pass), all capitalised.
 */
function isTitleCase(summary: string): boolean {
  const words = summary.replace(/\([^)]*\)/g, ' ').split(/\s+/).slice(1).filter((w) => /^\p{L}{4,}$/u.test(w) && w !== w.toUpperCase());
  return words.length >= 2 && words.every((w) => /^\p{Lu}/u.test(w));
}

export default defineRule({
  id: 'summary-sentence-case',
  area: 'operation',
  severity: 'info',
  description: 'An operation summary is in sentence case ("Get an item"), not Title Case ("Get An Item").',
  rationale:
    'The connector string guidance asks for sentence case in operation summaries (and title case only for parameter labels, `x-ms-summary`): the designer lists actions as sentences, and capitalised words read as product names to translators.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('List the items of a Contoso folder (V2)') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('List Folder Items') },
        output: ['actions/ListItems.mdx:3:10-3:27: Expected the summary `List Folder Items` in sentence case, like `List folder items` (summary-sentence-case)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const { visit } of analyze(swagger).operations) {
      const summary = visit.node.summary;
      if (typeof summary !== 'string' || summary.length > 200 || !isTitleCase(summary)) continue;
      const [first = '', ...rest] = summary.split(' ');
      const sentence = [first, ...rest.map((w) => (/^\p{Lu}\p{Ll}+$/u.test(w) ? w.toLowerCase() : w))].join(' ');
      report({ message: `Expected the summary \`${summary.replaceAll('`', "'")}\` in sentence case, like \`${sentence.replaceAll('`', "'")}\``, at: visit.at('summary'), args: [] });
    }
  },
});
