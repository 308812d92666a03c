import { defineRule } from '../define-rule.ts';
import { CONNECTOR, POLLING_TRIGGER, WEBHOOK_TRIGGER } from '../examples.ts';
import { operationName } from '../operations.ts';
import { analyze, isObject, parametersOf, type ResolvedParameter } from '../../swagger/index.ts';

/** The webhook trigger with a `folder` parameter of `type`. */
const webhook = (type: string) => WEBHOOK_TRIGGER.replace('responses:', `parameters:\n  folder:\n    in: query\n    type: ${type}\nresponses:`);
/** The polling trigger paired with the webhook by `x-ms-notification`, with a `folder` string parameter (lines 14–16). */
const POLLING = POLLING_TRIGGER.replace(
  'responses:',
  'x-ms-notification:\n  operationId: WhenItemCreated\nparameters:\n  folder:\n    in: query\n    type: string\nresponses:',
);

/** What must agree: the type (the schema's for a body) and the visibility, `none` when absent. */
function shape(p: ResolvedParameter): { type: string; visibility: string } {
  const schema = isObject(p.node.schema) ? p.node.schema : undefined;
  const type = p.node.type ?? schema?.type;
  const visibility = p.node['x-ms-visibility'];
  return { type: typeof type === 'string' ? type : '', visibility: typeof visibility === 'string' && visibility !== '' ? visibility.toLowerCase() : 'none' };
}

export default defineRule({
  id: 'parameter-notification-match',
  area: 'trigger',
  severity: 'error',
  platformCodes: ['ParamtersWithSameNameMustHaveSameTypeAndVisibility'],
  description: 'A trigger paired with a webhook by `x-ms-notification` gives its parameters the type and visibility of the webhook\'s parameters of the same name.',
  rationale:
    'The platform fills the webhook subscription from the values the maker typed into the trigger (the fetch operation), matching them by name; ' +
    'a parameter of another type or visibility cannot carry over, and the validator rejects the pair (`ParamtersWithSameNameMustHaveSameTypeAndVisibility`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'triggers/WhenItemCreated.mdx': webhook('string'), 'triggers/WhenItemCreatedPolling.mdx': POLLING }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'triggers/WhenItemCreated.mdx': webhook('integer'), 'triggers/WhenItemCreatedPolling.mdx': POLLING },
        output: [
          'triggers/WhenItemCreatedPolling.mdx:14:3-14:9: Parameter `folder` of `WhenItemCreatedPolling` is a string (visibility none), but in the webhook `WhenItemCreated` it is an integer (visibility none); give both the same type and visibility (parameter-notification-match)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const visit of analysis.withKey('x-ms-notification')) {
      const fetch = analysis.operationByVisit.get(visit);
      const value = visit.node['x-ms-notification'];
      if (!fetch || !isObject(value) || typeof value.operationId !== 'string') continue;
      const subscribe = analysis.operationsById.get(value.operationId);
      if (!subscribe || subscribe === fetch) continue;
      const theirs = new Map(parametersOf(analysis, subscribe.visit).map((p) => [p.node.name, p]));
      for (const p of parametersOf(analysis, fetch.visit)) {
        const other = typeof p.node.name === 'string' ? theirs.get(p.node.name) : undefined;
        if (!other) continue;
        const a = shape(p);
        const b = shape(other);
        if (a.type === b.type && a.visibility === b.visibility) continue;
        const article = (t: string) => (t === '' ? 'untyped' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`);
        report({
          message:
            `Parameter \`${String(p.node.name)}\` of \`${operationName(fetch)}\` is ${article(a.type)} (visibility ${a.visibility}), but in the webhook \`${operationName(subscribe)}\` ` +
            `it is ${article(b.type)} (visibility ${b.visibility}); give both the same type and visibility`,
          at: p.visit.pointer,
          onKey: true,
          cause: { message: 'The webhook\'s parameter', at: other.visit.pointer },
          args: [operationName(fetch), String(p.node.name)],
        });
      }
    }
  },
});
