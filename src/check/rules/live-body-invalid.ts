import { defineRule } from '../define-rule.ts';
import { ITEMS, exchange, itemsFolder } from '../live-examples.ts';
import { declaredResponse, isJsonType, liveOperation, mediaType, walkBody } from '../live.ts';

export default defineRule({
  id: 'live-body-invalid',
  area: 'live',
  severity: 'error',
  description: 'A JSON response body parses and matches its declared schema: types, required properties, and value constraints (enum, format, pattern, ranges; checked with ajv and the platform\'s formats).',
  rationale:
    'Flows read responses through the declared schema: a property of another type breaks the expression that reads it, a missing required property is `null` where a value was promised. ' +
    'Each finding is placed at the schema line that declares the field; fix the schema or the API.',
  examples: { ok: [itemsFolder()], notOk: [] },
  liveExamples: {
    ok: [{ files: itemsFolder(), exchange: exchange(200, ITEMS) }],
    notOk: [
      { files: itemsFolder(), exchange: exchange(200, '{"value": [') , output: ['actions/ListItems.mdx:5:3-5:8: Unexpected body of `ListItems` that is not JSON (Unexpected end of JSON input), expected JSON (live-body-invalid)'] },
      {
        files: itemsFolder(),
        exchange: exchange(200, { value: [{ id: 7, name: 'Seven' }, { name: 'No id' }] }),
        output: [
          'actions/ListItems.mdx:16:19-16:35: `/value/1/id` is required but missing (live-body-invalid)',
          'actions/ListItems.mdx:16:27-16:33: `/value/0/id` is a number, declared as `string` (live-body-invalid)',
        ],
      },
    ],
  },
  live({ swagger, exchange, report }) {
    if (exchange.status === undefined || exchange.failure || !exchange.body) return;
    const op = liveOperation(swagger, exchange.operationId);
    const declared = op && declaredResponse(op, exchange.status);
    if (!op || !declared || declared.response.schema === undefined) return;
    const type = mediaType(exchange.headers?.['content-type']);
    if (type && !isJsonType(type)) return; // the content type's rule says so
    let value: unknown;
    try {
      value = JSON.parse(exchange.body);
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'unreadable';
      report({ message: `Unexpected body of \`${exchange.operationId}\` that is not JSON (${why}), expected JSON`, at: declared.pointer, onKey: true, args: [exchange.operationId, declared.key, 'json'] });
      return;
    }
    for (const issue of walkBody(swagger, declared.response.schema, `${declared.pointer}/schema`, value)) {
      if (issue.kind === 'undeclared') continue; // live-schema-drift
      report({ message: issue.message, at: issue.at, args: [exchange.operationId, issue.kind, issue.field] });
    }
  },
});
