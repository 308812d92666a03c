import { defineRule } from '../define-rule.ts';
import { OPENAPI as OK } from '../import-examples.ts';


export default defineRule({
  id: 'import-approximated',
  area: 'import',
  severity: 'warning',
  description: "An OpenAPI 3 or Postman construct was mapped to the closest Swagger 2.0 form, or a readme to the closest MDX body, which is not exactly the same.",
  rationale:
  'Custom connectors take Swagger 2.0 only, and the platform ignores or rejects several OpenAPI 3 and Postman constructs (nullable, oneOf, server variables, bearer auth, duplicate requests). The importer keeps the closest working form and says so, at the JSON pointer of the source construct, so you can review each change; `--strict` makes these errors. A readme whose literal `\\{`, `\\}` or `\\<` the MDX escaping cannot keep is reported here too, on the readme: the definition is still exact (that is `import-not-lossless`), only the text is approximated.',
  examples: {
    ok: [{ 'input.yaml': OK }],
    notOk: [
      {
        files: { 'input.yaml': OK.replace('                    type: string\n', '                    type: string\n                    nullable: true\n') },
        output: ["input.yaml:27:21-28:35: Nullable becomes `x-nullable: true`, which the platform ignores: a null value may fail schema validation at run time (import-approximated)"],
      },
    ],
  },
});
