import { defineRule } from '../define-rule.ts';
import { API_PROPERTIES, FOLDER, SWAGGER } from '../import-examples.ts';

export default defineRule({
  id: 'import-readme-missing',
  area: 'import',
  severity: 'info',
  description: 'A connector folder without a readme imports with an empty connector.mdx body.',
  rationale: 'Certification requires a readme; eleven public connectors have none. The body of connector.mdx is where to write it.',
  examples: {
    ok: [FOLDER],
    notOk: [
      {
        files: { 'apiDefinition.swagger.json': SWAGGER, 'apiProperties.json': API_PROPERTIES },
        output: ['input/apiDefinition.swagger.json:1:1-1:2: The folder has no readme; connector.mdx gets an empty body (certification requires a readme) (import-readme-missing)'],
      },
    ],
  },
});
