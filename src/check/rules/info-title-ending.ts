import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';
import { show } from '../text.ts';

export default defineRule({
  id: 'info-title-ending',
  area: 'info',
  severity: 'warning',
  description: 'The connector title ends with a letter, a digit or a closing parenthesis.',
  rationale:
    'Certification string guidance: a title must not end with punctuation, a symbol or white space. The platform appends suffixes such as "(Preview)" or "(Independent Publisher)" to the name, and a trailing character makes them read wrong.',
  platformCodes: ['ValueMustEndWithAlphanumeric'],
  examples: {
    ok: [{ 'connector.mdx': mdx(['title: Contoso Items 365', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(['title: Contoso Items.', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:2:8-2:22: Expected the title `Contoso Items.` to end with a letter, a digit or `)` (info-title-ending)'],
      },
    ],
  },
  check({ swagger, report }) {
    const title = isObject(swagger.info) ? swagger.info.title : undefined;
    if (typeof title !== 'string' || title === '' || /[\p{L}\p{N})]$/u.test(title)) return;
    report({ message: `Expected the title ${show(title)} to end with a letter, a digit or \`)\``, at: '/info/title', args: [] });
  },
});
