import { defineRule } from '../define-rule.ts';
import { CONNECTOR, getItemWithId } from '../examples.ts';
import { jsonType, keywordNodes, matchesType, nameOf, show, typeOf } from '../schemas.ts';

/** Keys whose value is one value of the schema's type. */
const VALUE_KEYS = ['default', 'example', 'x-ms-test-value'] as const;

export default defineRule({
  id: 'schema-value-type',
  area: 'schema',
  severity: 'warning',
  description: '`default`, `example` and `x-ms-test-value` have the type the schema or parameter declares.',
  rationale:
    'The designer pre-fills `default` and the platform sends it as written: a string `"10"` for an `integer` fails validation at run time, and the Swagger Validator reports it ' +
    '(`DefaultValueMustMatchType`, and `JsonTypeIncorrect` for examples and test values, which Microsoft\'s tests send). ' +
    'Integers are numbers, so `default: 5` is fine for `type: number`; `null` passes (a nullable value). `enum` values are `schema-enum-type`\'s.',
  platformCodes: ['DefaultValueMustMatchType', 'JsonTypeIncorrect'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId("    default: 'A1'", '    x-ms-test-value: B2') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    default: 10', '    x-ms-test-value: [A1]') },
        output: ['actions/GetItem.mdx:7:14-7:16: Expected `default` of parameter `id` to be a string, not integer `10` (schema-value-type)', 'actions/GetItem.mdx:8:22-8:26: Expected `x-ms-test-value` of parameter `id` to be a string, not array `["A1"]` (schema-value-type)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of keywordNodes(swagger)) {
      const type = typeOf(visit.node);
      if (!type || type === 'file') continue;
      for (const key of VALUE_KEYS) {
        const value = visit.node[key];
        if (value === undefined || value === null || matchesType(type, value)) continue;
        report({ message: `Expected \`${key}\` of ${nameOf(visit)} to be ${article(type)} ${type}, not ${jsonType(value)} \`${show(value)}\``, at: visit.at(key), args: [key] });
      }
    }
  },
});

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
