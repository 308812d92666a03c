import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { dynamicCalls } from '../dynamic.ts';

const listItems = (visibility: string) =>
  mdx(['request: GET /items', 'summary: List items', 'description: Lists the items.', ...(visibility ? [`x-ms-visibility: ${visibility}`] : []), 'responses:', "  '200':", '    description: OK']);

const GET_ITEM = mdx([
  'request: GET /items/{id}',
  'summary: Get an item',
  'description: Gets one item by its ID.',
  'parameters:',
  '  id:',
  '    type: string',
  '    summary: Item ID',
  '    x-ms-dynamic-values:',
  '      operationId: ListItems',
  '      value-path: id',
  'responses:',
  "  '200':",
  '    description: OK',
]);

export default defineRule({
  id: 'x-ms-dynamic-operation-internal',
  area: 'x-ms',
  severity: 'info',
  description: 'An operation that only feeds dynamic data (a dropdown, a tree, a schema) is `x-ms-visibility: internal`.',
  rationale:
    'The designer lists every operation that is not internal as an action. One that exists to fill a dropdown or fetch a schema is noise there, and certification reviewers ask for it to be hidden. ' +
    'Advice only: an operation can be a useful action and a dropdown source at once (List projects); then keep it visible. ' +
    'Any `x-ms-visibility` the author wrote (`advanced`, `important`) is taken as that choice; the advice is for operations that say nothing.',
  examples: {
    ok: [
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListItems.mdx': listItems('internal') },
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListItems.mdx': listItems('advanced') },
    ],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListItems.mdx': listItems('') },
        output: ['actions/ListItems.mdx:2:1-2:20: `ListItems` feeds `x-ms-dynamic-values` and is offered as an action; add `x-ms-visibility: internal` unless it is useful on its own (x-ms-dynamic-operation-internal)'],
      },
    ],
  },
  check({ swagger, report }) {
    const seen = new Set<string>();
    for (const call of dynamicCalls(analyze(swagger))) {
      if (!call.target || seen.has(call.operationId)) continue;
      seen.add(call.operationId);
      if (call.target.visit.node['x-ms-visibility'] !== undefined) continue;
      report({
        message: `\`${call.operationId}\` feeds \`${call.key}\` and is offered as an action; add \`x-ms-visibility: internal\` unless it is useful on its own`,
        at: call.target.visit.pointer,
        args: [call.operationId],
      });
    }
  },
});
