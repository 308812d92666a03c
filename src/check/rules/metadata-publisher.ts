import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { propertiesOf, PUBLISHED_ACTION, publishedConnector } from '../certification.ts';

const named = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export default defineRule({
  id: 'metadata-publisher',
  area: 'info',
  severity: 'info',
  description: 'A connector that names its `publisher` also names its `stackOwner` (apiProperties).',
  rationale:
    'Certification asks for both: the publisher is shown on the connector page, the stack owner is who runs the service behind it (the same company for a verified publisher; the service owner for an independent publisher).',
  examples: {
    ok: [{ 'connector.mdx': publishedConnector(), 'actions/GetItem.mdx': PUBLISHED_ACTION }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'publisher: Contoso', 'categories: [Data]']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:5:1-5:10: Missing `stackOwner` beside `publisher`: certification asks who owns the service behind the connector (metadata-publisher)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    const properties = propertiesOf(apiProperties);
    const hasPublisher = named(properties.publisher);
    if (hasPublisher && !named(properties.stackOwner)) {
      report({ message: 'Missing `stackOwner` beside `publisher`: certification asks who owns the service behind the connector', at: '/properties/publisher', doc: 'apiProperties', onKey: true, args: ['stackOwner'] });
    }
  },
});
