import { defineRule } from '../define-rule.ts';
import { POLLING_TRIGGER } from '../examples.ts';
import { connector } from '../diff-examples.ts';
import { matchOperations } from '../diff-model.ts';

const polling = (batch?: boolean) => ({ 'connector.mdx': connector(batch === false ? '2.0' : '1.0'), 'triggers/OnNewItem.mdx': batch === undefined ? POLLING_TRIGGER : POLLING_TRIGGER.replace('kind: polling\n', `kind: polling\nbatch: ${batch}\n`) });

export default defineRule({
  id: 'diff-trigger-batch-changed',
  area: 'diff',
  severity: 'error',
  description: 'A trigger changed between single and batch (`x-ms-trigger: single` ↔ `batch`).',
  rationale: 'A batch trigger fires with an array that Split On fans out, a single one with one item: the flows built on it read their trigger outputs by a path that no longer exists.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: polling(), head: polling(true) }],
    notOk: [{ base: polling(), head: polling(false), output: ['triggers/OnNewItem.mdx:2:7-2:14: The trigger `OnNewItem` changed from batch to single; flows built on it read outputs that are no longer there (diff-trigger-batch-changed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      // A change of kind (diff-trigger-kind-changed) says it already.
      if (!before.isTrigger || !after.isTrigger || before.kind !== after.kind || before.cardinality === after.cardinality) continue;
      report({ at: `${after.pointer}/x-ms-trigger`, message: `The trigger \`${after.id}\` changed from ${before.cardinality} to ${after.cardinality}; flows built on it read outputs that are no longer there`, args: [after.id] });
    }
  },
});
