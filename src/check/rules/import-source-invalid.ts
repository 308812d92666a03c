import { defineRule } from '../define-rule.ts';
import { OPENAPI as OK } from '../import-examples.ts';


export default defineRule({
  id: 'import-source-invalid',
  area: 'import',
  severity: 'error',
  description: 'The source cannot be imported as it is: not a supported format or version, or a `$ref` that does not resolve.',
  rationale:
    'An importer that guesses at a broken source writes a connector that looks right and is not. The import stops (or leaves the broken piece out) and says where: a wrong `openapi`/`swagger` version, a Postman v1 collection, a file over 10 MB, a `$ref` to nothing, a file that cannot be read.',
  examples: {
    ok: [{ 'input.yaml': OK }],
    notOk: [
      {
        files: { 'input.yaml': OK.replace('                    type: string\n', "                    $ref: '#/components/schemas/Name'\n") },
        output: ['input.yaml:27:27-27:54: `$ref` `#/components/schemas/Name` does not resolve to a schema in this document (import-source-invalid)'],
      },
    ],
  },
});
