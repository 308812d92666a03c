import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { liveOperation } from '../live.ts';

export default defineRule({
  id: 'live-operation-skipped',
  area: 'live',
  severity: 'info',
  description: 'An operation `plugboard test` could not call: a required input has no test value, `--set` or earlier response to take it from.',
  rationale:
    'Certification runs every operation with its `x-ms-test-value`s; an operation without them is not tested at all. ' +
    'Give the parameter a `testValue` (or an `example`, a `default`, an `enum`), or pass `--set name=value`.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS) }],
    notOk: [
      {
        files: itemsFolder(),
        exchange: { operationId: 'ListItems', failure: { kind: 'skipped', message: 'no value for the required `folder` (give it a `testValue`, or `--set folder=…`)' } },
        output: ['actions/ListItems.mdx:2:1-2:20: Skipped `ListItems`: no value for the required `folder` (give it a `testValue`, or `--set folder=…`) (live-operation-skipped)'],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    if (exchange.failure?.kind !== 'skipped') return;
    const op = liveOperation(swagger, exchange.operationId);
    if (op) report({ message: `Skipped \`${exchange.operationId}\`: ${exchange.failure.message}`, at: op.pointer, onKey: true, args: [exchange.operationId] });
  },
});
