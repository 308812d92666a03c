import { defineRule } from '../define-rule.ts';
import { CONNECTOR, WEBHOOK_TRIGGER, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { webhooks } from '../webhook.ts';

const hook = (bodyRequired: boolean) =>
  mdx([
    'request: POST /hooks',
    'summary: When an item is created',
    'x-ms-trigger: single',
    'body:',
    `  required: ${bodyRequired}`,
    '  schema:',
    '    type: object',
    '    x-ms-visibility: internal',
    '    properties:',
    '      callbackUrl:',
    '        type: string',
    '        x-ms-notification-url: true',
    'responses:',
    "  '201':",
    '    description: Created',
  ]);

export default defineRule({
  id: 'trigger-webhook-callback-required',
  area: 'trigger',
  severity: 'warning',
  platformCodes: ['NotificationUrlNotRequired'],
  description: 'The callback URL property of a webhook trigger is required at every level, up to a `required: true` body parameter.',
  rationale:
    'The platform fills in the property marked `x-ms-notification-url: true` when a flow is saved; the certification validator wants it required all the way up (`NotificationUrlNotRequired`) ' +
    'so that no client drops it as an optional value. A warning, not an error: the platform fills it in anyway, and 36 certified connectors of the public repository leave the subscribe body optional ' +
    '(109 callback properties in 37 connectors are not required all the way down).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/OnNewItem.mdx': hook(false) },
        output: [
          'actions/OnNewItem.mdx:6:13-6:18: Expected the body parameter of webhook `OnNewItem` to be `required: true`, it carries the callback URL (trigger-webhook-callback-required)',
          'actions/OnNewItem.mdx:11:7-11:18: Expected the callback URL property `callbackUrl` to be required; list it in `required` of its parent schema (trigger-webhook-callback-required)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    for (const hook of webhooks(analyze(swagger))) {
      const id = hook.operation.operationId ?? `${hook.operation.method.toUpperCase()} ${hook.operation.path}`;
      const body = hook.body.node;
      if (body.required !== true) {
        report({
          message: `Expected the body parameter of webhook \`${id}\` to be \`required: true\`, it carries the callback URL`,
          at: body.required === undefined ? hook.body.pointer : `${hook.body.pointer}/required`,
          ...(body.required === undefined ? { onKey: true } : {}),
          args: ['body-required'],
        });
      }
      const callback = hook.callbacks[0];
      if (!callback) continue;
      const last = callback.chain.at(-1)!;
      for (const step of callback.chain) {
        if (step.required.has(step.name)) continue;
        report({
          message:
            step === last
              ? `Expected the callback URL property \`${step.name}\` to be required; list it in \`required\` of its parent schema`
              : `Expected \`${step.name}\`, a parent of the callback URL property, to be required; list it in \`required\` of its parent schema`,
          at: step.pointer,
          onKey: true,
          args: ['required', step.name],
        });
      }
    }
  },
});
