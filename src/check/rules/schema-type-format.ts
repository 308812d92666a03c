import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const listItems = (format: string) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', '  top:', '    type: integer', `    format: ${format}`, 'responses:', "  '200':", '    description: OK']);

const KINDS = new Set(['parameter', 'items', 'response-header', 'schema']);

/** The formats Swagger 2.0 defines for numbers; string formats are open (`email`, `uri`, `uuid`…), other types have none. */
const NUMERIC: Record<string, readonly string[]> = { integer: ['int32', 'int64'], number: ['float', 'double'] };
const NUMERIC_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'integer', 'number', 'decimal', 'long']);

/** The type a format belongs to, for the hint. */
function typeOfFormat(format: string): string | undefined {
  if (format === 'int32' || format === 'int64') return 'integer';
  if (format === 'float' || format === 'double') return 'number';
  return undefined;
}

export default defineRule({
  id: 'schema-type-format',
  area: 'schema',
  severity: 'warning',
  platformCodes: ['UnrecognizedTypeFormat'],
  description: 'A `format` fits its `type`: `int32`/`int64` on integers, `float`/`double` on numbers, no numeric format on strings, none on booleans, arrays or objects.',
  rationale:
    'The designer picks the input control and the value conversion from `type` and `format` together; a pair it does not know, like `number`/`int32` or `integer`/`date-time`, ' +
    'is reported by the validator (`UnrecognizedTypeFormat`) and the format is ignored. Certified connectors carry some, so it is a warning. String formats are open and not checked.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('int32') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('double') },
        output: ['actions/ListItems.mdx:7:13-7:19: Unexpected format `double` for `type: integer`, expected int32 or int64 (`double` is a format of number) (schema-type-format)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).visits) {
      const { type, format } = visit.node;
      if (!KINDS.has(visit.kind) || typeof type !== 'string' || typeof format !== 'string' || type === 'file') continue;
      const known = NUMERIC[type];
      let expected: string;
      if (known) {
        if (known.includes(format)) continue;
        expected = `expected ${known.join(' or ')}`;
      } else if (type === 'string') {
        if (!NUMERIC_FORMATS.has(format)) continue;
        expected = 'a string has no numeric format';
      } else if (['boolean', 'array', 'object'].includes(type)) {
        expected = `${type === 'array' || type === 'object' ? 'an' : 'a'} ${type} has no format`;
      } else continue;
      const owner = typeOfFormat(format);
      report({
        message: `Unexpected format \`${format}\` for \`type: ${type}\`, ${expected}${owner && owner !== type ? ` (\`${format}\` is a format of ${owner})` : ''}`,
        at: visit.at('format'),
        args: [type, format],
      });
    }
  },
});
