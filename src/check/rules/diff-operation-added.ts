import { defineRule } from '../define-rule.ts';
import { action, folder, getItem } from '../diff-examples.ts';
import { matchOperations, named } from '../diff-model.ts';

export default defineRule({
  id: 'diff-operation-added',
  area: 'diff',
  severity: 'info',
  description: 'The head has an action or trigger the base revision did not have.',
  rationale: 'An addition breaks nothing already built, and it is worth a minor version bump (`1.0` → `1.1`) so that users see the connector grew.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem() }) }],
    notOk: [
      {
        base: folder('1.0', { GetItem: getItem() }),
        head: folder('1.1', { GetItem: getItem(), ListItems: action('GET /items', 'List items') }),
        output: ['actions/ListItems.mdx:2:1-2:20: Added the action `ListItems` (`GET /items`) (diff-operation-added)'],
      },
    ],
  },
  diff({ base, head, report }) {
    for (const op of matchOperations(base.swagger, head.swagger).added) {
      report({ at: op.pointer, message: `Added the ${named(op)} (\`${op.route}\`)`, args: [op.id] });
    }
  },
});
