import { defineRule } from '../define-rule.ts';
import { action, folder, getItem } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const get = (type: string, format?: string) =>
  action('GET /items/{id}', 'Get an item', 'parameters:', '  id:', `    type: ${type}`, ...(format ? [`    format: ${format}`] : []), '    summary: Item ID');

export default defineRule({
  id: 'diff-type-changed',
  area: 'diff',
  severity: 'error',
  description: 'A parameter, body property or response property has another type or format in the head (`string` → `integer`, `int32` → `int64`, an array of another type).',
  rationale: 'Flows pass values and read outputs of the old type: a value that no longer converts fails at run time, and an output bound into a later step of the wrong type breaks that step.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem('Get one item') }) }],
    notOk: [{ base: folder('1.0', { GetItem: get('string') }), head: folder('2.0', { GetItem: get('integer', 'int64') }), output: ['actions/GetItem.mdx:6:11-6:18: The parameter `id` of the action `GetItem` changed type from `string` to `integer/int64`; values flows pass may no longer fit (diff-type-changed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const { before: was, after: now } of inputChanges(before, after).kept) {
        if (was.type === undefined || now.type === undefined || was.type === now.type) continue;
        const at = now.node.type !== undefined ? `${now.pointer}/type` : now.pointer;
        report({ at, message: `The ${inputNamed(now)} of the ${named(after)} changed type from \`${was.type}\` to \`${now.type}\`; values flows pass may no longer fit`, args: [after.id, now.key] });
      }
      for (const [path, was] of before.outputs) {
        const now = after.outputs.get(path);
        if (!now || was.type === undefined || now.type === undefined || was.type === now.type) continue;
        report({ at: now.pointer, message: `The response property \`${path}\` of the ${named(after)} changed type from \`${was.type}\` to \`${now.type}\`; steps that use it may break`, args: [after.id, `response:${path}`] });
      }
    }
  },
});
