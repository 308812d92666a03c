import { defineRule } from '../define-rule.ts';
import { mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { isPublished, publishedConnector } from '../certification.ts';

const PUBLISHED = publishedConnector();

const action = (...idLines: string[]) =>
  mdx(['request: GET /items/{id}', 'summary: Get an item', 'description: Gets one item.', 'parameters:', '  id:', '    type: string', '    summary: Item ID', ...idLines, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'parameter-description-missing',
  area: 'parameter',
  severity: 'info',
  description: 'Every visible parameter of a visible operation of a published connector (one that names its `publisher`) has a description.',
  rationale:
    'The submission checklist attests to "detailed descriptions for all operations and parameters": the description is the hint under the field in the designer. Internal parameters are never shown, so they need none.',
  examples: {
    ok: [{ 'connector.mdx': PUBLISHED, 'actions/GetItem.mdx': action('    description: The identifier of the item.') }],
    notOk: [
      {
        files: { 'connector.mdx': PUBLISHED, 'actions/GetItem.mdx': action() },
        output: ['actions/GetItem.mdx:6:3-6:5: Expected a description of parameter `id` of `GetItem`, the hint under its field (parameter-description-missing)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    if (!isPublished(apiProperties)) return;
    const analysis = analyze(swagger);
    for (const { visit, operationId } of analysis.operations) {
      // An internal operation (a webhook's DELETE, a dynamic-values source) never shows its fields.
      if (visit.node['x-ms-visibility'] === 'internal') continue;
      for (const parameter of analysis.parametersIn(visit)) {
        const node = parameter.node;
        if (node.$ref !== undefined || node['x-ms-visibility'] === 'internal' || node.in === 'body') continue;
        if (typeof node.description === 'string' && node.description.trim() !== '') continue;
        const name = typeof node.name === 'string' ? node.name : '?';
        report({ message: `Expected a description of parameter \`${name}\` of \`${operationId ?? '?'}\`, the hint under its field`, at: parameter.pointer, onKey: true, args: [name] });
      }
    }
  },
});
