import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export default defineRule({
  id: 'array-schemes-empty',
  area: 'connector',
  severity: 'error',
  platformCodes: ['SchemesArrayEmpty'],
  description: '`schemes`, where given, lists at least one scheme.',
  rationale:
    'The platform builds each request URL from a scheme of `schemes`; an empty list leaves none, and the validator rejects it (`SchemesArrayEmpty`). ' +
    'Write `[https]`, or leave `schemes` out.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'schemes: []']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:5:10-5:12: Expected `schemes` to list at least one scheme, like `[https]`, or to be left out (array-schemes-empty)'],
      },
    ],
  },
  check({ swagger, report }) {
    const check = (list: unknown, at: string) => {
      if (Array.isArray(list) && list.length === 0) {
        report({ message: 'Expected `schemes` to list at least one scheme, like `[https]`, or to be left out', at, args: [] });
      }
    };
    check(swagger.schemes, '/schemes');
    for (const op of analyze(swagger).operations) check(op.visit.node.schemes, op.visit.at('schemes'));
  },
});
