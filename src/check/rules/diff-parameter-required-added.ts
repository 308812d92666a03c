import { defineRule } from '../define-rule.ts';
import { action, folder } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const list = (...lines: string[]) => action('GET /items', 'List items', 'parameters:', '  top:', '    type: integer', '    summary: Top', ...lines);

export default defineRule({
  id: 'diff-parameter-required-added',
  area: 'diff',
  severity: 'error',
  description: 'The head adds a required parameter or body property, with no default and not internal, to an operation the base revision had.',
  rationale: 'Flows saved before the change have no value for it: they fail validation when opened and the request is refused at run time. Add it as optional, or with a default.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { ListItems: list() }), head: folder('1.1', { ListItems: list('  region:', '    type: string', '    summary: Region', '    required: true', '    default: eu') }) }],
    notOk: [{ base: folder('1.0', { ListItems: list() }), head: folder('2.0', { ListItems: list('  region:', '    type: string', '    summary: Region', '    required: true') }), output: ['actions/ListItems.mdx:9:5-11:19: Added the required parameter `region` to the action `ListItems` without a default; flows saved before have no value for it (diff-parameter-required-added)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const input of inputChanges(before, after).added) {
        if (!input.required || input.hasDefault || input.visibility === 'internal') continue;
        report({ at: input.pointer, message: `Added the required ${inputNamed(input)} to the ${named(after)} without a default; flows saved before have no value for it`, args: [after.id, input.key] });
      }
    }
  },
});
