import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { operationName } from '../operations.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

const createItem = (second: string[]) =>
  mdx([
    'request: POST /items',
    'summary: Create an item',
    'parameters:',
    '  item:',
    '    in: body',
    '    schema:',
    '      type: object',
    ...second,
    'responses:',
    "  '201':",
    '    description: Created',
  ]);

export default defineRule({
  id: 'parameter-body-single',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['OperationParametersContainMultipleBodyParameters', 'PathParametersContainMultipleBodyParameters'],
  description: 'An operation has at most one `in: body` parameter, counting those of its path item.',
  rationale:
    'A request has one body, and the body parameter stands for all of it; with two, the platform cannot tell which one to send. ' +
    'The validator rejects the operation (`OperationParametersContainMultipleBodyParameters`, or `PathParametersContainMultipleBodyParameters` for a path item). ' +
    'Put the fields of both in one object schema.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem(['  notify:', '    in: query', '    type: boolean']) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem(['  options:', '    in: body', '    schema:', '      type: object']) },
        output: ['actions/CreateItem.mdx:10:9-10:13: Unexpected second body parameter `options` in operation `CreateItem` (the first is `item`); a request has one body, so merge them into one object schema (parameter-body-single)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      const bodies = parametersOf(analysis, op.visit).filter((p) => p.node.in === 'body');
      for (const extra of bodies.slice(1)) {
        const name = String(extra.node.name ?? '');
        report({
          message: `Unexpected second body parameter \`${name}\` in operation \`${operationName(op)}\` (the first is \`${String(bodies[0]!.node.name ?? '')}\`); a request has one body, so merge them into one object schema`,
          at: extra.visit.kind === 'ref' ? extra.visit.at('$ref') : extra.visit.at('in'),
          cause: { message: 'The first body parameter', at: bodies[0]!.visit.pointer },
          args: [operationName(op), name],
        });
      }
    }
  },
});
