import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, getItemWithId } from '../examples.ts';

export default defineRule({
  id: 'frontmatter-unknown-key',
  area: 'frontmatter',
  severity: 'error',
  description: 'Front-matter keys are the authoring model\'s keys, raw Swagger keys of that position, or `x-…` extensions.',
  rationale:
    'A misspelt key (`sumary`, `descripton`) would otherwise be carried into the definition verbatim and silently do nothing; the closest known key is suggested. The unknown key is still carried, so nothing is lost while you fix it.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': getItemWithId('    sumary: Item ID'),
        },
        output: ['actions/GetItem.mdx:7:5-7:11: Unexpected key `sumary` in a parameter, did you mean `summary`? (frontmatter-unknown-key)'],
      },
    ],
  },
});
