import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';
import { PRODUCT_NAMES } from '../certification.ts';

/** Words a title must not contain: the platform says what a connector is, and product names are Microsoft's. */
const TITLE_WORDS = ['API', 'Connector', ...PRODUCT_NAMES];

function found(text: string, words: readonly string[]): string | undefined {
  return words.find((word) => new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu').test(text));
}

export default defineRule({
  id: 'info-restricted-words',
  area: 'info',
  severity: 'warning',
  description: `The title carries none of ${TITLE_WORDS.map((w) => `"${w}"`).join(', ')}; the description names no Power Platform product.`,
  rationale:
    'Certification rules: the title is the name of the product or organisation, without "API" or "Connector" (every connector is one) and without Microsoft product names, which the connector does not own; descriptions must not name products either, since the connector is shown in several of them.',
  platformCodes: ['ValueContainsRestrictedWords'],
  examples: {
    ok: [{ 'connector.mdx': mdx(['title: Contoso Items', 'description: Manage the items of a Contoso account from your flows.', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(['title: Contoso API Connector', 'description: Manage Contoso items from Power Automate flows.', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          'connector.mdx:2:8-2:29: Unexpected `API` in the title: name the product or the organisation, the platform says it is a connector (info-restricted-words)',
          'connector.mdx:3:14-3:61: Unexpected product name `Power Automate` in the description: the connector is used in several products (info-restricted-words)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    if (!isObject(swagger.info)) return;
    const { title, description } = swagger.info;
    const inTitle = typeof title === 'string' ? found(title, TITLE_WORDS) : undefined;
    if (inTitle) report({ message: `Unexpected \`${inTitle}\` in the title: name the product or the organisation, the platform says it is a connector`, at: '/info/title', args: ['title'] });
    const inDescription = typeof description === 'string' ? found(description, PRODUCT_NAMES) : undefined;
    if (inDescription) report({ message: `Unexpected product name \`${inDescription}\` in the description: the connector is used in several products`, at: '/info/description', args: ['description'] });
  },
});
