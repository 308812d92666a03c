import type { ApiProperties } from '../../swagger/index.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, POLLING_TRIGGER, WEBHOOK_TRIGGER, mdx } from '../examples.ts';
import { analyze, isObject, parametersOf } from '../../swagger/index.ts';
import { bodyUnresolved, webhookOf } from '../webhook.ts';

/** operationIds named by `pollingtrigger` policies; `true` when one applies to every operation. */
function pollingPolicies(apiProperties: ApiProperties): Set<string> | true {
  const named = new Set<string>();
  const instances = apiProperties?.properties?.policyTemplateInstances;
  if (!Array.isArray(instances)) return named;
  for (const instance of instances) {
    if (!isObject(instance) || typeof instance.templateId !== 'string' || instance.templateId.toLowerCase() !== 'pollingtrigger') continue;
    const operations = isObject(instance.parameters) ? instance.parameters['x-ms-apimTemplate-operationName'] : undefined;
    if (operations === undefined) return true;
    for (const op of Array.isArray(operations) ? operations : [operations]) if (typeof op === 'string') named.add(op);
  }
  return named;
}

export default defineRule({
  id: 'trigger-kind-unclear',
  area: 'trigger',
  severity: 'warning',
  description: 'A trigger is either a webhook or a polling trigger with something that carries its state.',
  rationale:
    'An operation with `x-ms-trigger` but no callback URL property is polled by the platform. Unless something carries the state between polls, every poll asks for the same items ' +
    'and the flow either fires for old items again or never fires. The heuristic: a trigger is fine when it is a webhook (a body property with `x-ms-notification-url`), ' +
    'or has `x-ms-trigger-metadata`, or is named by a `pollingtrigger` policy, or has a state parameter (an internal, required query parameter with a `default`, or one with `x-ms-trigger-value`), ' +
    'or pairs with a webhook through `x-ms-notification`, or declares a 202 response. An API that keeps the state itself (answering 202 with a `Location` that carries it) ' +
    'cannot always be seen in the definition, which is why this is a warning: check the API, or declare the 202 response.',
  examples: {
    ok: [
      { 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': POLLING_TRIGGER },
      { 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER },
    ],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/OnNewItem.mdx': mdx([
            'request: GET /items',
            'summary: When an item is created',
            'x-ms-trigger: batch',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: [
          'actions/OnNewItem.mdx:4:1-4:13: Trigger `OnNewItem` is polled but nothing in the definition carries state between polls; unless the API answers 202 with a `Location` that does, each poll gets the same items (trigger-kind-unclear)',
        ],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    const analysis = analyze(swagger);
    let policies: Set<string> | true | undefined;
    for (const op of analysis.operations) {
      const node = op.visit.node;
      if (node['x-ms-trigger'] === undefined) continue;
      if (node['x-ms-trigger-metadata'] !== undefined || node['x-ms-notification'] !== undefined) continue;
      // A webhook, or maybe one behind a reference that does not resolve (ref-target-exists reports that).
      if (webhookOf(analysis, op) || bodyUnresolved(analysis, op)) continue;
      policies ??= pollingPolicies(apiProperties);
      if (policies === true || (op.operationId !== undefined && policies.has(op.operationId))) continue;
      const state = parametersOf(analysis, op.visit).some(
        ({ node: p }) =>
          p['x-ms-trigger-value'] !== undefined ||
          (p.in === 'query' && p['x-ms-visibility'] === 'internal' && p.required === true && p.default !== undefined),
      );
      if (state) continue;
      // An API that keeps the state itself answers 202 with a Location (Logic Apps custom-API polling pattern).
      if (isObject(node.responses) && node.responses['202'] !== undefined) continue;
      const id = op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
      report({
        message: `Trigger \`${id}\` is polled but nothing in the definition carries state between polls; unless the API answers 202 with a \`Location\` that does, each poll gets the same items`,
        at: op.visit.at('x-ms-trigger'),
        onKey: true,
        note: 'In plugboard, declare the trigger with `kind: webhook`, or `kind: polling` with a `state`.',
        args: [id],
      });
    }
  },
});
