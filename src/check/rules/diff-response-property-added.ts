import { defineRule } from '../define-rule.ts';
import { folder, mdx } from '../diff-examples.ts';
import { addedOutputs, matchOperations, named } from '../diff-model.ts';

const get = (...props: string[]) =>
  mdx(['request: GET /items/{id}', 'summary: Get an item', 'parameters:', '  id:', '    type: string', '    summary: Item ID', 'responses:', "  '200':", '    description: OK', '    schema:', '      type: object', '      properties:', ...props.flatMap((p) => [`        ${p}:`, '          type: string'])]);

export default defineRule({
  id: 'diff-response-property-added',
  area: 'diff',
  severity: 'info',
  description: 'The success response of an operation has a property in the head that the base revision did not have.',
  rationale: 'New outputs break nothing already built and show up as dynamic content in the designer; worth a minor version bump.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: get('id') }), head: folder('1.0', { GetItem: get('id') }) }],
    notOk: [{ base: folder('1.0', { GetItem: get('id') }), head: folder('1.1', { GetItem: get('id', 'color') }), output: ['actions/GetItem.mdx:17:11-17:23: Added the response property `color` to the action `GetItem` (diff-response-property-added)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const output of addedOutputs(before, after)) {
        report({ at: output.pointer, message: `Added the response property \`${output.path}\` to the ${named(after)}`, args: [after.id, output.path] });
      }
    }
  },
});
