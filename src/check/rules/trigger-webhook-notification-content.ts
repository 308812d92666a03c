import { defineRule } from '../define-rule.ts';
import { analyze } from '../../swagger/index.ts';
import { webhooks } from '../webhook.ts';
import { CONNECTOR, WEBHOOK_ACTION, WEBHOOK_TRIGGER } from '../examples.ts';

export default defineRule({
  id: 'trigger-webhook-notification-content',
  area: 'trigger',
  severity: 'error',
  platformCodes: ['OperationMustHaveNotificationContentExtension'],
  description: 'A webhook trigger has `x-ms-notification-content` on its path item.',
  rationale:
    'The outputs of a webhook trigger come from `x-ms-notification-content`, the schema of what the service posts to the callback URL, which sits on the path item beside the subscribe operation. ' +
    'Without it the trigger has no outputs and the validator fails with `OperationMustHaveNotificationContentExtension`. ' +
    'A notification content without `schema` is reported by `x-ms-value`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/OnNewItem.mdx': WEBHOOK_ACTION },
        output: [
          'actions/OnNewItem.mdx:4:1-4:13: Webhook trigger `OnNewItem` has no `x-ms-notification-content` on its path item; add one with the `schema` of what the service posts (trigger-webhook-notification-content)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const hook of webhooks(analysis)) {
      if (hook.operation.pathItem.node['x-ms-notification-content'] !== undefined) continue;
      const id = hook.operation.operationId ?? `${hook.operation.method.toUpperCase()} ${hook.operation.path}`;
      report({
        message: `Webhook trigger \`${id}\` has no \`x-ms-notification-content\` on its path item; add one with the \`schema\` of what the service posts`,
        at: hook.operation.visit.at('x-ms-trigger'),
        onKey: true,
        args: [id],
      });
    }
  },
});
