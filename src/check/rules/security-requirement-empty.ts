import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { requirements } from '../schemas.ts';
import { isObject } from '../../swagger/index.ts';

const connector = (values: string) =>
  mdx([...CONNECTOR_LINES, 'securityDefinitions:', '  api_key:', '    type: apiKey', '    in: header', '    name: X-Api-Key', 'security:', `  - api_key: ${values}`]);

export default defineRule({
  id: 'security-requirement-empty',
  area: 'auth',
  severity: 'error',
  description: 'A security requirement for an `apiKey` or `basic` scheme has an empty list.',
  rationale:
    'Only OAuth 2.0 requirements list scopes; Swagger 2.0 requires the list of any other scheme to be empty, and the Swagger Validator rejects values there (`SecurityRequirementMustHaveEmptyValue`). Write `api_key: []`.',
  platformCodes: ['SecurityRequirementMustHaveEmptyValue'],
  examples: {
    ok: [{ 'connector.mdx': connector('[]'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('[read]'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:11:14-11:20: Expected an empty list for `api_key` (type `apiKey`); only OAuth 2.0 requirements list scopes (security-requirement-empty)'] }],
  },
  check({ swagger, report }) {
    const schemes = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
    for (const requirement of requirements(swagger)) {
      const scheme = schemes[requirement.scheme];
      if (!isObject(scheme) || scheme.type === 'oauth2' || !Array.isArray(requirement.values) || requirement.values.length === 0) continue;
      report({ message: `Expected an empty list for \`${requirement.scheme}\` (type \`${String(scheme.type)}\`); only OAuth 2.0 requirements list scopes`, at: requirement.at, args: [requirement.scheme] });
    }
  },
});
