import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';
import { isObject } from '../../swagger/index.ts';
import { isPublished } from '../certification.ts';

const MIN = 30;
const MAX = 500;

export default defineRule({
  id: 'info-description-length',
  area: 'info',
  severity: 'warning',
  description: `The connector description (\`info.description\`) is ${MIN} to ${MAX} characters; a published connector (one that names its \`publisher\`) has one.`,
  rationale:
    'Certification requires a description of 30 to 500 characters: it is the paragraph under the title on the connector page and in the designer, and the submission is refused outside that range.',
  platformCodes: ['FieldLengthNotInRange'],
  examples: {
    ok: [
      { 'connector.mdx': mdx(['title: Contoso', 'description: Manage the items of a Contoso account from your flows.', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
      { 'connector.mdx': mdx(['title: Contoso', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
    ],
    notOk: [
      {
        files: { 'connector.mdx': mdx(['title: Contoso', 'description: Items', "version: '1.0'", 'host: api.contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:3:14-3:19: Expected a description of 30 to 500 characters, found 5 (info-description-length)'],
      },
      {
        files: { 'connector.mdx': mdx(['title: Contoso', "version: '1.0'", 'host: api.contoso.com', 'publisher: Contoso']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:2:1-2:15: Expected a description of 30 to 500 characters for a published connector, found none (info-description-length)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    const description = isObject(swagger.info) ? swagger.info.description : undefined;
    if (typeof description !== 'string') {
      if (isPublished(apiProperties)) report({ message: `Expected a description of ${MIN} to ${MAX} characters for a published connector, found none`, at: isObject(swagger.info) ? '/info' : '', args: ['missing'] });
      return;
    }
    const length = [...description.trim()].length;
    if (length >= MIN && length <= MAX) return;
    report({ message: `Expected a description of ${MIN} to ${MAX} characters, found ${length}`, at: '/info/description', args: [] });
  },
});
