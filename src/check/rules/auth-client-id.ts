import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isPlaceholder, oauthSettings } from '../certification.ts';

const oauth = (clientId: string) =>
  mdx([...CONNECTOR_LINES, 'auth:', '  type: oauth2', '  provider: oauth2', `  clientId: ${clientId}`, '  authorizationUrl: https://login.contoso.com/authorize', '  tokenUrl: https://login.contoso.com/token', '  redirectMode: GlobalPerConnector']);

export default defineRule({
  id: 'auth-client-id',
  area: 'auth',
  severity: 'info',
  description: "An OAuth connection's `clientId` in the repository is a placeholder (`[YOUR_CLIENT_ID]`) or `null`, not the id of a real app.",
  rationale:
    "The certification pull-request template asks for no client ids and no client secrets in the files: the app is registered by the publisher and its id entered when the connector is deployed. `clientId: null` is the repository's placeholder convention. A real id is not a secret by itself, but it ties the published files to one app.",
  examples: {
    ok: [
      { 'connector.mdx': oauth('null'), 'actions/GetItem.mdx': GET_ITEM },
      { 'connector.mdx': oauth("'[YOUR_CLIENT_ID]'"), 'actions/GetItem.mdx': GET_ITEM },
    ],
    notOk: [
      {
        files: { 'connector.mdx': oauth('7c3e9a52-41d6-4b8f-9a0e-2d5f6c1b8e47'), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:6:3-6:15: Expected a placeholder like `[YOUR_CLIENT_ID]` or `null` as client id, found the id of a real app (auth-client-id)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    for (const { settings, at } of oauthSettings(apiProperties)) {
      const id = settings.clientId;
      if (typeof id !== 'string' || isPlaceholder(id) || !/^[\w.:-]+$/.test(id.trim())) continue;
      report({ message: 'Expected a placeholder like `[YOUR_CLIENT_ID]` or `null` as client id, found the id of a real app', at: `${at}/clientId`, doc: 'apiProperties', args: [] });
    }
  },
});
