import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';
import { metadataEntries } from '../certification.ts';
import { show } from '../text.ts';

/** An absolute http(s) URL with a host: what the connector page can link to. */
export function isWebUrl(value: string): boolean {
  if (value.length > 2048 || /\s/.test(value.trim())) return false;
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export default defineRule({
  id: 'metadata-url',
  area: 'info',
  severity: 'warning',
  description: 'The connector metadata `Website` and `Privacy policy`, and `info.contact.url`, are absolute http(s) URLs.',
  rationale:
    'These are the links of the connector page\'s Contact and Connector Metadata tables; the Swagger Validator refuses a value that is not a URL (`UrlNotValid`), and a relative or misspelt one is a dead link.',
  platformCodes: ['UrlNotValid'],
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES, 'website: https://contoso.com', 'contact:', '  url: https://contoso.com/support']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'website: contoso.com', 'privacyPolicy: https://contoso.com/privacy', 'contact:', '  url: support page']), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          'connector.mdx:5:10-5:21: Expected `Website` to be an absolute URL like `https://contoso.com`, found `contoso.com` (metadata-url)',
          'connector.mdx:8:8-8:20: Expected `contact.url` to be an absolute URL like `https://contoso.com`, found `support page` (metadata-url)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    for (const entry of metadataEntries(swagger) ?? []) {
      if (!['website', 'privacy policy'].includes(entry.name.toLowerCase()) || typeof entry.value !== 'string' || isWebUrl(entry.value)) continue;
      report({ message: `Expected \`${entry.name}\` to be an absolute URL like \`https://contoso.com\`, found ${show(entry.value)}`, at: entry.at, args: [entry.name] });
    }
    const contact = isObject(swagger.info) && isObject(swagger.info.contact) ? swagger.info.contact : undefined;
    if (contact && typeof contact.url === 'string' && !isWebUrl(contact.url)) {
      report({ message: `Expected \`contact.url\` to be an absolute URL like \`https://contoso.com\`, found ${show(contact.url)}`, at: '/info/contact/url', args: ['contact'] });
    }
  },
});
