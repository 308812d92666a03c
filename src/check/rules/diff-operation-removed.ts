import { defineRule } from '../define-rule.ts';
import { folder, getItem, action } from '../diff-examples.ts';
import { matchOperations, named } from '../diff-model.ts';

export default defineRule({
  id: 'diff-operation-removed',
  area: 'diff',
  severity: 'error',
  description: 'An action or trigger of the base revision is gone from the head (not renamed: no operation took its method and path). An internal operation is left out: no flow can use one.',
  rationale: 'Flows and apps call an operation by its operationId; once it is gone, every flow that uses it fails to open and to run. Deprecate it (`deprecated: true`, hidden from new flows) and remove it in a new connector instead.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [
      { base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem('Get one item') }) },
      { base: folder('1.0', { GetItem: getItem(), ListItems: action('GET /items', 'List items', 'visibility: internal') }), head: folder('1.0', { GetItem: getItem() }) },
    ],
    notOk: [
      {
        base: folder('1.0', { GetItem: getItem(), ListItems: action('GET /items', 'List items') }),
        head: folder('2.0', { GetItem: getItem() }),
        output: ['actions/ListItems.mdx:2:1-2:20: Removed the action `ListItems` (`GET /items`); flows and apps that use it stop working (as of `base`) (diff-operation-removed)'],
      },
    ],
  },
  diff({ base, head, report }) {
    for (const op of matchOperations(base.swagger, head.swagger).removed) {
      if (op.visibility === 'internal') continue;
      report({ side: 'base', at: op.pointer, message: `Removed the ${named(op)} (\`${op.route}\`); flows and apps that use it stop working`, args: [op.id] });
    }
  },
});
