import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const action = (...schemaLines: string[]) => mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK', '    schema:', ...schemaLines]);

/** Keys that give a schema content; a schema with none of them (only `description`, `title`…) describes nothing. */
const CONTENT = ['$ref', 'type', 'properties', 'additionalProperties', 'items', 'allOf', 'anyOf', 'oneOf', 'enum', 'format', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties'];

export default defineRule({
  id: 'response-schema-empty',
  area: 'operation',
  severity: 'info',
  description: 'A response `schema` describes something: it has a type, properties, items or a `$ref`, or is dynamic.',
  rationale:
    'The designer turns the response schema into the action\'s outputs; an empty one (`schema: {}`, or only a description) gives none, and certification asks for exact schemas on expected responses, ' +
    'no empty schemas unless the response is dynamic (`SchemaDefinitionSetIncorrectly`). Describe the response, or drop `schema` when the operation returns nothing. ' +
    'Advice (info): 4 certified connectors of the corpus have empty schemas (20 responses), several of them for content of any shape.',
  platformCodes: ['SchemaDefinitionSetIncorrectly'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('      type: array', '      items:', '        type: string') }],
    notOk: [{ files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('      description: The items') }, output: ['actions/ListItems.mdx:8:7-8:29: Unexpected response schema without type, properties, items or `$ref`; describe the response or remove `schema` (response-schema-empty)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('schema')) {
      if (!visit.isRoot || visit.schemaRoot !== 'response' || visit.parent?.segments[0] === 'default') continue; // a schema on `default` is response-default-schema's
      if (CONTENT.some((key) => visit.node[key] !== undefined)) continue;
      report({ message: 'Unexpected response schema without type, properties, items or `$ref`; describe the response or remove `schema`', at: visit.pointer, args: [] });
    }
  },
});
