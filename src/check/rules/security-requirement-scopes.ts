import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { requirements } from '../schemas.ts';
import { isObject } from '../../swagger/index.ts';

const connector = (scopes: string) =>
  mdx([
    ...CONNECTOR_LINES,
    'securityDefinitions:',
    '  oauth:',
    '    type: oauth2',
    '    flow: accessCode',
    '    authorizationUrl: https://login.contoso.com/authorize',
    '    tokenUrl: https://login.contoso.com/token',
    '    scopes:',
    '      items.read: Read items',
    'security:',
    `  - oauth: ${scopes}`,
  ]);

export default defineRule({
  id: 'security-requirement-scopes',
  area: 'auth',
  severity: 'warning',
  description: 'An OAuth 2.0 security requirement lists scopes, each one a scope its scheme defines.',
  rationale:
    'For `oauth2` schemes the requirement\'s list names the scopes the operation needs, out of the scheme\'s `scopes` map; a name that is not there is a typo or a stale scope, ' +
    'and an empty list documents no scope at all (`OAuthSecurityRequirementValueMustBeScopeName`, `SecurityRequirementMustHaveValue`). ' +
    'The platform requests the scopes of `apiProperties.json` at sign-in, so this misleads rather than breaks: a warning (5 certified connectors of the corpus list none).',
  platformCodes: ['OAuthSecurityRequirementValueMustBeScopeName', 'SecurityRequirementMustHaveValue'],
  examples: {
    ok: [{ 'connector.mdx': connector('[items.read]'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      { files: { 'connector.mdx': connector('[items.write]'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:14:13-14:24: Unexpected scope `items.write`, which scheme `oauth` does not define in its `scopes` (security-requirement-scopes)'] },
      { files: { 'connector.mdx': connector('[]'), 'actions/GetItem.mdx': GET_ITEM }, output: ["connector.mdx:14:12-14:14: Expected security requirement `oauth` to list the scopes it needs, out of its scheme's `scopes` (security-requirement-scopes)"] },
    ],
  },
  check({ swagger, report }) {
    const schemes = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
    for (const requirement of requirements(swagger)) {
      const scheme = schemes[requirement.scheme];
      if (!isObject(scheme) || scheme.type !== 'oauth2' || !Array.isArray(requirement.values)) continue;
      const defined = isObject(scheme.scopes) ? scheme.scopes : {};
      if (requirement.values.length === 0 && Object.keys(defined).length > 0) {
        report({ message: `Expected security requirement \`${requirement.scheme}\` to list the scopes it needs, out of its scheme's \`scopes\``, at: requirement.at, args: [requirement.scheme] });
        continue;
      }
      requirement.values.slice(0, 200).forEach((scope, i) => {
        if (typeof scope === 'string' && Object.hasOwn(defined, scope)) return;
        report({ message: `Unexpected scope \`${String(scope)}\`, which scheme \`${requirement.scheme}\` does not define in its \`scopes\``, at: `${requirement.at}/${i}`, args: [requirement.scheme, String(i)] });
      });
    }
  },
});
