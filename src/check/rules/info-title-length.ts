import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';

const MAX = 30;

export default defineRule({
  id: 'info-title-length',
  area: 'info',
  severity: 'warning',
  description: `The connector title (\`info.title\`) is at most ${MAX} characters.`,
  rationale:
    'Certification requires a title of at most 30 characters: it is the connector name in the designer, on its card and on its documentation page, and a longer one is cut or refused when the connector is submitted.',
  platformCodes: ['FieldLengthExceeded'],
  examples: {
    ok: [{ 'connector.mdx': mdx(['title: Contoso Items', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(['title: Contoso Enterprise Items and Things Manager', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:2:8-2:51: Expected a title of at most 30 characters, found 43 (info-title-length)'],
      },
    ],
  },
  check({ swagger, report }) {
    const title = isObject(swagger.info) ? swagger.info.title : undefined;
    if (typeof title !== 'string' || [...title].length <= MAX) return;
    report({ message: `Expected a title of at most ${MAX} characters, found ${[...title].length}`, at: '/info/title', args: [] });
  },
});
