import { defineRule } from '../define-rule.ts';
import { CONNECTOR, getItemWithId } from '../examples.ts';
import { keywordNodes, nameOf, show } from '../schemas.ts';
import type { Json } from '../../swagger/index.ts';

const VALUE_KEYS = ['default', 'x-ms-test-value'] as const;

export default defineRule({
  id: 'schema-default-in-enum',
  area: 'schema',
  severity: 'warning',
  description: 'A `default` or `x-ms-test-value` of a schema or parameter with an `enum` is one of its values.',
  rationale:
    'The designer shows an `enum` as a dropdown; a default outside it is a value the user can neither see nor pick again, and the API is likely to refuse it. ' +
    'The Swagger Validator reports it (`JsonValueNotInEnum`). Values are compared as JSON, so `1` and `"1"` differ.',
  platformCodes: ['JsonValueNotInEnum'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    default: open', '    enum: [open, closed]') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    default: Open', '    enum: [open, closed]') },
        output: ['actions/GetItem.mdx:7:14-7:18: Unexpected `default` `Open` of parameter `id`, expected one of its `enum` values (schema-default-in-enum)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of keywordNodes(swagger)) {
      const values = visit.node.enum;
      if (!Array.isArray(values) || values.length === 0) continue;
      const known = new Set(values.slice(0, 1000).map(key));
      for (const name of VALUE_KEYS) {
        const value = visit.node[name];
        if (value === undefined || known.has(key(value))) continue;
        report({ message: `Unexpected \`${name}\` \`${show(value)}\` of ${nameOf(visit)}, expected one of its \`enum\` values`, at: visit.at(name), args: [name] });
      }
    }
  },
});

function key(value: Json): string {
  return JSON.stringify(value) ?? '';
}
