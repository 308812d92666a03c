import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const listItems = (name: string) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', `  ${name}:`, '    type: string', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'parameter-connection-id',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['ConnectionIdParameterNotAllowed'],
  description: 'No parameter is named `connectionId`.',
  rationale:
    'The platform routes every call through `/{connectionId}/…` of the connection it was made with, and that name is its own; ' +
    'a parameter of the same name would clash with it, and the validator rejects it (`ConnectionIdParameterNotAllowed`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('accountId') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('connectionId') },
        output: ['actions/ListItems.mdx:5:3-5:15: Unexpected parameter name `connectionId`, the platform reserves it for the connection; rename the parameter (parameter-connection-id)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('parameter')) {
      if (visit.node.name !== 'connectionId') continue;
      report({
        message: 'Unexpected parameter name `connectionId`, the platform reserves it for the connection; rename the parameter',
        at: visit.pointer,
        onKey: true,
        args: [],
      });
    }
  },
});
