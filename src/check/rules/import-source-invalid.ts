import { defineRule } from '../define-rule.ts';

const OK = [
  'openapi: 3.0.3',
  'info:',
  '  title: Contoso',
  "  version: '1.0'",
  'servers:',
  '  - url: https://api.contoso.com/v1',
  'paths:',
  '  /items/{id}:',
  '    get:',
  '      operationId: GetItem',
  '      summary: Get an item',
  '      parameters:',
  '        - name: id',
  '          in: path',
  '          required: true',
  '          schema:',
  '            type: string',
  '      responses:',
  "        '200':",
  '          description: OK',
  '          content:',
  '            application/json:',
  '              schema:',
  '                type: object',
  '                properties:',
  '                  name:',
  '                    type: string',
].join('\n') + '\n';

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
