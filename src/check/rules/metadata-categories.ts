import { suggest } from '../../model/open-object.ts';
import { CATEGORIES } from '../../model/connector.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { metadataEntries } from '../certification.ts';

const known = new Set<string>(CATEGORIES);

export default defineRule({
  id: 'metadata-categories',
  area: 'info',
  severity: 'warning',
  description: `Each category in \`x-ms-connector-metadata\` is one of the platform's ${CATEGORIES.length}: ${CATEGORIES.join(', ')}.`,
  rationale:
    'The catalogue files connectors under a fixed list of categories; the Swagger Validator refuses any other value (`InvalidConnectorCategory`), and a misspelt one leaves the connector out of its category.',
  platformCodes: ['InvalidConnectorCategory'],
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES, 'categories: [Productivity, IT Operations]']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'categories: [Productivty, Foo]']), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          "connector.mdx:5:13-5:31: Unknown category `Foo`; the platform's categories are AI, Business Management, Business Intelligence, Collaboration, Commerce, Communication, Content and Files, Finance, Data, Human Resources, Internet of Things, IT Operations, Lifestyle and Entertainment, Marketing, Productivity, Sales and CRM, Security, Social Media, Website (metadata-categories)",
          'connector.mdx:5:13-5:31: Unknown category `Productivty`, did you mean `Productivity`? (metadata-categories)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    for (const entry of metadataEntries(swagger) ?? []) {
      if (entry.name.toLowerCase() !== 'categories' || typeof entry.value !== 'string') continue;
      for (const category of entry.value.split(';', 50).map((c) => c.trim()).filter(Boolean)) {
        if (known.has(category)) continue;
        const hint = suggest(category, CATEGORIES);
        const message = hint
          ? `Unknown category \`${category}\`, did you mean \`${hint}\`?`
          : `Unknown category \`${category}\`; the platform's categories are ${CATEGORIES.join(', ')}`;
        report({ message, at: entry.at, args: [category] });
      }
    }
  },
});
