import { defineRule } from '../define-rule.ts';
import { OPENAPI as OK } from '../import-examples.ts';


export default defineRule({
  id: 'import-dropped',
  area: 'import',
  severity: 'warning',
  description: "A source construct has no place in a connector and was left out, with the reason.",
  rationale:
  'Cookie parameters, `not`, links, scripts, secrets and other constructs have no Swagger 2.0 or Power Platform form. Leaving them out silently would make the connector quietly behave differently from the API description; the report names each one at its source position.',
  examples: {
    ok: [{ 'input.yaml': OK }],
    notOk: [
      {
        files: { 'input.yaml': OK.replace('            type: string\n      responses:', '            type: string\n        - name: session\n          in: cookie\n          schema:\n            type: string\n      responses:') },
        output: ["input.yaml:18:11-21:25: Cookie parameter `session` is not supported by the platform (import-dropped)"],
      },
    ],
  },
});
