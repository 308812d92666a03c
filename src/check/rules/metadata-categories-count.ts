import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { metadataEntries } from '../certification.ts';

const MAX = 2;

export default defineRule({
  id: 'metadata-categories-count',
  area: 'info',
  severity: 'warning',
  description: `A connector has at most ${MAX} categories in \`x-ms-connector-metadata\`.`,
  rationale:
    'The certification docs allow at most two categories, and the Swagger Validator refuses more (`TooManyConnectorCategories`); no connector in the public repository has more than two.',
  platformCodes: ['TooManyConnectorCategories'],
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES, 'categories: [Productivity, Data]']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'categories: [Productivity, Data, AI, Website]']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:5:13-5:46: Expected at most 2 categories, found 4 (metadata-categories-count)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const entry of metadataEntries(swagger) ?? []) {
      if (entry.name.toLowerCase() !== 'categories' || typeof entry.value !== 'string') continue;
      const count = new Set(entry.value.split(';', 50).map((c) => c.trim()).filter(Boolean)).size;
      if (count > MAX) report({ message: `Expected at most ${MAX} categories, found ${count}`, at: entry.at, args: [] });
    }
  },
});
