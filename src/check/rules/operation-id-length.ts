import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

/** The platform's limit is not published; 80 is the limit of an API Management operation name, which an operationId becomes. */
export const MAX_OPERATION_ID_LENGTH = 80;

const listItems = (operationId: string) => mdx([`operationId: ${operationId}`, 'request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-id-length',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['OperationIdTooLong'],
  description: `An operationId has at most ${MAX_OPERATION_ID_LENGTH} characters.`,
  rationale:
    'The validator rejects an operationId over its length limit (`OperationIdTooLong`) but does not publish the limit; ' +
    `connectors run on Azure API Management, whose operation names have at most ${MAX_OPERATION_ID_LENGTH} characters. ` +
    'Because the number is inferred, this is a warning; the longest operationId in the reference corpus has 65 characters.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('ListItems') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems(`List${'Item'.repeat(20)}`) },
        output: [
          `actions/ListItems.mdx:2:14-2:98: Expected operationId \`List${'Item'.repeat(20)}\` to have at most ${MAX_OPERATION_ID_LENGTH} characters, not 84; shorten it (operation-id-length)`,
        ],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      const id = op.operationId;
      if (id === undefined || id.length <= MAX_OPERATION_ID_LENGTH) continue;
      report({
        message: `Expected operationId \`${id}\` to have at most ${MAX_OPERATION_ID_LENGTH} characters, not ${id.length}; shorten it`,
        at: op.visit.at('operationId'),
        args: [id],
      });
    }
  },
});
