import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { families, operationName } from '../operations.ts';
import { analyze } from '../../swagger/index.ts';

/** A member of family `ListItems` with the given revision, status and deprecation. */
const member = (revision: number, status: string, deprecated = false) =>
  mdx([
    `operationId: ListItems_V${revision}`,
    `request: GET /v${revision}/items`,
    'summary: List items',
    ...(deprecated ? ['deprecated: true'] : []),
    'x-ms-api-annotation:',
    '  family: ListItems',
    `  revision: ${revision}`,
    `  status: ${status}`,
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'operation-family-active',
  area: 'operation',
  severity: 'error',
  platformCodes: ['OperationFamilyHasManyActiveOperations', 'OperationFamilyHasManyActiveProductionOperations'],
  description: 'An `x-ms-api-annotation` family has at most two operations that are not deprecated, and at most one of them in Production.',
  rationale:
    'A family is the history of one operation; users should see the current revision and at most the one before it. ' +
    'The validator rejects a family with more than two active operations (`OperationFamilyHasManyActiveOperations`) or several active ones in Production ' +
    '(`OperationFamilyHasManyActiveProductionOperations`): mark the older revisions `deprecated: true`.',
  examples: {
    ok: [
      {
        'connector.mdx': CONNECTOR,
        'actions/ListItemsV1.mdx': member(1, 'Production', true),
        'actions/ListItemsV2.mdx': member(2, 'Production'),
        'actions/ListItemsV3.mdx': member(3, 'Preview'),
      },
    ],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItemsV1.mdx': member(1, 'Production'),
          'actions/ListItemsV2.mdx': member(2, 'Production'),
          'actions/ListItemsV3.mdx': member(3, 'Preview'),
        },
        output: [
          'actions/ListItemsV2.mdx:5:1-5:20: Operation family `ListItems` has 2 active operations in Production (`ListItems_V1`, `ListItems_V2`); mark the older ones `deprecated: true` (operation-family-active)',
          'actions/ListItemsV3.mdx:5:1-5:20: Operation family `ListItems` has 3 operations that are not deprecated, at most 2 are allowed; mark the older ones `deprecated: true` (operation-family-active)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    for (const [family, members] of families(analyze(swagger).operations)) {
      const active = members.filter((m) => !m.annotation.deprecated);
      const production = active.filter((m) => m.annotation.status?.toLowerCase() === 'production');
      if (production.length > 1) {
        const last = production.at(-1)!.op;
        report({
          message: `Operation family \`${family}\` has ${production.length} active operations in Production (${production.map((m) => `\`${operationName(m.op)}\``).join(', ')}); mark the older ones \`deprecated: true\``,
          at: last.visit.at('x-ms-api-annotation'),
          onKey: true,
          args: [family, 'production'],
        });
      }
      if (active.length > 2) {
        const last = active.at(-1)!.op;
        report({
          message: `Operation family \`${family}\` has ${active.length} operations that are not deprecated, at most 2 are allowed; mark the older ones \`deprecated: true\``,
          at: last.visit.at('x-ms-api-annotation'),
          onKey: true,
          args: [family, 'active'],
        });
      }
    }
  },
});
