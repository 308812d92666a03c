import { defineRule } from '../define-rule.ts';
import { SWAGGER } from '../import-examples.ts';

export default defineRule({
  id: 'import-operation-verbatim',
  area: 'import',
  severity: 'info',
  description: 'An operation that the authoring sugar cannot reproduce exactly is kept verbatim under `paths` in connector.mdx.',
  rationale:
    'Import writes each operation as an action file only when compiling that file gives back exactly the original operation. One without an operationId, or with keys the sugar reads differently (a literal `summary` keyword inside a schema, a response without a description), is carried as Swagger instead, so nothing changes.',
  examples: {
    ok: [{ 'input.json': SWAGGER }],
    notOk: [
      {
        files: { 'input.json': SWAGGER.replace('"operationId": "ListItems", ', '') },
        output: ['input.json:9:14-9:90: Operation `GET /items` has no operationId; kept verbatim under `paths` in connector.mdx (import-operation-verbatim)'],
      },
    ],
  },
});
