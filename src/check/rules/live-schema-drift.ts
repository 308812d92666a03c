import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { declaredResponse, isJsonType, liveOperation, mediaType, walkBody } from '../live.ts';

export default defineRule({
  id: 'live-schema-drift',
  area: 'live',
  severity: 'warning',
  description: 'A JSON response returns a property its schema does not declare (the API grew, the schema did not).',
  rationale:
    'A property the schema does not declare is invisible in the flow designer: users cannot pick it as dynamic content. ' +
    'The finding is placed at the `properties` that should declare it; add the property, or ignore the warning if it is internal.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS) }],
    notOk: [
      {
        files: itemsFolder(),
        exchange: exchange(200, { value: [{ id: '1', name: 'One', colour: 'red' }], total: 1 }),
        output: [
          'actions/ListItems.mdx:9:7-9:17: `/total` (integer) is returned but not declared (live-schema-drift)',
          'actions/ListItems.mdx:15:13-15:23: `/value/0/colour` (string) is returned but not declared (live-schema-drift)',
        ],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    if (exchange.status === undefined || exchange.failure || !exchange.body) return;
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
    for (const issue of walkBody(swagger, declared.response.schema, `${declared.pointer}/schema`, value)) {
      if (issue.kind === 'undeclared') report({ message: issue.message, at: issue.at, onKey: true, args: [exchange.operationId, issue.field.replace(/\/\d+(?=\/|$)/g, '/*')] });
    }
  },
});
