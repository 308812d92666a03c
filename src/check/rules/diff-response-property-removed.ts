import { defineRule } from '../define-rule.ts';
import { folder, mdx } from '../diff-examples.ts';
import { matchOperations, named, removedOutputs } from '../diff-model.ts';

const get = (...props: string[]) =>
  mdx(['request: GET /items/{id}', 'summary: Get an item', 'parameters:', '  id:', '    type: string', '    summary: Item ID', 'responses:', "  '200':", '    description: OK', '    schema:', '      type: object', '      properties:', ...props.flatMap((p) => [`        ${p}:`, '          type: string'])]);

export default defineRule({
  id: 'diff-response-property-removed',
  area: 'diff',
  severity: 'error',
  description: 'A property of an operation\'s success response (at any depth, as a dotted path) is gone in the head.',
  rationale: 'Later steps of a flow read outputs by their path; when one is gone, those steps get nothing or fail, and the designer shows the flow as broken.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: folder('1.0', { GetItem: get('id', 'name') }), head: folder('1.1', { GetItem: get('id', 'name', 'color') }) }],
    notOk: [{ base: folder('1.0', { GetItem: get('id', 'name') }), head: folder('2.0', { GetItem: get('id') }), output: ['actions/GetItem.mdx:17:11-17:23: Removed the response property `name` of the action `GetItem`; steps that read it get nothing (as of `base`) (diff-response-property-removed)'] }],
  },
  diff({ base, head, report }) {
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      for (const output of removedOutputs(before, after)) {
        report({ side: 'base', at: output.pointer, message: `Removed the response property \`${output.path}\` of the ${named(before)}; steps that read it get nothing`, args: [before.id, output.path] });
      }
    }
  },
});
