import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { operationName } from '../operations.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

const search = (method: string) =>
  mdx([`request: ${method} /items/search`, 'summary: Search items', 'body:', '  schema:', '    type: object', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-get-body',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['BodyOrFormDataParameterInFetchOperationNotAllowed'],
  description: 'A GET operation has no body or form parameters.',
  rationale:
    'HTTP gives a GET request no meaning for a body, and proxies and servers may drop it; the validator reports body and form parameters on GET ' +
    '(`BodyOrFormDataParameterInFetchOperationNotAllowed`). A few certified connectors still have one, so it is a warning: send the values as query parameters, or use POST.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/SearchItems.mdx': search('POST') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/SearchItems.mdx': search('GET') },
        output: ['actions/SearchItems.mdx:4:1-4:5: Unexpected body parameter `body` in GET operation `SearchItems`; send the values as query parameters, or use POST (operation-get-body)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      if (op.method !== 'get') continue;
      for (const p of parametersOf(analysis, op.visit)) {
        if (p.node.in !== 'body' && p.node.in !== 'formData') continue;
        const name = String(p.node.name ?? '');
        report({
          message: `Unexpected ${p.node.in === 'body' ? 'body' : 'form'} parameter \`${name}\` in GET operation \`${operationName(op)}\`; send the values as query parameters, or use POST`,
          at: p.visit.pointer,
          onKey: true,
          args: [operationName(op), name],
        });
      }
    }
  },
});
