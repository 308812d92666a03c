import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const listItems = (operationId: string) => mdx([`operationId: ${operationId}`, 'request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-id-sanitized',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['OperationIdSanitized'],
  description: 'An operationId has only letters, digits and `_`.',
  rationale:
    'The platform derives identifiers (in flow definitions, Power Fx, generated SDKs) from the operationId with other characters removed; `list-items` becomes `listitems`, ' +
    'so the name a maker sees is not the one written. The validator warns about it (`OperationIdSanitized`); many certified connectors carry it, hence a warning.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('ListItems_V2') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('list-items') },
        output: ['actions/ListItems.mdx:2:14-2:24: Unexpected characters in operationId `list-items`, the platform reads it as `listitems`; use letters, digits and `_` only, like `ListItems` (operation-id-sanitized)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      const id = op.operationId;
      if (id === undefined || id === '' || /^[A-Za-z0-9_]+$/.test(id)) continue;
      const sanitized = id.replace(/[^A-Za-z0-9_]/g, '');
      const pascal = id
        .split(/[^A-Za-z0-9_]+/)
        .filter(Boolean)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
      report({
        message: `Unexpected characters in operationId \`${id}\`, the platform reads it as \`${sanitized}\`; use letters, digits and \`_\` only${pascal ? `, like \`${pascal}\`` : ''}`,
        at: op.visit.at('operationId'),
        args: [id],
      });
    }
  },
});
