import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const search = (extra: string[]) =>
  mdx(['request: GET /items', 'summary: Search items', 'parameters:', '  q:', '    type: string', ...extra, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'parameter-query-encoding',
  area: 'parameter',
  severity: 'warning',
  platformCodes: ['QueryParameterEncodingNotSupported'],
  description: 'No query parameter sets `x-ms-url-encoding` (`urlEncoding`): query values are always encoded once.',
  rationale:
    'The platform encodes every query value once and ignores an encoding written on a query parameter; the validator warns (`QueryParameterEncodingNotSupported`). ' +
    'Certified connectors carry it, so it is a warning: remove it.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/SearchItems.mdx': search([]) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/SearchItems.mdx': search(['    x-ms-url-encoding: double']) },
        output: ['actions/SearchItems.mdx:7:5-7:22: Unexpected `x-ms-url-encoding` on query parameter `q`; query values are always encoded once, so remove it (parameter-query-encoding)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).withKey('x-ms-url-encoding')) {
      if (visit.kind !== 'parameter' || visit.in !== 'query') continue;
      const name = typeof visit.node.name === 'string' ? visit.node.name : '';
      report({
        message: `Unexpected \`x-ms-url-encoding\` on query parameter \`${name}\`; query values are always encoded once, so remove it`,
        at: visit.at('x-ms-url-encoding'),
        onKey: true,
        args: [name],
      });
    }
  },
});
