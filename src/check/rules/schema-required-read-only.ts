import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { isBodySchema, propertiesOf, requiredOf } from '../schemas.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const action = (...idLines: string[]) =>
  mdx([
    'request: POST /items',
    'summary: Create an item',
    'body:',
    '  schema:',
    '    type: object',
    '    required: [id, name]',
    '    properties:',
    '      id:',
    '        type: string',
    ...idLines,
    '      name:',
    '        type: string',
    'responses:',
    "  '201':",
    '    description: Created',
  ]);

const SHARED = mdx([...CONNECTOR_LINES, 'definitions:', '  Item:', '    type: object', '    required: [id]', '    properties:', '      id:', '        type: string', '        readOnly: true']);
const CREATE_SHARED = mdx(['request: POST /items', 'summary: Create an item', 'body:', '  schema:', "    $ref: '#/definitions/Item'", 'responses:', "  '201':", '    description: Created', '    schema:', "      $ref: '#/definitions/Item'"]);
const GET_SHARED = mdx(['request: GET /items/{id}', 'summary: Get an item', 'parameters:', '  id:', '    type: string', 'responses:', "  '200':", '    description: OK', '    schema:', "      $ref: '#/definitions/Item'"]);

export default defineRule({
  id: 'schema-required-read-only',
  area: 'schema',
  severity: 'error',
  description: 'A property of a request body (or of a definition a body uses) is not both `required` and `readOnly`.',
  rationale:
    '`readOnly` properties are sent by the API, never by the caller, so the designer hides them from the action\'s inputs; if the body also requires one, the request can never be valid. ' +
    'The Swagger Validator rejects it (`RequiredReadOnlyPropertyNotAllowedAsInput`). Drop `readOnly`, or drop the name from `required`. Response schemas may have both; a definition is checked when a request body uses it.',
  platformCodes: ['RequiredReadOnlyPropertyNotAllowedAsInput'],
  examples: {
    ok: [
      { 'connector.mdx': mdx([...CONNECTOR_LINES]), 'actions/CreateItem.mdx': action() },
      { 'connector.mdx': SHARED, 'actions/GetItem.mdx': GET_SHARED },
    ],
    notOk: [{ files: { 'connector.mdx': mdx([...CONNECTOR_LINES]), 'actions/CreateItem.mdx': action('        readOnly: true') }, output: ['actions/CreateItem.mdx:11:19-11:23: Unexpected `readOnly` on required body property `id`: the caller can never send it (schema-required-read-only)'] },
      { files: { 'connector.mdx': SHARED, 'actions/CreateItem.mdx': CREATE_SHARED }, output: ['connector.mdx:12:19-12:23: Unexpected `readOnly` on required property `id` of definition `Item`, which a request body uses: the caller can never send it (schema-required-read-only)'] },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('schema')) {
      if (!isBodySchema(swagger, visit)) continue;
      const properties = propertiesOf(visit.node);
      for (const name of requiredOf(visit.node)) {
        const property = properties[name];
        if (!isObject(property) || property.readOnly !== true) continue;
        const where = visit.schemaRoot === 'definition' ? `property \`${name}\` of definition \`${String(visit.path[1])}\`, which a request body uses` : `body property \`${name}\``;
        report({ message: `Unexpected \`readOnly\` on required ${where}: the caller can never send it`, at: visit.at('properties', name, 'readOnly'), args: [name] });
      }
    }
  },
});
