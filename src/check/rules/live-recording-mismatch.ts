import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { liveOperation } from '../live.ts';

export default defineRule({
  id: 'live-recording-mismatch',
  area: 'live',
  severity: 'error',
  description: 'With `plugboard test --replay`, every request the connector makes has a recorded exchange in `recordings.yaml` (same method, URL and body).',
  rationale:
    'A replay checks the connector against recorded responses, offline; a request that changed since the recording (a new parameter, a renamed path, another body) has no response to check, ' +
    'so the connector and its recordings have drifted apart. Record again with `--record` against the API, and review the diff of `recordings.yaml`.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS) }],
    notOk: [
      {
        files: itemsFolder(),
        exchange: {
          operationId: 'ListItems',
          request: { method: 'GET', url: 'https://api.contoso.com/items?limit=10' },
          failure: { kind: 'recording-mismatch', message: 'no recording of `GET {baseUrl}/items?limit=10`; the closest recorded, `GET {baseUrl}/items`, differs in the query (`limit`) (record again with --record)' },
        },
        output: [
          'actions/ListItems.mdx:2:1-2:20: The request of `ListItems` has no recording: no recording of `GET {baseUrl}/items?limit=10`; the closest recorded, `GET {baseUrl}/items`, differs in the query (`limit`) (record again with --record) (live-recording-mismatch)',
        ],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    if (exchange.failure?.kind !== 'recording-mismatch') return;
    const op = liveOperation(swagger, exchange.operationId);
    if (!op) return;
    report({ message: `The request of \`${exchange.operationId}\` has no recording: ${exchange.failure.message}`, at: op.pointer, onKey: true, args: [exchange.operationId, String(exchange.page ?? 1)] });
  },
});
