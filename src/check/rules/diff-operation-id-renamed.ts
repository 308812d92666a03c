import { defineRule } from '../define-rule.ts';
import { folder, getItem } from '../diff-examples.ts';
import { matchOperations } from '../diff-model.ts';

export default defineRule({
  id: 'diff-operation-id-renamed',
  area: 'diff',
  severity: 'error',
  description: 'The operation on one method and path has another operationId in the head than in the base revision.',
  rationale: 'Flows and apps refer to an operation by its operationId, not by its path: renaming it (here, renaming an action file renames it) breaks every flow that uses it as surely as removing it. Keep the id and change the summary instead.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem('Get one item') }) }],
    notOk: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('2.0', { FetchItem: getItem() }), output: ['actions/FetchItem.mdx:2:1-2:25: Renamed the operationId of `GET /items/{id}` from `GetItem` to `FetchItem`; flows and apps that use `GetItem` stop working (diff-operation-id-renamed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after, renamed } of matchOperations(base.swagger, head.swagger).kept) {
      // No flow refers to an internal operation; a reference from a dropdown is diff-dynamic-values-changed.
      if (!renamed || before.visibility === 'internal') continue;
      report({
        at: `${after.pointer}/operationId`,
        message: `Renamed the operationId of \`${after.route}\` from \`${before.id}\` to \`${after.id}\`; flows and apps that use \`${before.id}\` stop working`,
        args: [before.id, after.id],
      });
    }
  },
});
