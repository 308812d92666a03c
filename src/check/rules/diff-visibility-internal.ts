import { defineRule } from '../define-rule.ts';
import { action, folder, getItem } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

export default defineRule({
  id: 'diff-visibility-internal',
  area: 'diff',
  severity: 'error',
  description: 'An operation, parameter or body property that users could see became `internal` in the head.',
  rationale: 'The designer hides what is internal: an internal action cannot be picked and flows that use it show as broken, and the value a flow set for an internal parameter is no longer sent as set.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem('Get an item', '    visibility: advanced') }) }],
    notOk: [
      {
        base: folder('1.0', { ListItems: action('GET /items', 'List items') }),
        head: folder('2.0', { ListItems: action('GET /items', 'List items', 'visibility: internal') }),
        output: ['actions/ListItems.mdx:4:13-4:21: The action `ListItems` became internal; the designer hides it and flows that use it break (diff-visibility-internal)'],
      },
    ],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      if (before.visibility !== 'internal' && after.visibility === 'internal') {
        report({ at: `${after.pointer}/x-ms-visibility`, message: `The ${named(after)} became internal; the designer hides it and flows that use it break`, args: [after.id] });
      }
      for (const { before: was, after: now } of inputChanges(before, after).kept) {
        if (was.visibility === 'internal' || now.visibility !== 'internal') continue;
        report({ at: `${now.pointer}/x-ms-visibility`, message: `The ${inputNamed(now)} of the ${named(after)} became internal; the value flows set is no longer shown or sent as set`, args: [after.id, now.key] });
      }
    }
  },
});
