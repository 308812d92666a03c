import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { SUPPORTED_MEDIA_TYPES, consumesOf, mediaType, operationName } from '../operations.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

const createItem = (consumes: string) =>
  mdx(['request: POST /items', 'summary: Create an item', `consumes: ${consumes}`, 'body:', '  schema:', '    type: object', 'responses:', "  '201':", '    description: Created']);

const SUPPORTED: readonly string[] = SUPPORTED_MEDIA_TYPES;
const LISTED = `${SUPPORTED_MEDIA_TYPES.slice(0, -1).join(', ')} or ${SUPPORTED_MEDIA_TYPES.at(-1)}`;

export default defineRule({
  id: 'operation-consumes-supported',
  area: 'operation',
  severity: 'warning',
  platformCodes: ['ConsumesMissing', 'MimeTypeNotSupported'],
  description: `An operation with a body parameter that lists \`consumes\` includes a media type the platform sends: ${LISTED}.`,
  rationale:
    'The platform encodes a request body as JSON, text or a form; it cannot produce XML or other types (`MimeTypeNotSupported`). ' +
    'An operation with a body whose `consumes` is empty, or lists only such types, names no way the platform can send it (`ConsumesMissing`). ' +
    'Certified connectors carry both, so it is a warning. Without any `consumes` the body is sent as JSON, and an unsupported type beside a supported one is never used: neither is reported. ' +
    'Form parameters are `parameter-form-data-consumes`\' and a malformed media type `mime-type-valid`\'s.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem('[application/json, application/xml]') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem('[application/xml]') },
        output: [
          'actions/CreateItem.mdx:4:11-4:28: Unexpected `consumes` of operation `CreateItem`: the platform cannot send `application/xml`; add application/json, text/plain, multipart/form-data or application/x-www-form-urlencoded (operation-consumes-supported)',
        ],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem('[]') },
        output: ['actions/CreateItem.mdx:4:11-4:13: Expected `consumes` of operation `CreateItem`, which has a body, to list a media type like application/json (operation-consumes-supported)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      const consumes = consumesOf(swagger, op);
      if (!consumes || consumes.types.some((type) => SUPPORTED.includes(mediaType(type)))) continue;
      // Form parameters with no form type in `consumes` are parameter-form-data-consumes'.
      const list = parametersOf(analysis, op.visit);
      if (!list.some((p) => p.node.in === 'body') || list.some((p) => p.node.in === 'formData')) continue;
      const at = consumes.own ? op.visit.at('consumes') : '/consumes';
      const name = operationName(op);
      report({
        message:
          consumes.types.length === 0
            ? `Expected \`consumes\` of operation \`${name}\`, which has a body, to list a media type like application/json`
            : `Unexpected \`consumes\` of operation \`${name}\`: the platform cannot send ${consumes.types.map((t) => `\`${t}\``).join(', ')}; add ${LISTED}`,
        at,
        args: [name],
      });
    }
  },
});
