/** Sources shared by the examples of the import rules. */

/** A small valid OpenAPI 3.0 document with one operation. */
export const OPENAPI = [
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

/** A small valid Swagger 2.0 document, as JSON lines (line 1 is `{`). */
export const SWAGGER_LINES = [
  '{',
  '  "swagger": "2.0",',
  '  "info": { "title": "Contoso", "version": "1.0", "description": "Items of the Contoso service, for flows and apps." },',
  '  "host": "api.contoso.com",',
  '  "basePath": "/",',
  '  "schemes": ["https"],',
  '  "paths": {',
  '    "/items": {',
  '      "get": { "operationId": "ListItems", "summary": "List items", "responses": { "200": { "description": "OK" } } }',
  '    }',
  '  }',
  '}',
] as const;

export const SWAGGER = SWAGGER_LINES.join('\n') + '\n';

export const API_PROPERTIES = '{ "properties": { "connectionParameters": {}, "iconBrandColor": "#da3b01" } }\n';

export const README = '# Contoso\n\nItems of the Contoso service.\n';

/** A Power Platform connector folder. */
export const FOLDER = { 'apiDefinition.swagger.json': SWAGGER, 'apiProperties.json': API_PROPERTIES, 'readme.md': README };
