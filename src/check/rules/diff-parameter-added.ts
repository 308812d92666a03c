import { defineRule } from '../define-rule.ts';
import { action, folder } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const list = (...lines: string[]) => action('GET /items', 'List items', 'parameters:', '  top:', '    type: integer', '    summary: Top', ...lines);

export default defineRule({
  id: 'diff-parameter-added',
  area: 'diff',
  severity: 'info',
  description: 'The head adds an optional parameter or body property (or one with a default, or internal) to an operation.',
  rationale: 'Flows built before keep working; the addition is worth a minor version bump so that users know the action can do more.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { ListItems: list() }), head: folder('1.0', { ListItems: list() }) }],
    notOk: [{ base: folder('1.0', { ListItems: list() }), head: folder('1.1', { ListItems: list('  region:', '    type: string', '    summary: Region') }), output: ['actions/ListItems.mdx:9:5-10:20: Added the optional parameter `region` to the action `ListItems` (diff-parameter-added)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const input of inputChanges(before, after).added) {
        if (input.required && !input.hasDefault && input.visibility !== 'internal') continue;
        report({ at: input.pointer, message: `Added the ${input.required ? '' : 'optional '}${inputNamed(input)} to the ${named(after)}`, args: [after.id, input.key] });
      }
    }
  },
});
