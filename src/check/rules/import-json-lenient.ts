import { defineRule } from '../define-rule.ts';
import { SWAGGER } from '../import-examples.ts';

export default defineRule({
  id: 'import-json-lenient',
  area: 'import',
  severity: 'warning',
  description: 'A source that is not strict JSON (comments, trailing commas, a byte order mark) is read leniently.',
  rationale:
    'The platform\'s own parser is lenient, so such files ship: 16 of about 1,000 public connectors are not strict JSON. plugboard reads them as JSON5 so nothing is lost, says where the strict parse failed, and writes strict JSON from then on.',
  examples: {
    ok: [{ 'input.json': SWAGGER }],
    notOk: [
      {
        files: { 'input.json': SWAGGER.replace('"schemes": ["https"],', '"schemes": ["https",],') },
        output: ['input.json:6:23-6:24: Not strict JSON (comments, trailing commas or control characters); read leniently as JSON5, and written back as strict JSON (import-json-lenient)'],
      },
    ],
  },
});
