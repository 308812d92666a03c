import { defineRule } from '../define-rule.ts';
import { mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { isPublished, PUBLISHED_ACTION, publishedConnector } from '../certification.ts';

const PUBLISHED = publishedConnector();

export default defineRule({
  id: 'operation-description-missing',
  area: 'operation',
  severity: 'info',
  description: 'Every operation of a published connector (one that names its `publisher`) has a description besides its summary.',
  rationale:
    'Certification asks for a summary, a description and visibility on every operation: the description is the tooltip in the designer and the paragraph on the documentation page, and the submission checklist attests to it.',
  examples: {
    ok: [{ 'connector.mdx': PUBLISHED, 'actions/GetItem.mdx': PUBLISHED_ACTION }],
    notOk: [
      {
        files: { 'connector.mdx': PUBLISHED, 'actions/ListItems.mdx': mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK']) },
        output: ['actions/ListItems.mdx:2:1-2:20: Expected a description of operation `ListItems`, the tooltip in the designer (operation-description-missing)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    if (!isPublished(apiProperties)) return;
    for (const { visit, operationId, method, path } of analyze(swagger).operations) {
      const description = visit.node.description;
      if (typeof description === 'string' && description.trim() !== '') continue;
      const name = operationId ?? `${method.toUpperCase()} ${path}`;
      report({ message: `Expected a description of operation \`${name}\`, the tooltip in the designer`, at: visit.pointer, onKey: true, args: [] });
    }
  },
});
