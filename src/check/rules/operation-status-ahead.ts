import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { annotationOf, operationName } from '../operations.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const connector = (status: string) => mdx([...CONNECTOR_LINES, `status: ${status}`]);
const listItems = mdx(['request: GET /items', 'summary: List items', 'x-ms-api-annotation:', '  status: Production', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-status-ahead',
  area: 'operation',
  severity: 'error',
  platformCodes: ['OperationStatusAheadOfConnector'],
  description: 'No operation is in Production status while the connector is in Preview.',
  rationale:
    'An operation cannot be more stable than the connector that carries it: the validator rejects an operation with `x-ms-api-annotation` status Production ' +
    'in a connector whose status is Preview (`OperationStatusAheadOfConnector`). A connector that does not state its status is not checked.',
  examples: {
    ok: [{ 'connector.mdx': connector('production'), 'actions/ListItems.mdx': listItems }],
    notOk: [
      {
        files: { 'connector.mdx': connector('preview'), 'actions/ListItems.mdx': listItems },
        output: ['actions/ListItems.mdx:5:11-5:21: Operation `ListItems` is in Production while the connector is in Preview; set the connector\'s `status` to production or the operation\'s to Preview (operation-status-ahead)'],
      },
    ],
  },
  check({ swagger, report }) {
    const info = isObject(swagger.info) ? swagger.info['x-ms-api-annotation'] : undefined;
    const status = isObject(info) && typeof info.status === 'string' ? info.status.toLowerCase() : undefined;
    if (status !== 'preview') return;
    for (const op of analyze(swagger).operations) {
      if (annotationOf(op)?.status?.toLowerCase() !== 'production') continue;
      report({
        message: `Operation \`${operationName(op)}\` is in Production while the connector is in Preview; set the connector's \`status\` to production or the operation's to Preview`,
        at: op.visit.at('x-ms-api-annotation', 'status'),
        args: [operationName(op)],
      });
    }
  },
});
