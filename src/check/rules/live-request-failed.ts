import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { liveOperation } from '../live.ts';

export default defineRule({
  id: 'live-request-failed',
  area: 'live',
  severity: 'error',
  description: 'A request of `plugboard test` got no complete response: timed out, reset, too large, or redirected where credentials would leak.',
  rationale:
    'The platform gives up on a backend after its timeout and caps response sizes; a call that hangs, drops or streams without end fails every flow that uses it. ' +
    'A redirect to another host is followed without the credentials (they are never forwarded across hosts), so it fails there instead of leaking them.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS) }],
    notOk: [
      {
        files: itemsFolder(),
        exchange: { operationId: 'ListItems', request: { method: 'GET', url: 'https://api.contoso.com/items' }, failure: { kind: 'timeout', message: 'no complete response within 10 s' } },
        output: ['actions/ListItems.mdx:2:1-2:20: The request of `ListItems` failed: no complete response within 10 s (live-request-failed)'],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    const failure = exchange.failure;
    if (!failure || failure.kind === 'skipped' || failure.kind === 'recording-mismatch') return;
    const op = liveOperation(swagger, exchange.operationId);
    if (!op) return;
    report({ message: `The request of \`${exchange.operationId}\` failed: ${failure.message}`, at: op.pointer, onKey: true, args: [exchange.operationId, failure.kind, String(exchange.page ?? 1)] });
  },
});
