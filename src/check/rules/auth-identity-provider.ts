import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { oauthSettings } from '../certification.ts';
import { show } from '../text.ts';

/** Identity providers the platform knows (the apiProperties schema, the docs and the public connectors). */
const PROVIDERS = ['oauth2', 'oauth2generic', 'aad', 'aadcertificate', 'facebook', 'github', 'google', 'dropbox', 'salesforce', 'microsoftaccount', 'docusign'];

const oauth = (provider: string) =>
  mdx([...CONNECTOR_LINES, 'auth:', '  type: oauth2', `  provider: ${provider}`, '  clientId: null', '  authorizationUrl: https://login.contoso.com/authorize', '  tokenUrl: https://login.contoso.com/token']);

export default defineRule({
  id: 'auth-identity-provider',
  area: 'auth',
  severity: 'warning',
  description: `An OAuth connection's \`identityProvider\` is one the platform knows: ${PROVIDERS.join(', ')}.`,
  rationale:
    'The identity provider picks the sign-in flow and the endpoints the gateway calls; the platform refuses a connection parameter whose provider it does not know, so a misspelt one fails at import. Generic OAuth 2.0 services use `oauth2`.',
  examples: {
    ok: [{ 'connector.mdx': oauth('oauth2'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': oauth('OAuth 2.0'), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:6:3-6:15: Unknown identity provider `OAuth 2.0`, did you mean `oauth2`? (auth-identity-provider)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    for (const { settings, at } of oauthSettings(apiProperties)) {
      const provider = settings.identityProvider;
      if (typeof provider === 'string' && PROVIDERS.includes(provider.toLowerCase())) continue;
      if (provider === undefined) {
        report({ message: 'Missing `identityProvider` in `oAuthSettings`; generic OAuth 2.0 services use `oauth2`', at, doc: 'apiProperties', onKey: true, args: ['missing'] });
        continue;
      }
      const hint = typeof provider === 'string' ? suggest(provider.toLowerCase().replace(/[^a-z0-9]/g, ''), PROVIDERS) : undefined;
      report({ message: `Unknown identity provider ${show(provider)}${hint ? `, did you mean \`${hint}\`?` : `; the platform knows ${PROVIDERS.join(', ')}`}`, at: `${at}/identityProvider`, doc: 'apiProperties', args: [String(provider)] });
    }
  },
});
