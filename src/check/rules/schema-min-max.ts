import { defineRule } from '../define-rule.ts';
import { CONNECTOR, getItemWithId } from '../examples.ts';
import { keywordNodes, nameOf } from '../schemas.ts';

/** Each lower bound with its upper bound. */
const PAIRS = [
  ['minimum', 'maximum'],
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
  ['minProperties', 'maxProperties'],
] as const;

export default defineRule({
  id: 'schema-min-max',
  area: 'schema',
  severity: 'error',
  description: 'A lower bound is not above its upper bound (`minimum` ≤ `maximum`, `minLength` ≤ `maxLength`, `minItems` ≤ `maxItems`, `minProperties` ≤ `maxProperties`).',
  rationale:
    'With the lower bound above the upper one no value is valid: the designer refuses every input, and the Swagger Validator rejects the definition ' +
    '(`MinimumShouldBeLessThanOrEqualToMaximum`, `MinLengthShouldBeLessThanOrEqualToMaxLength`, `MinItemsShouldBeLessThanOrEqualToMaxItems`). ' +
    'Checked on schemas, non-body parameters, their `items` and response headers. A negative bound is reported by `swagger-schema`.',
  platformCodes: ['MinimumShouldBeLessThanOrEqualToMaximum', 'MinLengthShouldBeLessThanOrEqualToMaxLength', 'MinItemsShouldBeLessThanOrEqualToMaxItems'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    minLength: 2', '    maxLength: 2') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    minLength: 10', '    maxLength: 4') },
        output: ['actions/GetItem.mdx:7:16-7:18: Unexpected `minLength: 10` above `maxLength: 4` on parameter `id`, no value can be valid (schema-min-max)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of keywordNodes(swagger)) {
      const node = visit.node;
      for (const [low, high] of PAIRS) {
        const min = node[low];
        const max = node[high];
        if (typeof min !== 'number' || typeof max !== 'number' || min <= max) continue;
        report({ message: `Unexpected \`${low}: ${min}\` above \`${high}: ${max}\` on ${nameOf(visit)}, no value can be valid`, at: visit.at(low), args: [low] });
      }
    }
  },
});
