import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';
import { isPublished, PUBLISHED_ACTION, publishedConnector } from '../certification.ts';

export default defineRule({
  id: 'info-contact',
  area: 'info',
  severity: 'warning',
  description: 'A published connector (one that names its `publisher`) has an `info.contact` with name, url and email.',
  rationale:
    'The connector page shows `info.contact` as its Contact table: who supports the connector and where to write when it fails. Certification asks for all three; 48 public connectors have no contact at all.',
  examples: {
    ok: [
      { 'connector.mdx': publishedConnector(), 'actions/GetItem.mdx': PUBLISHED_ACTION },
    ],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'publisher: Contoso', 'contact:', '  name: Contoso support']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:6:1-6:8: Missing `url` and `email` in the contact of a published connector (info-contact)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    const info = isObject(swagger.info) ? swagger.info : undefined;
    const contact = info && isObject(info.contact) ? info.contact : undefined;
    if (!isPublished(apiProperties)) return;
    const missing = ['name', 'url', 'email'].filter((k) => typeof contact?.[k] !== 'string' || contact[k] === '').map((k) => `\`${k}\``);
    if (!missing.length) return;
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    report({ message: contact ? `Missing ${list} in the contact of a published connector` : 'Missing `info.contact` (name, url, email) in a published connector', at: contact ? '/info/contact' : info ? '/info' : '', onKey: true, args: ['missing'] });
  },
});
