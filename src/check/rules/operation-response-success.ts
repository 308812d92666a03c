import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { operationName } from '../operations.ts';
import { analyze, isSuccess, responses } from '../../swagger/index.ts';

export default defineRule({
  id: 'operation-response-success',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['OperationShouldHaveSuccessfulResponse'],
  description: 'Every operation describes at least one successful response: a `2xx` status or `default`.',
  rationale:
    'The designer takes the outputs a flow can use from the successful response; an operation that lists only errors has no outputs, ' +
    'and the validator warns about it (`OperationShouldHaveSuccessfulResponse`). An operation without any response is reported by `swagger-schema`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/DeleteItem.mdx': mdx(['request: DELETE /items/{id}', 'summary: Delete an item', 'parameters:', '  id:', '    type: string', 'responses:', "  '404':", '    description: Not found']),
        },
        output: ['actions/DeleteItem.mdx:7:1-7:10: Operation `DeleteItem` has no successful response; add a `2xx` status (or `default`) to `responses` (operation-response-success)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      const list = responses(swagger, op.visit.node);
      if (list.length === 0 || list.some((r) => isSuccess(r.status) || /^2xx$/i.test(r.status))) continue;
      report({
        message: `Operation \`${operationName(op)}\` has no successful response; add a \`2xx\` status (or \`default\`) to \`responses\``,
        at: op.visit.at('responses'),
        onKey: true,
        args: [operationName(op)],
      });
    }
  },
});
