import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { annotationOf } from '../operations.ts';
import { analyze } from '../../swagger/index.ts';

const revised = (operationId: string) =>
  mdx([`operationId: ${operationId}`, 'request: GET /v2/items', 'summary: List items', 'x-ms-api-annotation:', '  family: ListItems', '  revision: 2', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-id-revision-suffix',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['OperationIdShouldEndWithRevision'],
  description: 'An operation with `x-ms-api-annotation` revision 2 or more has an operationId ending in that revision, like `ListItems_V2`.',
  rationale:
    'Flows store the operationId; the revision suffix tells the versions of one operation apart at a glance in flow definitions and logs, ' +
    'and the validator asks for it (`OperationIdShouldEndWithRevision`). Revision 1 needs no suffix.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItemsV2.mdx': revised('ListItems_V2') }, { 'connector.mdx': CONNECTOR, 'actions/ListItemsV2.mdx': revised('ListItemsV2') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItemsV2.mdx': revised('ListItemsNew') },
        output: ['actions/ListItemsV2.mdx:2:14-2:26: Expected operationId `ListItemsNew` of revision 2 to end with `V2`, like `ListItemsNew_V2` (operation-id-revision-suffix)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      const annotation = annotationOf(op);
      const revision = Number(annotation?.revision);
      if (!annotation || op.operationId === undefined || !Number.isInteger(revision) || revision < 2) continue;
      if (new RegExp(`v${revision}$`, 'i').test(op.operationId)) continue;
      report({
        message: `Expected operationId \`${op.operationId}\` of revision ${revision} to end with \`V${revision}\`, like \`${op.operationId}_V${revision}\``,
        at: op.visit.at('operationId'),
        args: [op.operationId, String(revision)],
      });
    }
  },
});
