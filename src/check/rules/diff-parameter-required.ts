import { defineRule } from '../define-rule.ts';
import { action, folder } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const list = (...lines: string[]) => action('GET /items', 'List items', 'parameters:', '  top:', '    type: integer', '    summary: Top', ...lines);

export default defineRule({
  id: 'diff-parameter-required',
  area: 'diff',
  severity: 'error',
  description: 'An optional parameter or body property became required in the head, with no default.',
  rationale: 'Flows saved before the change may not set it: they fail validation when opened and the request is refused at run time. Give it a default, or keep it optional.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { ListItems: list() }), head: folder('1.0', { ListItems: list('    required: true', '    default: 10') }) }],
    notOk: [{ base: folder('1.0', { ListItems: list() }), head: folder('2.0', { ListItems: list('    required: true') }), output: ['actions/ListItems.mdx:8:15-8:19: The parameter `top` of the action `ListItems` became required; flows saved without it fail (diff-parameter-required)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const { before: was, after: now } of inputChanges(before, after).kept) {
        if (was.required || !now.required || now.hasDefault) continue;
        const at = now.in !== 'body' && now.node.required !== undefined ? `${now.pointer}/required` : now.pointer;
        report({ at, message: `The ${inputNamed(now)} of the ${named(after)} became required; flows saved without it fail`, args: [after.id, now.key] });
      }
    }
  },
});
