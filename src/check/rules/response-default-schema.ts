import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const action = (...defaultLines: string[]) =>
  mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK', '    schema:', '      type: array', '      items:', '        type: string', '  default:', '    description: Error', ...defaultLines]);

export default defineRule({
  id: 'response-default-schema',
  area: 'operation',
  severity: 'warning',
  description: 'The `default` response has no `schema`.',
  rationale:
    'The designer builds an action\'s outputs from its response schemas; a schema on `default` adds outputs that exist only when the call failed, and certification asks for exact schemas on expected responses only ' +
    '(`DefaultResponseHasSchema`). Describe errors in the text, or as explicit `4xx`/`5xx` responses. 83 certified connectors have one, so this is a warning.',
  platformCodes: ['DefaultResponseHasSchema'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action() }],
    notOk: [{ files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('    schema:', '      type: object') }, output: ['actions/ListItems.mdx:13:5-13:11: Unexpected `schema` on the `default` response; describe errors in text or as `4xx`/`5xx` responses (response-default-schema)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('response')) {
      if (visit.segments[0] !== 'default' || visit.parent?.kind !== 'responses' || visit.node.schema === undefined) continue;
      report({ message: 'Unexpected `schema` on the `default` response; describe errors in text or as `4xx`/`5xx` responses', at: visit.at('schema'), onKey: true, args: [] });
    }
  },
});
