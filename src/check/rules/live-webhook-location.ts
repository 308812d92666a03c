import { defineRule } from '../define-rule.ts';
import { CONNECTOR, WEBHOOK_TRIGGER } from '../examples.ts';
import { declaredResponse, liveOperation } from '../live.ts';
import { webhookOf } from '../webhook.ts';
import { analyze } from '../../swagger/index.ts';

const files = { 'connector.mdx': CONNECTOR, 'triggers/WhenItemCreated.mdx': WEBHOOK_TRIGGER };
const registered = (headers: Record<string, string>) => ({ operationId: 'WhenItemCreated', request: { method: 'POST', url: 'https://api.contoso.com/hooks' }, status: 201, headers, body: '' });

export default defineRule({
  id: 'live-webhook-location',
  area: 'live',
  severity: 'error',
  description: 'A webhook registration answers with a `Location` header: the address of the subscription.',
  rationale:
    'The platform deletes a webhook subscription (when the flow is turned off or removed) by calling the `Location` the registration returned; without it, subscriptions pile up at the API and keep calling flows that are gone.',
  examples: { ok: [files], notOk: [] },
  liveExamples: {
    ok: [{ files, exchange: registered({ location: 'https://api.contoso.com/hooks/42' }) }],
    notOk: [{ files, exchange: registered({}), output: ['triggers/WhenItemCreated.mdx:15:3-15:8: The webhook registration `WhenItemCreated` answered 201 without a `Location` header, so its subscription cannot be deleted (live-webhook-location)'] }],
  },
  live({ swagger, exchange, report }) {
    if (exchange.status === undefined || exchange.failure || exchange.status < 200 || exchange.status > 299 || exchange.headers?.location) return;
    const op = liveOperation(swagger, exchange.operationId);
    const entry = analyze(swagger).operationsById.get(exchange.operationId);
    if (!op || !entry || !webhookOf(analyze(swagger), entry)) return;
    const declared = declaredResponse(op, exchange.status);
    report({ message: `The webhook registration \`${exchange.operationId}\` answered ${exchange.status} without a \`Location\` header, so its subscription cannot be deleted`, at: declared?.pointer ?? op.pointer, onKey: true, args: [exchange.operationId] });
  },
});
