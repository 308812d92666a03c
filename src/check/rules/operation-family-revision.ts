import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { families, hasRevision, operationName } from '../operations.ts';
import { analyze } from '../../swagger/index.ts';

/** `GET /<path>` in family `items` with the annotation lines given (from line 5 of the file on). */
const member = (operationId: string, path: string, ...annotation: string[]) =>
  mdx([`operationId: ${operationId}`, `request: GET ${path}`, 'summary: List items', 'x-ms-api-annotation:', '  family: ListItems', ...annotation, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-family-revision',
  area: 'operation',
  severity: 'error',
  platformCodes: ['OperationFamilyHasDuplicateRevisions', 'OperationFamilyHasManyEmptyRevisions', 'OperationRevisionEmpty'],
  description: 'The operations of one `x-ms-api-annotation` family have different revisions, and at most one has none.',
  rationale:
    'A family groups the versions of one operation (`ListItems`, `ListItems_V2`); the designer offers the newest revision and marks the others as older versions. ' +
    'Two operations of one revision, or two without a revision, cannot be ordered, and the validator rejects the definition (`OperationFamilyHasDuplicateRevisions`, `OperationFamilyHasManyEmptyRevisions`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': member('ListItems', '/items'), 'actions/ListItemsV2.mdx': member('ListItems_V2', '/v2/items', '  revision: 2') }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': member('ListItems', '/items', '  revision: 2'),
          'actions/ListItemsV2.mdx': member('ListItems_V2', '/v2/items', '  revision: 2'),
        },
        output: ['actions/ListItemsV2.mdx:7:13-7:14: Duplicate revision 2 in operation family `ListItems`; give each operation of a family its own revision (operation-family-revision)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': member('ListItems', '/items'), 'actions/ListItemsV2.mdx': member('ListItems_V2', '/v2/items') },
        output: ['actions/ListItemsV2.mdx:5:1-5:20: Operation `ListItems_V2` has no revision, like `ListItems` of the same family `ListItems`; only one operation of a family may have none (operation-family-revision)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const [family, members] of families(analyze(swagger).operations)) {
      const byRevision = new Map<string, (typeof members)[number]>();
      let withoutRevision: (typeof members)[number] | undefined;
      for (const member of members) {
        const { op, annotation } = member;
        if (!hasRevision(annotation.revision)) {
          if (!withoutRevision) withoutRevision = member;
          else {
            report({
              message: `Operation \`${operationName(op)}\` has no revision, like \`${operationName(withoutRevision.op)}\` of the same family \`${family}\`; only one operation of a family may have none`,
              at: op.visit.at('x-ms-api-annotation'),
              onKey: true,
              cause: { message: 'Also without a revision', at: withoutRevision.op.visit.at('x-ms-api-annotation') },
              args: [family, operationName(op)],
            });
          }
          continue;
        }
        const key = String(annotation.revision).trim();
        const first = byRevision.get(key);
        if (!first) {
          byRevision.set(key, member);
          continue;
        }
        report({
          message: `Duplicate revision ${key} in operation family \`${family}\`; give each operation of a family its own revision`,
          at: op.visit.at('x-ms-api-annotation', 'revision'),
          cause: { message: 'First used here', at: first.op.visit.at('x-ms-api-annotation', 'revision') },
          args: [family, key],
        });
      }
    }
  },
});
