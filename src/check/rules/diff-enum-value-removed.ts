import { defineRule } from '../define-rule.ts';
import { action, folder } from '../diff-examples.ts';
import { inputChanges, inputNamed, matchOperations, named } from '../diff-model.ts';

const list = (values: string) => action('GET /items', 'List items', 'parameters:', '  state:', '    type: string', '    summary: State', `    enum: [${values}]`);

export default defineRule({
  id: 'diff-enum-value-removed',
  area: 'diff',
  severity: 'warning',
  description: 'A value of a parameter\'s or body property\'s `enum` is gone in the head.',
  rationale: 'A flow that picked that value still sends it: the service may refuse it at run time. It breaks only the flows that use the value, so it is a warning; check with the service.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { ListItems: list('open, closed') }), head: folder('1.1', { ListItems: list('open, closed, all') }) }],
    notOk: [{ base: folder('1.0', { ListItems: list('open, closed, all') }), head: folder('1.1', { ListItems: list('open, closed') }), output: ['actions/ListItems.mdx:8:11-8:25: Removed the value `all` from the parameter `state` of the action `ListItems`; flows that picked it may be refused (diff-enum-value-removed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const { before: was, after: now } of inputChanges(before, after).kept) {
        if (!was.enum || !now.enum) continue;
        const kept = new Set(now.enum.map((v) => JSON.stringify(v)));
        for (const value of was.enum.slice(0, 500)) {
          const text = JSON.stringify(value);
          if (kept.has(text)) continue;
          report({ at: `${now.pointer}/enum`, message: `Removed the value ${typeof value === 'string' ? `\`${value}\`` : text} from the ${inputNamed(now)} of the ${named(after)}; flows that picked it may be refused`, args: [after.id, now.key, text] });
        }
      }
    }
  },
});
