import { defineRule } from '../define-rule.ts';
import { POLLING_TRIGGER, WEBHOOK_TRIGGER } from '../examples.ts';
import { action, connector } from '../diff-examples.ts';
import { matchOperations } from '../diff-model.ts';

export default defineRule({
  id: 'diff-trigger-kind-changed',
  area: 'diff',
  severity: 'error',
  description: 'An operation changed between webhook trigger, polling trigger and action.',
  rationale: 'A webhook is registered once with a callback URL and a polling trigger is called on a schedule with state; flows built on one do not run as the other, and an action that became a trigger (or back) cannot be used where it was.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: { 'connector.mdx': connector('1.0'), 'triggers/OnNewItem.mdx': POLLING_TRIGGER }, head: { 'connector.mdx': connector('1.0'), 'triggers/OnNewItem.mdx': POLLING_TRIGGER.replace('Triggers when', 'Fires when') } }],
    notOk: [
      {
        base: { 'connector.mdx': connector('1.0'), 'triggers/OnNewItem.mdx': POLLING_TRIGGER, 'actions/ListItems.mdx': action('GET /things', 'List things') },
        head: { 'connector.mdx': connector('2.0'), 'triggers/OnNewItem.mdx': WEBHOOK_TRIGGER, 'triggers/ListItems.mdx': POLLING_TRIGGER.replace('GET /items', 'GET /things') },
        output: [
          "triggers/ListItems.mdx:2:7-2:14: `ListItems` changed from an action to a polling trigger; flows built on it no longer run (diff-trigger-kind-changed)",
          "triggers/OnNewItem.mdx:2:7-2:14: `OnNewItem` changed from a polling trigger to a webhook trigger; flows built on it no longer run (diff-trigger-kind-changed)",
        ],
      },
    ],
  },
  diff({ base, head, report }) {
    const word = { action: 'an action', webhook: 'a webhook trigger', polling: 'a polling trigger' } as const;
    for (const { before, after } of matchOperations(base.swagger, head.swagger).kept) {
      if (before.kind === after.kind) continue;
      report({ at: after.isTrigger ? `${after.pointer}/x-ms-trigger` : after.pointer, message: `\`${after.id}\` changed from ${word[before.kind]} to ${word[after.kind]}; flows built on it no longer run`, args: [after.id, before.kind, after.kind] });
    }
  },
});
