import { fullFormats } from 'ajv-formats/dist/formats.js';
import { defineRule } from '../define-rule.ts';
import { isPlatformDateTime } from '../platform-ajv.ts';
import { CONNECTOR, getItemWithId } from '../examples.ts';
import { keywordNodes, nameOf, show } from '../schemas.ts';
import type { Json } from '../../swagger/index.ts';

type Test = (value: string | number) => boolean;

/** ajv-formats' format (a regular expression, a function or `{ validate }`) as one test. */
function test(name: keyof typeof fullFormats): Test {
  const format = fullFormats[name] as unknown;
  const check = format instanceof RegExp ? format : typeof format === 'function' ? format : (format as { validate: RegExp | Test }).validate;
  return check instanceof RegExp ? (v) => typeof v === 'string' && check.test(v) : (v) => (check as Test)(v);
}

/**
 * The formats whose values can be checked, by the `format` name a connector uses. `date-time` and
 * the platform's `date-no-tz` accept a value without seconds or offset (the platform parses it as .NET does);
 * `byte` is base64; `int32`/`int64` are integer ranges.
 */
const FORMATS: Record<string, { type: 'string' | 'number'; test: Test }> = {
  email: { type: 'string', test: test('email') },
  uri: { type: 'string', test: test('uri') },
  'date-time': { type: 'string', test: isPlatformDateTime },
  'date-no-tz': { type: 'string', test: isPlatformDateTime },
  date: { type: 'string', test: test('date') },
  uuid: { type: 'string', test: test('uuid') },
  byte: { type: 'string', test: test('byte') },
  int32: { type: 'number', test: test('int32') },
  int64: { type: 'number', test: test('int64') },
};

const VALUE_KEYS = ['default', 'example', 'x-ms-test-value'] as const;

export default defineRule({
  id: 'schema-format-value',
  area: 'schema',
  severity: 'warning',
  description: 'A `default`, `example`, `x-ms-test-value` or `enum` value matches the schema\'s `format` (email, uri, date-time, date, uuid, byte, int32, int64).',
  rationale:
    'A value that contradicts its own `format` is sent as is: a default `date-time` of `yesterday` or an `email` without `@` fails at the API, and Microsoft\'s tests run with `x-ms-test-value`. ' +
    'Formats are checked with ajv-formats, `date-time` as .NET reads it (seconds and offset optional); a value of the wrong type is `schema-value-type`\'s.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    format: email', '    x-ms-test-value: ada@contoso.com') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    format: date-time', "    default: '2024-13-01T00:00:00Z'") },
        output: ['actions/GetItem.mdx:8:14-8:36: Unexpected `default` `2024-13-01T00:00:00Z` of parameter `id`, expected a valid `date-time` (schema-format-value)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of keywordNodes(swagger)) {
      const name = visit.node.format;
      const format = typeof name === 'string' ? FORMATS[name] : undefined;
      if (!format) continue;
      const bad = (value: Json | undefined): value is string | number =>
        (format.type === 'string' ? typeof value === 'string' : typeof value === 'number') && !format.test(value as string | number);
      for (const key of VALUE_KEYS) {
        const value = visit.node[key];
        if (bad(value)) report({ message: `Unexpected \`${key}\` \`${show(value)}\` of ${nameOf(visit)}, expected a valid \`${String(name)}\``, at: visit.at(key), args: [key] });
      }
      const values = visit.node.enum;
      if (!Array.isArray(values)) continue;
      values.slice(0, 1000).forEach((value, i) => {
        if (bad(value)) report({ message: `Unexpected \`enum\` value \`${show(value)}\` of ${nameOf(visit)}, expected a valid \`${String(name)}\``, at: visit.at('enum', i), args: ['enum', String(i)] });
      });
    }
  },
});
