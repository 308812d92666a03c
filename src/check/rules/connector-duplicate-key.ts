import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, getItemWithId } from '../examples.ts';

export default defineRule({
  id: 'connector-duplicate-key',
  area: 'connector',
  severity: 'error',
  description: 'No output key is set twice: by a sugar key and its raw twin, or by two files.',
  rationale:
    'When `summary` and `x-ms-summary` (or `title` and `info.title`, or a definition in connector.mdx and in `definitions/`) both say something, one of them would silently win. The first one is kept and the second is reported, with the first as its cause.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': getItemWithId('    summary: Item ID', '    x-ms-summary: Item identifier'),
        },
        output: ['actions/GetItem.mdx:8:5-8:17: `x-ms-summary` is already set by `summary`; keep one of the two (connector-duplicate-key)'],
      },
    ],
  },
});
