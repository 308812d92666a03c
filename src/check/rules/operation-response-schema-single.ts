import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { operationName } from '../operations.ts';
import { analyze, responses } from '../../swagger/index.ts';

const createItem = (createdSchema: boolean) =>
  mdx([
    'request: POST /items',
    'summary: Create an item',
    'responses:',
    "  '200':",
    '    description: Updated',
    '    schema:',
    '      type: object',
    "  '201':",
    '    description: Created',
    ...(createdSchema ? ['    schema:', '      type: object', '      properties:', '        id:', '          type: string'] : []),
  ]);

export default defineRule({
  id: 'operation-response-schema-single',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['OperationHasManyResponsesWithSchema'],
  description: 'The successful (`2xx`) responses of an operation that have a `schema` all have the same one.',
  rationale:
    'The designer builds an action\'s outputs from one response schema only; when several `2xx` responses have one, the others are ignored and their fields never appear. ' +
    'The validator warns about it (`OperationHasManyResponsesWithSchema`); merge the schemas into one response. Error responses may keep their schemas, and the same schema on several statuses is fine.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem(false) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem(true) },
        output: ['actions/CreateItem.mdx:11:5-11:11: Operation `CreateItem` has a schema on 2 successful responses (200, 201); the designer uses only one, so merge them into one response (operation-response-schema-single)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      const withSchema = responses(swagger, op.visit.node).filter((r) => /^2\d\d$/.test(r.status) && r.response.schema !== undefined);
      // One schema written twice (the same `$ref`, a YAML alias) gives the designer no choice to make.
      if (withSchema.length < 2 || withSchema.every((r) => isDeepStrictEqual(r.response.schema, withSchema[0]!.response.schema))) continue;
      const second = withSchema[1]!;
      const written = op.visit.node.responses as Record<string, unknown>;
      const direct = typeof (written[second.status] as { $ref?: unknown } | undefined)?.$ref !== 'string';
      report({
        message: `Operation \`${operationName(op)}\` has a schema on ${withSchema.length} successful responses (${withSchema.map((r) => r.status).join(', ')}); the designer uses only one, so merge them into one response`,
        at: direct ? op.visit.at('responses', second.status, 'schema') : op.visit.at('responses', second.status),
        onKey: true,
        args: [operationName(op)],
      });
    }
  },
});
