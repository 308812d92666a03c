import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export default defineRule({
  id: 'operation-id-required',
  area: 'operation',
  severity: 'error',
  platformCodes: ['OperationIdRequired'],
  description: 'Every operation has an operationId.',
  rationale:
    'Flows and apps store the operationId of each action they use, and dynamic values, policies and custom code refer to operations by it; ' +
    'the platform rejects an operation without one (`OperationIdRequired`). plugboard names actions after their file, so this only happens with raw `paths`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([
            ...CONNECTOR_LINES,
            'paths:',
            '  /items:',
            '    get:',
            '      summary: List items',
            '      responses:',
            "        '200':",
            '          description: OK',
          ]),
        },
        output: ['connector.mdx:7:5-7:8: Missing `operationId` in operation `GET /items`; add a unique one like `ListItems` (operation-id-required)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      if (op.visit.node.operationId !== undefined) continue;
      report({
        message: `Missing \`operationId\` in operation \`${op.method.toUpperCase()} ${op.path}\`; add a unique one like \`${suggestId(op.method, op.path)}\``,
        at: op.visit.pointer,
        onKey: true,
        args: [op.method, op.path],
      });
    }
  },
});

/** `get /items/{id}` → `GetItems`, a readable default for the hint. */
function suggestId(method: string, path: string): string {
  const verb = { get: path.endsWith('}') ? 'Get' : 'List', post: 'Create', put: 'Update', patch: 'Update', delete: 'Delete' }[method] ?? 'Call';
  const noun = path
    .split('/')
    .filter((s) => s && !s.startsWith('{'))
    .map((s) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')))
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1))
    .join('');
  return verb + (noun || 'Root');
}
