import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const MAX = 80;
/** From here on summary-too-long reports instead. */
const HARD = 120;

const action = (summary: string) => mdx(['request: GET /items', `summary: ${summary}`, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'summary-length',
  area: 'operation',
  severity: 'info',
  description: `An operation summary is at most ${MAX} characters (from ${HARD} on, summary-too-long reports it).`,
  rationale:
    'The summary is the action or trigger name in the designer\'s list, which shows about 80 characters; certification asks for at most 80. The longer explanation belongs in the description.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('List the items of a folder') }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': action('List the items of a folder, including those in its subfolders, sorted by creation date'),
        },
        output: ['actions/ListItems.mdx:3:10-3:96: Expected a summary of at most 80 characters, found 86; move the rest to the description (summary-length)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const { visit } of analyze(swagger).operations) {
      const summary = visit.node.summary;
      if (typeof summary !== 'string') continue;
      const length = [...summary].length;
      if (length > MAX && length < HARD) report({ message: `Expected a summary of at most ${MAX} characters, found ${length}; move the rest to the description`, at: visit.at('summary'), args: [] });
    }
  },
});
