import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export default defineRule({
  id: 'operation-id-unique',
  area: 'operation',
  severity: 'error',
  platformCodes: ['OperationIdNotUnique'],
  description: 'Each operationId is used by one operation only.',
  rationale:
    'Flows, apps, dynamic values, policies and custom code all refer to operations by operationId; with two operations of one id the platform rejects the definition (`OperationIdNotUnique`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': GET_ITEM,
          'actions/GetThing.mdx': mdx([
            'operationId: GetItem',
            'request: GET /things/{id}',
            'summary: Get a thing',
            'parameters:',
            '  id:',
            '    type: string',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['actions/GetThing.mdx:2:14-2:21: Duplicate operationId `GetItem`; rename one of the two operations (operation-id-unique)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      if (op.operationId === undefined) continue;
      const first = analysis.operationsById.get(op.operationId);
      if (!first || first === op) continue;
      report({
        message: `Duplicate operationId \`${op.operationId}\`; rename one of the two operations`,
        at: op.visit.at('operationId'),
        cause: { message: 'First used here', at: first.visit.at('operationId') },
        args: [String(op.operationId)],
      });
    }
  },
});
