import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const action = (second: string) =>
  mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK', '    headers:', '      X-Total-Count:', '        type: integer', `      ${second}:`, '        type: string']);

export default defineRule({
  id: 'response-header-unique',
  area: 'operation',
  severity: 'error',
  description: 'A response does not declare one header twice under names that differ only in case.',
  rationale:
    'HTTP header names are case-insensitive, so `X-Total-Count` and `x-total-count` are one header: the designer would show two outputs for one value, and the Swagger Validator rejects it (`ResponseHeadersAreNotUnique`).',
  platformCodes: ['ResponseHeadersAreNotUnique'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('Link') }],
    notOk: [{ files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('x-total-count') }, output: ['actions/ListItems.mdx:10:7-10:20: Unexpected header `x-total-count`, the response already declares `X-Total-Count` (header names ignore case) (response-header-unique)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('response')) {
      if (!isObject(visit.node.headers)) continue;
      const first = new Map<string, string>();
      for (const name of Object.keys(visit.node.headers)) {
        const key = name.toLowerCase();
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, name);
          continue;
        }
        report({ message: `Unexpected header \`${name}\`, the response already declares \`${earlier}\` (header names ignore case)`, at: visit.at('headers', name), onKey: true, args: [name], cause: { message: `\`${earlier}\` declared here`, at: visit.at('headers', earlier) } });
      }
    }
  },
});
