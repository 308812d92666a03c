import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { operationName, pathShape } from '../operations.ts';
import { analyze, type OperationEntry } from '../../swagger/index.ts';

const byName = mdx(['request: GET /items/{name}', 'summary: Get an item by name', 'parameters:', '  name:', '    type: string', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'path-template-duplicate',
  area: 'operation',
  severity: 'error',
  platformCodes: ['DuplicateOperationPath'],
  description: 'No two operations of one method have paths that differ only in the names of their variables, like `/items/{id}` and `/items/{name}`.',
  rationale:
    'The platform routes a call by method and path; `GET /items/{id}` and `GET /items/{name}` match the same URLs, so one of them can never be reached. ' +
    'The validator rejects them (`DuplicateOperationPath`): the paths need a difference in a fixed segment.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/GetItemByName.mdx': byName.replace('/items/{name}', '/items/by-name/{name}') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/GetItemByName.mdx': byName },
        output: [
          'actions/GetItemByName.mdx:2:1-2:27: `GET /items/{name}` cannot be told apart from `GET /items/{id}` (GetItem): the same URLs match both; change a fixed segment of one path (path-template-duplicate)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const first = new Map<string, OperationEntry>();
    for (const op of analyze(swagger).operations) {
      const key = `${op.method} ${pathShape(op.path)}`;
      const other = first.get(key);
      if (!other) {
        first.set(key, op);
        continue;
      }
      // The same path twice is one path item in JSON; a case variant is path-case-duplicate's.
      if (other.path === op.path || other.path.toLowerCase() === op.path.toLowerCase()) continue;
      report({
        message: `\`${op.method.toUpperCase()} ${op.path}\` cannot be told apart from \`${other.method.toUpperCase()} ${other.path}\` (${operationName(other)}): the same URLs match both; change a fixed segment of one path`,
        at: op.visit.pointer,
        onKey: true,
        cause: { message: 'The other operation', at: other.visit.pointer },
        args: [op.method, op.path, other.path],
      });
    }
  },
});
