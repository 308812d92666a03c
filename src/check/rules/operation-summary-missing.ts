import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export default defineRule({
  id: 'operation-summary-missing',
  area: 'operation',
  severity: 'warning',
  description: 'Every operation a user can see (not `x-ms-visibility: internal`) has a `summary`, the name the designer shows on its card.',
  rationale:
    'Without a summary the designer names the action or trigger by its operationId (`GetDwdIconForecast`), and the documentation page has no title for it. ' +
    'The platform imports such a definition, so this is a warning; certification asks for a summary, a description and visibility on every operation, so the `certification` preset makes it an error. ' +
    '`check --fix` writes a summary made from the operationId (`ListOpenTasks_V2` → `List open tasks`), in sentence case, for the author to improve.',
  examples: {
    ok: [
      { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK']) },
      { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': mdx(['request: GET /items', 'visibility: internal', 'responses:', "  '200':", '    description: OK']) },
    ],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListOpenItems.mdx': mdx(['request: GET /items', 'responses:', "  '200':", '    description: OK']) },
        output: ['actions/ListOpenItems.mdx:2:1-2:20: Missing the summary of operation `ListOpenItems`; the designer shows its operationId instead (operation-summary-missing)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const { visit, operationId, method, path } of analyze(swagger).operations) {
      const summary = visit.node.summary;
      if (visit.node['x-ms-visibility'] === 'internal' || (typeof summary === 'string' && summary.trim() !== '')) continue;
      const name = operationId ?? `${method.toUpperCase()} ${path}`;
      report({ message: `Missing the summary of operation \`${name}\`; the designer shows its operationId instead`, at: visit.pointer, onKey: true, args: [] });
    }
  },
});
