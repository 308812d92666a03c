import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export default defineRule({
  id: 'path-parameter-required',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['PathParameterMustBeRequired'],
  description: 'Every path parameter is `required: true`.',
  rationale:
    'A URL cannot be built without its path parameters, so Swagger requires `required: true` on them and the platform rejects the definition otherwise (`PathParameterMustBeRequired`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': mdx([
            'request: GET /items/{id}',
            'summary: Get an item',
            'parameters:',
            '  id:',
            '    in: path',
            '    required: false',
            '    type: string',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['actions/GetItem.mdx:7:15-7:20: Expected path parameter `id` to be `required: true` (path-parameter-required)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('parameter')) {
      if (visit.in !== 'path' || visit.node.required === true) continue;
      const name = typeof visit.node.name === 'string' ? visit.node.name : '';
      const missing = visit.node.required === undefined;
      report({
        message: `Expected path parameter \`${name}\` to be \`required: true\``,
        at: missing ? visit.pointer : visit.at('required'),
        ...(missing ? { onKey: true } : {}),
        args: [name],
      });
    }
  },
});
