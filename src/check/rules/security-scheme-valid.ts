import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze, type Visit } from '../../swagger/index.ts';

const connector = (tokenUrl: string) =>
  mdx([
    ...CONNECTOR_LINES,
    'securityDefinitions:',
    '  oauth:',
    '    type: oauth2',
    '    flow: accessCode',
    '    authorizationUrl: https://login.contoso.com/authorize',
    `    tokenUrl: ${tokenUrl}`,
    '    scopes: {}',
  ]);

/** An HTTP header name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What is wrong with one scheme's values: [key, message] pairs. */
function problems(scheme: Visit): Array<[string, string]> {
  const node = scheme.node;
  const out: Array<[string, string]> = [];
  if (node.type === 'oauth2') {
    for (const key of ['authorizationUrl', 'tokenUrl'] as const) {
      if (node[key] !== undefined && !isHttpUrl(node[key])) out.push([key, `Expected \`${key}\` to be an absolute https URL, not \`${String(node[key])}\``]);
    }
    if (typeof node.flow === 'string' && node.flow !== 'accessCode') {
      out.push(['flow', `Unexpected OAuth 2.0 flow \`${node.flow}\`; the platform signs users in with the authorization code flow (\`accessCode\`) only`]);
    }
  } else if (node.type === 'apiKey' && typeof node.name === 'string') {
    if (node.in === 'header' && !TOKEN.test(node.name)) out.push(['name', `Expected API key header \`${node.name}\` to be a valid header name (no spaces or separators)`]);
    if (node.name.trim() === '') out.push(['name', 'Expected a non-empty API key `name`']);
  }
  return out;
}

export default defineRule({
  id: 'security-scheme-valid',
  area: 'auth',
  severity: 'warning',
  description: 'Security scheme values are usable: OAuth 2.0 URLs are absolute http(s) URLs with the `accessCode` flow, an API key header name is a valid header name.',
  rationale:
    'Swagger\'s schema only checks that these keys are strings. A relative or malformed `tokenUrl` cannot be called, a header name with a space cannot be sent, and custom connectors sign in with the authorization code flow only ' +
    '(the maker portal rewrites other flows to `accessCode`). The Swagger Validator reports invalid scheme properties (`SecuritySchemePropertyNotValid`); ' +
    'a certified connector declares the `implicit` flow, so this is a warning.',
  platformCodes: ['SecuritySchemePropertyNotValid'],
  examples: {
    ok: [{ 'connector.mdx': connector('https://login.contoso.com/token'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('/oauth/token'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:10:15-10:27: Expected `tokenUrl` to be an absolute https URL, not `/oauth/token` (security-scheme-valid)'] }],
  },
  check({ swagger, report }) {
    for (const scheme of analyze(swagger).of('security-scheme')) {
      for (const [key, message] of problems(scheme)) report({ message, at: scheme.at(key), args: [key] });
    }
  },
});
