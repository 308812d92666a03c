import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { requirements } from '../schemas.ts';
import { suggest } from '../../model/open-object.ts';
import { isObject } from '../../swagger/index.ts';

const connector = (requirement: string) =>
  mdx([...CONNECTOR_LINES, 'securityDefinitions:', '  api_key:', '    type: apiKey', '    in: header', '    name: X-Api-Key', 'security:', `  - ${requirement}: []`]);

export default defineRule({
  id: 'security-requirement-defined',
  area: 'auth',
  severity: 'warning',
  description: 'Every scheme a `security` requirement names is defined in `securityDefinitions`.',
  rationale:
    'A requirement is a reference to a security scheme by name; one that names no scheme says nothing about how to authenticate, and tools that build requests from the definition send no credentials. ' +
    'The Swagger Validator reports it (`SecurityRequirementMustBeDefined`). The platform itself signs requests from `apiProperties.json`, and 23 certified connectors carry such a name, so this is a warning.',
  platformCodes: ['SecurityRequirementMustBeDefined'],
  examples: {
    ok: [{ 'connector.mdx': connector('api_key'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('apikey'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:11:5-11:11: Unexpected security requirement `apikey`, did you mean `api_key`? (security-requirement-defined)'] }],
  },
  check({ swagger, report }) {
    const defined = isObject(swagger.securityDefinitions) ? Object.keys(swagger.securityDefinitions) : [];
    for (const requirement of requirements(swagger)) {
      if (defined.includes(requirement.scheme)) continue;
      const hint = suggest(requirement.scheme, defined);
      report({
        message: hint
          ? `Unexpected security requirement \`${requirement.scheme}\`, did you mean \`${hint}\`?`
          : `Unexpected security requirement \`${requirement.scheme}\`, which \`securityDefinitions\` does not define`,
        at: requirement.at,
        onKey: true,
        args: [requirement.scheme],
      });
    }
  },
});
