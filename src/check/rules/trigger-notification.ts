import { defineRule } from '../define-rule.ts';
import { CONNECTOR, WEBHOOK_TRIGGER, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';
import { bodyUnresolved, webhookOf } from '../webhook.ts';

export default defineRule({
  id: 'trigger-notification',
  area: 'trigger',
  severity: 'warning',
  platformCodes: ['NotificationExtensionNotSupportedInWebhookOperation', 'NotificationExtensionSupportedForTriggerOnly', 'NotificationOperationMustBeWebhook', 'WebhookOperationsMissingNotificationUrlProperty'],
  description: '`x-ms-notification` pairs a trigger with a webhook operation, and a trigger with `x-ms-notification-content` has a callback URL property.',
  rationale:
    '`x-ms-notification: { operationId }` tells the platform which webhook operation delivers a trigger\'s events: it belongs on a trigger that is not itself a webhook, and must name a webhook. ' +
    'A subscribe operation whose path item declares the notification payload (`x-ms-notification-content`) but whose body has no `x-ms-notification-url` property never gets the callback URL, so nothing is ever posted. ' +
    'A warning: the platform imports these, and the trigger is what silently does not fire.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': mdx([
            'request: GET /items/{id}',
            'summary: Get an item',
            'x-ms-notification:',
            '  operationId: OnNewItem',
            'parameters:',
            '  id:',
            '    type: string',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
          'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER,
        },
        output: ['actions/GetItem.mdx:4:1-4:18: Unexpected `x-ms-notification` on `GetItem`, which is not a trigger (trigger-notification)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      const node = op.visit.node;
      const id = op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
      const notification = node['x-ms-notification'];
      if (notification !== undefined) {
        if (node['x-ms-trigger'] === undefined) {
          report({ message: `Unexpected \`x-ms-notification\` on \`${id}\`, which is not a trigger`, at: op.visit.at('x-ms-notification'), onKey: true, args: ['not-trigger'] });
        } else if (webhookOf(analysis, op)) {
          report({ message: `Unexpected \`x-ms-notification\` on webhook \`${id}\`; it pairs a trigger that is not a webhook with one`, at: op.visit.at('x-ms-notification'), onKey: true, args: ['on-webhook'] });
        } else if (isObject(notification) && typeof notification.operationId === 'string') {
          const target = analysis.operationsById.get(notification.operationId);
          if (target && !webhookOf(analysis, target) && !bodyUnresolved(analysis, target)) {
            report({
              message: `Expected \`${notification.operationId}\`, named by \`x-ms-notification\` of \`${id}\`, to be a webhook: a trigger with an \`x-ms-notification-url\` property in its body`,
              at: op.visit.at('x-ms-notification', 'operationId'),
              args: ['target'],
            });
          }
        }
      }
      if (node['x-ms-trigger'] === undefined || op.method === 'get' || op.method === 'delete') continue;
      if (op.pathItem.node['x-ms-notification-content'] === undefined || webhookOf(analysis, op) || bodyUnresolved(analysis, op)) continue;
      report({
        message: `Expected a property with \`x-ms-notification-url: true\` in the body of \`${id}\`: its path item declares \`x-ms-notification-content\`, and the platform sends the callback URL there`,
        at: op.visit.pointer,
        args: ['no-callback'],
      });
    }
  },
});
