import { defineRule } from '../define-rule.ts';
import { SWAGGER } from '../import-examples.ts';

export default defineRule({
  id: 'import-json-duplicate-key',
  area: 'import',
  severity: 'warning',
  description: 'A key that appears twice in one JSON object of the source is reported; the last value is kept.',
  rationale:
    'JSON parsers keep one of the two values without a word (the platform keeps the last), so a duplicated `operationId` or `x-ms-visibility` silently changes what a connector does. Four public connectors have them.',
  examples: {
    ok: [{ 'input.json': SWAGGER }],
    notOk: [
      {
        files: { 'input.json': SWAGGER.replace('"host": "api.contoso.com",', '"host": "api.contoso.com", "host": "old.contoso.com",') },
        output: ['input.json:4:30-4:31: Key `host` appears twice in one object; the last value is kept, as the platform does (import-json-duplicate-key)'],
      },
    ],
  },
});
