import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';

/** `x-bomb:` in an action: nine levels of nine aliases each, 9^9 values once expanded (billion laughs). */
const ALIAS_BOMB = mdx([
  'request: GET /items',
  'summary: List items',
  'x-bomb:',
  '  a: &a [x, x, x, x, x, x, x, x, x]',
  ...'bcdefghi'.split('').map((name, i) => `  ${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
]);

export default defineRule({
  id: 'source-limit',
  area: 'connector',
  severity: 'error',
  description: 'Every input stays within plugboard limits: file size, files per folder, folder depth, nesting depth and YAML alias expansion.',
  rationale:
    'Inputs come from anyone; a 1.5 KB YAML alias bomb or a 200,000-deep array must be a clear error in milliseconds, not minutes of work or a crashed build for every other connector.',
  examples: {
    ok: [
      {
        'connector.mdx': CONNECTOR,
        // An anchor used twice: aliases are fine while the expanded front-matter stays small.
        'actions/GetItem.mdx': mdx([
          'request: GET /items/{id}',
          'summary: Get an item',
          'description: Gets one item by its ID.',
          'parameters:',
          '  id:',
          '    type: string',
          '    summary: Item ID',
          'responses:',
          "  '200':",
          '    description: OK',
          '    schema: &item',
          '      type: object',
          '      properties:',
          '        id: { type: string, summary: ID }',
          "  '201':",
          '    description: Created',
          '    schema: *item',
        ]),
      },
    ],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': ALIAS_BOMB },
        output: ['actions/ListItems.mdx:10:10-10:45: Aliases expand this YAML to more than 100,000 values, the limit for a file of its size; each `*name` repeats all that `&name` anchors (source-limit)'],
      },
      {
        // The front-matter mapping is level 1, so the 100th `[` opens level 101.
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM.replace('---\n', `---\nx-matrix: ${'['.repeat(100)}${']'.repeat(100)}\n`) },
        output: ['actions/GetItem.mdx:2:110-2:111: Nesting deeper than 100 levels (mappings and sequences inside each other); the limit is 100 (source-limit)'],
      },
    ],
  },
});
