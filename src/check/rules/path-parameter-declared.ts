import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { templateNames } from '../paths.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

export default defineRule({
  id: 'path-parameter-declared',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['OperationMissingPathParameter'],
  description: 'Every `{name}` in a path has a path parameter of that name on the operation or its path item.',
  rationale:
    'The platform fills `{name}` from the parameter with that name and `in: path`; without one the request goes out with the literal `{name}` in the URL, ' +
    'and the validator rejects the operation (`OperationMissingPathParameter`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([
            ...CONNECTOR_LINES,
            'paths:',
            '  /items/{id}:',
            '    get:',
            '      operationId: GetItem',
            '      summary: Get an item',
            '      responses:',
            "        '200':",
            '          description: OK',
          ]),
        },
        output: [
          'connector.mdx:7:5-7:8: Missing path parameter `id` for `{id}` in `/items/{id}`; declare it with `in: path` (path-parameter-declared)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      const names = templateNames(op.path);
      if (names.length === 0) continue;
      const declared = new Set(parametersOf(analysis, op.visit).filter((p) => p.node.in === 'path').map((p) => p.node.name));
      for (const name of new Set(names)) {
        if (declared.has(name)) continue;
        report({
          message: `Missing path parameter \`${name}\` for \`{${name}}\` in \`${op.path}\`; declare it with \`in: path\``,
          at: op.visit.pointer,
          onKey: true,
          args: [name],
        });
      }
    }
  },
});
