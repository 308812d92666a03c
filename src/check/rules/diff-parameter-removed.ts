import { defineRule } from '../define-rule.ts';
import { action, folder, getItem } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const list = (...names: string[]) => action('GET /items', 'List items', 'parameters:', ...names.flatMap((n) => [`  ${n}:`, '    type: integer', `    summary: ${n}`]));

export default defineRule({
  id: 'diff-parameter-removed',
  area: 'diff',
  severity: 'error',
  description: 'A parameter or body property of an operation is gone in the head, or renamed (the only one removed and the only one added at one place, of one type).',
  rationale: 'A flow stores the values it passes by parameter name; a removed or renamed parameter drops the value silently or makes the flow fail validation when it is opened. Internal parameters are left out: flows never set them.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.1', { GetItem: getItem('Get an item', '  fields:', '    type: string', '    summary: Fields') }) }],
    notOk: [
      { base: folder('1.0', { ListItems: list('top', 'filter') }), head: folder('2.0', { ListItems: list('first', 'filter') }), output: ['actions/ListItems.mdx:6:5-7:19: Renamed the parameter `top` of the action `ListItems` to `first`; flows that set `top` lose its value (diff-parameter-removed)'] },
      { base: folder('1.0', { ListItems: list('top', 'skip') }), head: folder('2.0', { ListItems: list('top') }), output: ['actions/ListItems.mdx:9:5-10:18: Removed the parameter `skip` of the action `ListItems`; flows that set it lose its value or fail validation (as of `base`) (diff-parameter-removed)'] },
    ],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      const changes = inputChanges(before, after);
      for (const input of changes.removed) {
        if (input.visibility === 'internal') continue;
        report({ side: 'base', at: input.pointer, message: `Removed the ${inputNamed(input)} of the ${named(before)}; flows that set it lose its value or fail validation`, args: [before.id, input.key] });
      }
      for (const { before: was, after: now } of changes.renamed) {
        if (was.visibility === 'internal') continue;
        report({ at: now.pointer, message: `Renamed the ${inputNamed(was)} of the ${named(after)} to \`${now.name}\`; flows that set \`${was.name}\` lose its value`, args: [after.id, was.key, now.key] });
      }
    }
  },
});
