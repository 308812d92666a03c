import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { jsonType } from '../text.ts';
import { analyze, type Json } from '../../swagger/index.ts';

const listItems = (values: string) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', '  top:', '    type: integer', `    enum: ${values}`, 'responses:', "  '200':", '    description: OK']);

const KINDS = new Set(['parameter', 'items', 'response-header', 'schema']);

/** Whether `value` is of Swagger `type`; unknown types and `null` (nullable values) pass. */
function matches(type: string, value: Json): boolean {
  if (value === null) return true;
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

export default defineRule({
  id: 'schema-enum-type',
  area: 'schema',
  severity: 'error',
  platformCodes: ['InvalidEnumValue'],
  description: 'Every `enum` value has the `type` of its parameter or schema: `1`, not `\'1\'`, for an integer.',
  rationale:
    'The designer offers the `enum` values in a dropdown and sends the chosen one as the declared type; a value of another type cannot be sent as that type, ' +
    'and the validator rejects it (`InvalidEnumValue`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('[10, 50, 100]') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems("[10, '50', 100]") },
        output: ['actions/ListItems.mdx:7:16-7:20: Expected `enum` value `"50"` to be an integer like its `type`, not a string (schema-enum-type)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).visits) {
      const { type, enum: values } = visit.node;
      if (!KINDS.has(visit.kind) || typeof type !== 'string' || !Array.isArray(values)) continue;
      values.forEach((value, i) => {
        if (matches(type, value)) return;
        report({
          message: `Expected \`enum\` value \`${JSON.stringify(value)}\` to be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} like its \`type\`, not ${jsonType(value)}`,
          at: visit.at('enum', i),
          args: [JSON.stringify(value) ?? ''],
        });
      });
    }
  },
});
