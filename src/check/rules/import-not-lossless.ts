import { defineRule } from '../define-rule.ts';
import { FOLDER } from '../import-examples.ts';

export default defineRule({
  id: 'import-not-lossless',
  area: 'import',
  severity: 'error',
  description: 'The imported connector, compiled, is exactly the source: any difference is reported at its place in the source.',
  rationale:
    'Import proves itself: after writing the connector it compiles it again and compares the result with the original definition and apiProperties (parsed JSON, key order aside). On the real corpus no difference is left; this rule is the safety net that would say where one appears, instead of shipping a changed connector.',
  examples: {
    ok: [FOLDER],
    notOk: [
      {
        files: { ...FOLDER, 'apiProperties.json': '[]\n' },
        output: ['input/apiProperties.json:1:1-1:3: The compiled apiProperties differ from the original: it is not an object with `properties` (import-not-lossless)'],
      },
    ],
  },
});
