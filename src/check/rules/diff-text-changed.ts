import { defineRule } from '../define-rule.ts';
import { folder, getItem } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';
import { isObject } from '../../swagger/index.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export default defineRule({
  id: 'diff-text-changed',
  area: 'diff',
  severity: 'info',
  description: 'A text users read changed: the connector\'s title or description, an operation\'s summary or description, a parameter\'s or output\'s label or description.',
  rationale: 'Text changes break nothing; they are listed so that a reviewer reads what users will see, and they need no version bump.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem() }) }],
    notOk: [{ base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem('Get one item').replace('summary: Item ID', 'summary: The item ID') }), output: [
          "actions/GetItem.mdx:3:10-3:22: Changed the summary of the action `GetItem` from `Get an item` to `Get one item` (diff-text-changed)",
          "actions/GetItem.mdx:7:14-7:25: Changed the label of the parameter `id` of the action `GetItem` from `Item ID` to `The item ID` (diff-text-changed)",
        ] }],
  },
  diff({ base, head, report }) {
    const changed = (was: string | undefined, now: string | undefined) => was !== undefined && now !== undefined && was !== now;
    const quote = (text: string) => `\`${text.length > 60 ? text.slice(0, 59) + '…' : text}\``;
    const [bi, hi] = [isObject(base.swagger.info) ? base.swagger.info : {}, isObject(head.swagger.info) ? head.swagger.info : {}];
    for (const key of ['title', 'description'] as const) {
      if (changed(str(bi[key]), str(hi[key]))) report({ at: `/info/${key}`, message: `Changed the connector's ${key} from ${quote(str(bi[key])!)} to ${quote(str(hi[key])!)}`, args: ['info', key] });
    }
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const key of ['summary', 'description'] as const) {
        const [was, now] = [str(before.node[key]), str(after.node[key])];
        if (changed(was, now)) report({ at: `${after.pointer}/${key}`, message: `Changed the ${key} of the ${named(after)} from ${quote(was!)} to ${quote(now!)}`, args: [after.id, key] });
      }
      for (const { before: was, after: now } of inputChanges(before, after).kept) {
        if (changed(was.label, now.label)) report({ at: `${now.pointer}/x-ms-summary`, message: `Changed the label of the ${inputNamed(now)} of the ${named(after)} from ${quote(was.label!)} to ${quote(now.label!)}`, args: [after.id, now.key, 'label'] });
        if (changed(was.description, now.description)) report({ at: `${now.pointer}/description`, message: `Changed the description of the ${inputNamed(now)} of the ${named(after)}`, args: [after.id, now.key, 'description'] });
      }
      for (const [path, was] of before.outputs) {
        const now = after.outputs.get(path);
        if (now && changed(was.label, now.label)) report({ at: `${now.pointer}/x-ms-summary`, message: `Changed the label of the response property \`${path}\` of the ${named(after)} from ${quote(was.label!)} to ${quote(now.label!)}`, args: [after.id, `response:${path}`, 'label'] });
      }
    }
  },
});
