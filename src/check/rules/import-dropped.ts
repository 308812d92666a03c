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
