import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, deref, type Visit } from '../../swagger/index.ts';

const listItems = (second: string) =>
  mdx([
    'request: GET /items',
    'summary: List items',
    'parameters:',
    '  - name: top',
    '    in: query',
    '    type: integer',
    `  - name: ${second}`,
    '    in: query',
    '    type: string',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'parameter-unique',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['OperationParametersAreNotUnique', 'OperationParametersContainDuplicateParameter', 'PathParametersContainDuplicateParameter'],
  description: 'No `parameters` list has two parameters of the same `name` and `in`.',
  rationale:
    'A parameter is known by its name and location: flows store its value under that name, and the request has one place for it. ' +
    'Two of them in one list leave the platform to pick one, and the validator rejects the list (`OperationParametersContainDuplicateParameter`, `PathParametersContainDuplicateParameter`). ' +
    'Two identical entries are reported by `swagger-schema` instead.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('skip') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('top') },
        output: ['actions/ListItems.mdx:8:11-8:14: Duplicate query parameter `top`; each name may be used once per location in a `parameters` list (parameter-unique)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    const owners: Visit[] = [...analysis.of('path-item'), ...analysis.operations.map((op) => op.visit)];
    for (const owner of owners) {
      const first = new Map<string, { visit: Visit; node: unknown }>();
      for (const visit of analysis.parametersIn(owner)) {
        const node = visit.kind === 'ref' ? deref(swagger, visit.node) : visit.node;
        if (!node || typeof node.name !== 'string' || typeof node.in !== 'string') continue;
        const key = `${node.in}\0${node.name}`;
        const seen = first.get(key);
        if (!seen) {
          first.set(key, { visit, node: visit.node });
          continue;
        }
        // The Swagger schema's `uniqueItems` already reports two identical entries.
        if (isDeepStrictEqual(seen.node, visit.node)) continue;
        report({
          message: `Duplicate ${node.in} parameter \`${node.name}\`; each name may be used once per location in a \`parameters\` list`,
          at: visit.kind === 'ref' ? visit.at('$ref') : visit.at('name'),
          cause: { message: 'First declared here', at: seen.visit.pointer },
          args: [node.in, node.name],
        });
      }
    }
  },
});
