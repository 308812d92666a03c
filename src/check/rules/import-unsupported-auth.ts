import { defineRule } from '../define-rule.ts';
import { OPENAPI as OK } from '../import-examples.ts';


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
