import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { declaredResponse, isJsonType, liveOperation, mediaType, unseenProperties } from '../live.ts';

export default defineRule({
  id: 'live-schema-unseen',
  area: 'live',
  severity: 'info',
  description: 'A JSON response holds none of an optional property its schema declares (no item of a list had it): the other half of schema drift.',
  rationale:
    'A declared property the API never returns shows in the designer as dynamic content that is always empty. ' +
    'One response proves little (the field may be optional), so this is information: check the API reference, and remove or describe the property if it is gone. ' +
    'Required properties that are missing are live-body-invalid.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS) }],
    notOk: [
      {
        files: itemsFolder(),
        exchange: exchange(200, { value: [{ id: '1' }, { id: '2' }] }),
        output: ['actions/ListItems.mdx:17:15-17:19: `name` is declared but the response did not return it (live-schema-unseen)'],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    if (exchange.status === undefined || exchange.failure || !exchange.body) return;
    if (exchange.status < 200 || exchange.status >= 300) return;
    const op = liveOperation(swagger, exchange.operationId);
    const declared = op && declaredResponse(op, exchange.status);
    if (!op || !declared || declared.response.schema === undefined) return;
    if (!isJsonType(mediaType(exchange.headers?.['content-type']) ?? 'application/json')) return;
    let value: unknown;
    try {
      value = JSON.parse(exchange.body);
    } catch {
      return; // live-body-invalid
    }
    // The last page of a pageable list has no next link: that is the end, not drift.
    const pageable = op.operation['x-ms-pageable'];
    const nextLink = pageable !== null && typeof pageable === 'object' && !Array.isArray(pageable) ? (pageable as { nextLinkName?: unknown }).nextLinkName : undefined;
    for (const unseen of unseenProperties(swagger, declared.response.schema, `${declared.pointer}/schema`, value)) {
      if (unseen.name === nextLink) continue;
      report({ message: `\`${unseen.name}\` is declared but the response did not return it`, at: unseen.at, onKey: true, args: [exchange.operationId, unseen.at] });
    }
  },
});
