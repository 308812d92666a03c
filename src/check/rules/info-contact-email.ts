import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';
import { show } from '../text.ts';

/** Something@domain.tld, without spaces: what a mail client opens. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export default defineRule({
  id: 'info-contact-email',
  area: 'info',
  severity: 'warning',
  description: '`info.contact.email` is an email address.',
  rationale:
    'The connector page shows `info.contact` as its Contact table, the address users write to when the connector fails; the Swagger Validator refuses an address that is not one (`ContactEmailNotValid`).',
  platformCodes: ['ContactEmailNotValid'],
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES, 'contact:', '  email: support@contoso.com']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'contact:', '  email: support at contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:6:10-6:32: Expected `contact.email` to be an email address like `support@contoso.com`, found `support at contoso.com` (info-contact-email)'],
      },
    ],
  },
  check({ swagger, report }) {
    const contact = isObject(swagger.info) && isObject(swagger.info.contact) ? swagger.info.contact : undefined;
    if (!contact || typeof contact.email !== 'string' || EMAIL.test(contact.email.trim())) return;
    report({ message: `Expected \`contact.email\` to be an email address like \`support@contoso.com\`, found ${show(contact.email)}`, at: '/info/contact/email', args: [] });
  },
});
