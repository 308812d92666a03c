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
  id: 'import-unsupported-auth',
  area: 'import',
  severity: 'warning',
  description: "A security scheme of the source cannot be done by a custom connector connection.",
  rationale:
  'Connections support API keys (header or query), basic auth and OAuth 2.0 authorization code. OpenID Connect, client credentials, digest, OAuth 1.0, Hawk and cookies are not available; the connector is imported without that scheme so you can choose a supported one or add a policy or script.',
  examples: {
    ok: [{ 'input.yaml': OK }],
    notOk: [
      {
        files: { 'input.yaml': OK + ['components:', '  securitySchemes:', '    oidc:', '      type: openIdConnect', '      openIdConnectUrl: https://login.contoso.com/.well-known/openid-configuration', 'security:', '  - oidc: []', ''].join('\n') },
        output: ["input.yaml:31:7-32:83: OpenID Connect (scheme `oidc`) is not supported by custom connectors; configure OAuth 2.0 with the provider's endpoints (import-unsupported-auth)"],
      },
    ],
  },
});
