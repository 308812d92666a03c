import { defineRule } from '../define-rule.ts';
import { SWAGGER } from '../import-examples.ts';

export default defineRule({
  id: 'import-json-invalid',
  area: 'import',
  severity: 'error',
  description: 'A JSON or YAML source that cannot be read even leniently is reported at the place it breaks.',
  rationale: 'Seven public connectors are broken beyond what a lenient parser can read; guessing would invent a definition. Nothing is written for such a source.',
  examples: {
    ok: [{ 'input.json': SWAGGER }],
    notOk: [
      {
        files: { 'input.json': SWAGGER.replace('"basePath": "/",', '"basePath": "/"') },
        output: ['input.json:6:3-6:4: Invalid JSON: invalid character \'\\"\' (import-json-invalid)'],
      },
    ],
  },
});
