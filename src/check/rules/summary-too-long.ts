import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const LIMIT = 120;

const action = (summary: string) => mdx(['request: GET /items', `summary: ${summary}`, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'summary-too-long',
  area: 'operation',
  severity: 'warning',
  description: `An operation summary is shorter than ${LIMIT} characters.`,
  rationale:
    'The Swagger Validator refuses a connector with a summary of 120 characters or more (`OperationSummaryTooLong`); the designer shows about 80. A summary is a name, the explanation goes in the description.',
  platformCodes: ['OperationSummaryTooLong'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('List items') }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': action(`List the items of a folder${', its subfolders'.repeat(7)}`),
        },
        output: ['actions/ListItems.mdx:3:10-3:148: Expected a summary shorter than 120 characters, found 138 (summary-too-long)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const { visit } of analyze(swagger).operations) {
      const summary = visit.node.summary;
      if (typeof summary !== 'string') continue;
      const length = [...summary].length;
      if (length >= LIMIT) report({ message: `Expected a summary shorter than ${LIMIT} characters, found ${length}`, at: visit.at('summary'), args: [] });
    }
  },
});
