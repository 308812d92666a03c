import { defineRule } from '../define-rule.ts';
import { folder, mdx } from '../diff-examples.ts';
import { matchOperations, named } from '../diff-model.ts';

const create = (status: string) => mdx(['request: POST /items', 'summary: Create an item', 'responses:', `  '${status}':`, '    description: Done']);

export default defineRule({
  id: 'diff-response-status-changed',
  area: 'diff',
  severity: 'warning',
  description: 'The success status codes of an operation changed (`200` → `201`).',
  rationale: 'Flows that branch on the status code (in a condition, or a "run after") take another path; the outputs may also be described under another response.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { CreateItem: create('201') }), head: folder('1.0', { CreateItem: create('201') }) }],
    notOk: [{ base: folder('1.0', { CreateItem: create('200') }), head: folder('1.1', { CreateItem: create('201') }), output: ['actions/CreateItem.mdx:5:3-5:8: The success status of the action `CreateItem` changed from 200 to 201; flows that check it take another path (diff-response-status-changed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      if (!before.statuses.length || !after.statuses.length || before.statuses.join() === after.statuses.join()) continue;
      report({ at: after.responsePointer ?? `${after.pointer}/responses`, onKey: true, message: `The success status of the ${named(after)} changed from ${before.statuses.join(', ')} to ${after.statuses.join(', ')}; flows that check it take another path`, args: [after.id] });
    }
  },
});
