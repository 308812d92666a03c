import { defineRule } from '../define-rule.ts';
import { connector } from '../diff-examples.ts';
import { isObject, type ApiProperties, type Swagger } from '../../swagger/index.ts';

/** The kinds of auth (`basic`, `apiKey`, `oauth2/accessCode`), sorted; `none` when there is none. */
function kinds(swagger: Swagger): string {
  const defs = isObject(swagger.securityDefinitions) ? Object.values(swagger.securityDefinitions).slice(0, 50) : [];
  const list = defs.filter(isObject).map((d) => (d.type === 'oauth2' && typeof d.flow === 'string' ? `oauth2/${d.flow}` : String(d.type)));
  return list.length ? [...new Set(list)].sort().join(', ') : 'none';
}

/** The connection parameters a connection holds, `name: type`, sorted, with the identity provider of an OAuth one. */
function connection(apiProperties: ApiProperties): string {
  const params = isObject(apiProperties.properties) && isObject(apiProperties.properties.connectionParameters) ? apiProperties.properties.connectionParameters : {};
  const sets = isObject(apiProperties.properties) ? apiProperties.properties.connectionParameterSets : undefined;
  const list = Object.entries(params).slice(0, 100).map(([name, p]) => {
    const settings = isObject(p) && isObject(p.oAuthSettings) ? p.oAuthSettings : undefined;
    return `${name}: ${isObject(p) ? String(p.type) : '?'}${settings && typeof settings.identityProvider === 'string' ? ` (${settings.identityProvider})` : ''}`;
  });
  if (isObject(sets) && Array.isArray(sets.values)) list.push(`sets: ${sets.values.filter(isObject).map((v) => String(v.name)).sort().join(', ')}`);
  return list.sort().join('; ');
}

const api = (version: string, ...lines: string[]) => ({ 'connector.mdx': connector(version, 'auth:', ...lines) });
const key = ['  type: apiKey', '  in: header', '  name: X-Key'];

export default defineRule({
  id: 'diff-auth-changed',
  area: 'diff',
  severity: 'error',
  description: 'The kind of auth (none, basic, API key, OAuth 2.0 and its flow) or the connection parameters a connection holds (names, types, identity provider) changed.',
  rationale: 'A connection stores the values of the connection parameters of the auth it was made with: after a change, every existing connection is invalid and every user must create one again — flows stop until then.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: api('1.0', ...key), head: api('1.0', '  type: apiKey', '  in: header', '  name: X-Api-Key') }],
    notOk: [{ base: api('1.0', ...key), head: api('2.0', '  type: basic'), output: ['connector.mdx:6:3-6:14: The auth changed from `apiKey` to `basic`; every existing connection must be created again (diff-auth-changed)'] }],
  },
  diff({ base, head, report }) {
    const [was, now] = [kinds(base.swagger), kinds(head.swagger)];
    const [wasConnection, nowConnection] = [connection(base.apiProperties), connection(head.apiProperties)];
    if (was === now && wasConnection === nowConnection) return;
    const what = was !== now ? `The auth changed from \`${was}\` to \`${now}\`` : 'The connection parameters changed';
    const message = `${what}; every existing connection must be created again`;
    if (head.swagger.securityDefinitions !== undefined) report({ at: '/securityDefinitions', message, args: [] });
    else if (isObject(head.apiProperties.properties) && head.apiProperties.properties.connectionParameters !== undefined) report({ doc: 'apiProperties', at: '/properties/connectionParameters', message, args: [] });
    else if (base.swagger.securityDefinitions !== undefined) report({ side: 'base', at: '/securityDefinitions', message, args: [] });
    else report({ side: 'base', doc: 'apiProperties', at: '/properties/connectionParameters', message, args: [] });
  },
});
