import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { templateNames } from '../paths.ts';
import { analyze, deref, type Visit } from '../../swagger/index.ts';

export default defineRule({
  id: 'path-parameter-unused',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['PathParameterNotDefinedInTemplate'],
  description: 'Every parameter with `in: path` appears as `{name}` in the path.',
  rationale:
    'A path parameter that is not in the path template is never sent, yet the designer asks for it, and it is required by definition. ' +
    'The validator rejects it (`PathParameterNotDefinedInTemplate`). Usually the path has a typo or the parameter belongs in the query.',
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
            '  id:',
            '    in: path',
            '    required: true',
            '    type: string',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['actions/ListItems.mdx:6:9-6:13: Unexpected path parameter `id`, the path `/items` has no `{id}` (path-parameter-unused)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    const check = (owner: Visit, path: string) => {
      const names = new Set(templateNames(path));
      for (const visit of analysis.parametersIn(owner)) {
        const node = visit.kind === 'ref' ? deref(swagger, visit.node) : visit.node;
        if (!node || node.in !== 'path' || typeof node.name !== 'string' || names.has(node.name)) continue;
        report({
          message: `Unexpected path parameter \`${node.name}\`, the path \`${path}\` has no \`{${node.name}}\``,
          at: visit.kind === 'ref' ? visit.at('$ref') : visit.at('in'),
          args: [path, String(node.name)],
        });
      }
    };
    for (const item of analysis.of('path-item')) check(item, String(item.segments[0]));
    for (const op of analysis.operations) check(op.visit, op.path);
  },
});
