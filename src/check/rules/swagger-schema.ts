import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { validateSwaggerSchema } from '../swagger-schema.ts';
import { analyze } from '../../swagger/index.ts';
import { webhooks } from '../webhook.ts';

export default defineRule({
  id: 'swagger-schema',
  area: 'connector',
  severity: 'error',
  platformCodes: ['OperationPathMustStartWithSlash', 'OperationMustHaveResponse', 'FileParameterMustBeInFormData', 'ArrayDuplicateValue', 'RequiredPropertyArrayEmpty', 'ResponseRefLoopNotAllowed',
    // Properties, Response and schema, Metadata: what the official schema itself requires.
    'SpecificationVersionIncorrect', 'AdditionalPropertyNotAllowed', 'SchemeNotValid', 'SecuritySchemePropertyRequired', 'OneOfPropertiesRequired',
    'BodyParameterSchemaRequired', 'BodyParameterPropertyNotValid', 'NonBodyParameterSchemaNotValid', 'ResponseMustBeDefaultOrHttpStatusCode', 'SchemaTypeFileNotValid',
    'AllowEmptyValueOnlyValidForQueryFormData', 'EnumMustContainAtLeastOneElement', 'MultipleOfMustBeGreaterThanZero',
    'MaxItemsMustBeGreaterThanOrEqualToZero', 'MaxLengthMustBeGreaterThanOrEqualToZero', 'MaxPropertiesMustBeGreaterThanOrEqualToZero',
    'MinItemsMustBeGreaterThanOrEqualToZero', 'MinLengthMustBeGreaterThanOrEqualToZero', 'MinPropertiesMustBeGreaterThanOrEqualToZero'],
  description: 'The definition is valid against the official Swagger 2.0 JSON schema.',
  rationale:
    'The platform only imports Swagger 2.0, and `paconn`, the maker portal and the certification pipeline all reject a definition that does not validate. ' +
    'Findings are reduced to their root cause: a parameter is checked against the branch its `in` declares, a response schema against `type: file` or not, so you get one message per mistake rather than one per `oneOf` branch.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': mdx([
            'request: GET /items',
            'summary: List items',
            'parameters:',
            '  limit:',
            '    in: query',
            '    type: int',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['actions/ListItems.mdx:7:11-7:14: Expected `type` to be one of string, number, boolean, integer, array (swagger-schema)'],
      },
    ],
  },
  check({ swagger, report }) {
    // `responses: {}` on a webhook's subscribe operation is tolerated (its outputs are the notification's): trigger-webhook-responses says so.
    const tolerated = new Set(webhooks(analyze(swagger)).map((hook) => `${hook.operation.visit.pointer}/responses`));
    for (const finding of validateSwaggerSchema(swagger)) {
      if (tolerated.has(finding.at) && finding.args[0] === 'not') continue;
      report({ message: finding.message, at: finding.at, ...(finding.onKey ? { onKey: true } : {}), args: finding.args });
    }
  },
});
