import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { oauthSettings } from '../certification.ts';
import { show } from '../text.ts';

const MODES = ['GlobalPerConnector', 'Global', 'Direct'];

const oauth = (...lines: string[]) =>
  mdx([...CONNECTOR_LINES, 'auth:', '  type: oauth2', '  provider: oauth2', '  clientId: null', '  authorizationUrl: https://login.contoso.com/authorize', '  tokenUrl: https://login.contoso.com/token', ...lines]);

export default defineRule({
  id: 'auth-redirect-mode',
  area: 'auth',
  severity: 'info',
  description: "An OAuth connection's `redirectMode`, when given, is `GlobalPerConnector` (the redirect URL unique to the connector), or at least a mode the platform knows.",
  rationale:
    'New certified OAuth connectors must use `GlobalPerConnector`: each connector gets its own redirect URL (known once the connector exists), which the identity provider app must allow. `Global` (the shared https://global.consent.azure-apim.net/redirect) is the legacy mode, and a value in another spelling, like `global`, is not one the platform reads.',
  examples: {
    ok: [{ 'connector.mdx': oauth('  redirectMode: GlobalPerConnector'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': oauth('  redirectMode: global'), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:6:3-6:15: Unknown redirect mode `global`; the platform reads GlobalPerConnector, Global or Direct, and new certified connectors use GlobalPerConnector (auth-redirect-mode)'],
      },
      {
        files: { 'connector.mdx': oauth('  redirectMode: Global'), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:6:3-6:15: Expected `redirectMode: GlobalPerConnector`, found `Global`: new certified OAuth connectors use the redirect URL unique to the connector (auth-redirect-mode)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    for (const { settings, at } of oauthSettings(apiProperties)) {
      const mode = settings.redirectMode;
      // Absent: the platform's default (the shared redirect URL); the scaffold and the docs write GlobalPerConnector.
      if (mode === 'GlobalPerConnector' || mode === undefined) continue;
      if (typeof mode === 'string' && MODES.includes(mode)) report({ message: `Expected \`redirectMode: GlobalPerConnector\`, found \`${mode}\`: new certified OAuth connectors use the redirect URL unique to the connector`, at: `${at}/redirectMode`, doc: 'apiProperties', args: ['legacy'] });
      else report({ message: `Unknown redirect mode ${show(mode)}; the platform reads ${MODES.slice(0, -1).join(', ')} or ${MODES.at(-1)}, and new certified connectors use GlobalPerConnector`, at: `${at}/redirectMode`, doc: 'apiProperties', args: ['unknown'] });
    }
  },
});
