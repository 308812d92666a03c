import { defineRule } from '../define-rule.ts';
import { CONNECTOR, WEBHOOK_TRIGGER, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';
import { webhooks } from '../webhook.ts';

export default defineRule({
  id: 'trigger-webhook-responses',
  area: 'trigger',
  severity: 'warning',
  description: 'The subscribe operation of a webhook trigger declares at least one response.',
  rationale:
    'Swagger 2.0 wants at least one response per operation, and the subscribe call does answer (usually `201 Created`, often with the subscription id the unsubscribe call needs). ' +
    'A warning, not the `swagger-schema` error it is on an action: the trigger outputs come from `x-ms-notification-content`, not from this response, and the platform imports `responses: {}` on a webhook ' +
    '(certified connectors carry it).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/OnNewItem.mdx': mdx([
            'request: POST /hooks',
            'summary: When an item is created',
            'x-ms-trigger: single',
            'body:',
            '  required: true',
            '  schema:',
            '    type: object',
            '    required: [callbackUrl]',
            '    properties:',
            '      callbackUrl:',
            '        type: string',
            '        x-ms-visibility: internal',
            '        x-ms-notification-url: true',
            'responses: {}',
          ]),
        },
        output: ['actions/OnNewItem.mdx:15:12-15:14: Expected at least one response of webhook `OnNewItem`, like `201` for the subscription it creates (trigger-webhook-responses)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const hook of webhooks(analyze(swagger))) {
      const responses = hook.operation.visit.node.responses;
      if (!isObject(responses) || Object.keys(responses).some((key) => !key.startsWith('x-'))) continue;
      const id = hook.operation.operationId ?? `${hook.operation.method.toUpperCase()} ${hook.operation.path}`;
      report({ message: `Expected at least one response of webhook \`${id}\`, like \`201\` for the subscription it creates`, at: `${hook.operation.visit.pointer}/responses`, args: [] });
    }
  },
});
