import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, type Visit } from '../../swagger/index.ts';

const create = (path: string) => mdx([`request: POST ${path}`, 'summary: Create an item', 'responses:', "  '201':", '    description: Created']);
const LIST_ITEMS = mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'path-case-duplicate',
  area: 'operation',
  severity: 'error',
  platformCodes: ['PathRedefined'],
  description: 'No two paths differ only in letter case, like `/items` and `/Items`.',
  rationale:
    'The platform compares paths without regard to case, so `/items` and `/Items` are one path defined twice; the validator rejects the definition (`PathRedefined`). ' +
    'Write every operation of that path under one spelling.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': LIST_ITEMS, 'actions/CreateItem.mdx': create('/items') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': LIST_ITEMS, 'actions/CreateItem.mdx': create('/Items') },
        output: ['actions/ListItems.mdx:2:1-2:20: Path `/items` differs from `/Items` only in case; the platform sees one path, so write both operations under one spelling (path-case-duplicate)'],
      },
    ],
  },
  check({ swagger, report }) {
    const first = new Map<string, Visit>();
    for (const item of analyze(swagger).of('path-item')) {
      const path = String(item.segments[0]);
      const key = path.toLowerCase();
      const other = first.get(key);
      if (!other) {
        first.set(key, item);
        continue;
      }
      report({
        message: `Path \`${path}\` differs from \`${String(other.segments[0])}\` only in case; the platform sees one path, so write both operations under one spelling`,
        at: item.pointer,
        onKey: true,
        cause: { message: 'The other spelling', at: other.pointer },
        args: [path],
      });
    }
  },
});
