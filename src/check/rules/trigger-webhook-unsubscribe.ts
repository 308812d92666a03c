import { defineRule } from '../define-rule.ts';
import { CONNECTOR, WEBHOOK_ACTION, WEBHOOK_TRIGGER } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { webhooks } from '../webhook.ts';

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * A DELETE that can serve the subscription's `Location`: one under the subscribe path
 * (`/hooks/{id}` for `/hooks`), or one with a path parameter in the same area, i.e. sharing the
 * subscribe path's first segment (`/webhooks/delete/{id}` for `/webhooks/signed/create`).
 */
function canUnsubscribe(remove: string, subscribe: string): boolean {
  const base = subscribe.endsWith('/') ? subscribe : `${subscribe}/`;
  if (remove === subscribe || remove.startsWith(base)) return true;
  const a = segments(remove);
  const b = segments(subscribe);
  return a.length > 0 && b.length > 0 && a[0] === b[0] && /\{[^}]+\}/.test(remove);
}

export default defineRule({
  id: 'trigger-webhook-unsubscribe',
  area: 'trigger',
  severity: 'warning',
  description: 'A webhook trigger has a DELETE operation for its subscriptions, for the platform to unsubscribe.',
  rationale:
    'When a flow is turned off, changed or deleted, the platform sends DELETE to the `Location` header returned by the subscribe call. ' +
    'Connector policies, custom code and authentication only apply when that URL matches an operation of the connector, so the definition needs a DELETE operation on the subscription path ' +
    '(usually `/hooks/{id}` for subscribe `POST /hooks`). Without one, subscriptions may be left behind on the service. ' +
    'A DELETE counts when its path starts with the subscribe path, or has a path parameter and shares the subscribe path\'s first segment (`DELETE /webhooks/{id}` for `POST /webhooks/created`). ' +
    'This is a warning because a service whose `Location` points elsewhere can still work.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/OnNewItem.mdx': WEBHOOK_ACTION },
        output: [
          'actions/OnNewItem.mdx:4:1-4:13: Webhook trigger `OnNewItem` has no DELETE operation for its subscriptions, like `DELETE /hooks/{id}`; add one for the `Location` the service returns (trigger-webhook-unsubscribe)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    const hooks = webhooks(analysis);
    if (hooks.length === 0) return;
    const deletes = analysis.operations.filter((op) => op.method === 'delete').map((op) => op.path);
    for (const hook of hooks) {
      const base = hook.operation.path;
      if (deletes.some((path) => canUnsubscribe(path, base))) continue;
      const id = hook.operation.operationId ?? `${hook.operation.method.toUpperCase()} ${base}`;
      report({
        message: `Webhook trigger \`${id}\` has no DELETE operation for its subscriptions, like \`DELETE ${base.replace(/\/$/, '')}/{id}\`; add one for the \`Location\` the service returns`,
        at: hook.operation.visit.at('x-ms-trigger'),
        onKey: true,
        args: [id],
      });
    }
  },
});
