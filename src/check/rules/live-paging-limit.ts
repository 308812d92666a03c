import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { liveOperation } from '../live.ts';

export default defineRule({
  id: 'live-paging-limit',
  area: 'live',
  severity: 'warning',
  description: '`plugboard test` stopped following an operation\'s `x-ms-pageable` next links at its page limit, with a next link still returned.',
  rationale:
    'The platform follows next links until there are none (up to the flow\'s pagination threshold); an API whose last page still links onwards makes every flow with pagination on run to its threshold. ' +
    'Check that the last page has no next link, or that the limit was just too low for the data (`--pages`).',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder("x-ms-pageable: { nextLinkName: nextLink }"), exchange: { ...exchange(200, ITEMS), page: 2 } }],
    notOk: [
      {
        files: itemsFolder("x-ms-pageable: { nextLinkName: nextLink }"),
        exchange: { ...exchange(200, { ...ITEMS, nextLink: 'https://api.contoso.com/items?page=6' }), page: 5, nextLinkLeft: true },
        output: ['actions/ListItems.mdx:4:1-4:14: Stopped paging `ListItems` after 5 pages with a next link still returned (live-paging-limit)'],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    if (!exchange.nextLinkLeft) return;
    const op = liveOperation(swagger, exchange.operationId);
    if (op) report({ message: `Stopped paging \`${exchange.operationId}\` after ${exchange.page ?? 1} pages with a next link still returned`, at: `${op.pointer}/x-ms-pageable`, onKey: true, args: [exchange.operationId] });
  },
});
