import { defineRule } from '../define-rule.ts';
import { action, folder } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const get = (source: string) => ({
  GetItem: action('GET /items/{id}', 'Get an item', 'parameters:', '  id:', '    type: string', '    summary: Item ID', `    dynamicValues: { operationId: ${source}, value: id, title: name }`),
  ListItems: action('GET /items', 'List items', 'visibility: internal'),
  ListAllItems: action('GET /all-items', 'List all items', 'visibility: internal'),
});

export default defineRule({
  id: 'diff-dynamic-values-changed',
  area: 'diff',
  severity: 'error',
  description: 'The source of a dropdown (`x-ms-dynamic-values`, `x-ms-dynamic-list`) or of dynamic fields (`x-ms-dynamic-schema`, `x-ms-dynamic-properties`) changed: another operation, other parameters or another value path.',
  rationale: 'Flows hold the value picked from the old list, and dynamic fields read by the old schema: from another source the stored value may not exist and the fields a flow filled in may vanish.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', get('ListItems')), head: folder('1.0', get('ListItems')) }],
    notOk: [{ base: folder('1.0', get('ListItems')), head: folder('2.0', get('ListAllItems')), output: ['actions/GetItem.mdx:8:20-8:73: The parameter `id` of the action `GetItem` takes its values from another source; values flows picked may no longer exist (diff-dynamic-values-changed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const { before: was, after: now } of inputChanges(before, after).kept) {
        if (was.dynamic === undefined || now.dynamic === undefined || was.dynamic === now.dynamic) continue;
        const key = ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties', 'x-ms-dynamic-tree'].find((k) => now.node[k] !== undefined)!;
        report({ at: `${now.pointer}/${key}`, message: `The ${inputNamed(now)} of the ${named(after)} takes its values from another source; values flows picked may no longer exist`, args: [after.id, now.key] });
      }
    }
  },
});
