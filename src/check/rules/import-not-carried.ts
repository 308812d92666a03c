import { defineRule } from '../define-rule.ts';
import { FOLDER } from '../import-examples.ts';

export default defineRule({
  id: 'import-not-carried',
  area: 'import',
  severity: 'error',
  description: 'A part of the source that a connector package has no place for is reported, never dropped silently.',
  rationale: 'The platform reads only `properties` of apiProperties.json; anything beside it would be lost on the way through plugboard, so it is named instead.',
  examples: {
    ok: [FOLDER],
    notOk: [
      {
        files: { ...FOLDER, 'apiProperties.json': '{ "properties": { "iconBrandColor": "#da3b01" }, "comment": "not read" }\n' },
        output: ['input/apiProperties.json:1:61-1:71: Key `comment` outside `properties` cannot be carried; the platform reads only `properties` (import-not-carried)'],
      },
    ],
  },
});
