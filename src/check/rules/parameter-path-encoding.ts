import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

export default defineRule({
  id: 'parameter-path-encoding',
  area: 'parameter',
  severity: 'info',
  platformCodes: ['PathParameterMissingEncoding'],
  description: 'Every path parameter states its `x-ms-url-encoding` (`urlEncoding` in plugboard): `single`, or `double` for values holding `/`.',
  rationale:
    'A path parameter is percent-encoded into its segment; without an explicit encoding the validator warns that the request may be invalid (`PathParameterMissingEncoding`). ' +
    'plugboard writes `single` for parameters it finds in the path by name; a parameter written with `in: path` states it itself. ' +
    'Advice, not a warning: `single` is what the platform does anyway, and certified connectors leave it out (287 path parameters in 15 of the 35 reference connectors).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': mdx(['request: GET /items/{id}', 'summary: Get an item', 'parameters:', '  id:', '    in: path', '    required: true', '    type: string', 'responses:', "  '200':", '    description: OK']),
        },
        output: ['actions/GetItem.mdx:6:9-6:13: Missing encoding on path parameter `id`; add `urlEncoding: single` (`x-ms-url-encoding`), or `double` for values holding `/` (parameter-path-encoding)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('parameter')) {
      if (visit.in !== 'path' || visit.node['x-ms-url-encoding'] !== undefined) continue;
      const name = typeof visit.node.name === 'string' ? visit.node.name : '';
      report({
        message: `Missing encoding on path parameter \`${name}\`; add \`urlEncoding: single\` (\`x-ms-url-encoding\`), or \`double\` for values holding \`/\``,
        at: visit.at('in'),
        args: [name],
      });
    }
  },
});
