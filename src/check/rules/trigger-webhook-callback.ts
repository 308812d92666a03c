import { fromPointer } from '../../core/pointer.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, WEBHOOK_TRIGGER, mdx } from '../examples.ts';
import { analyze, type Analysis } from '../../swagger/index.ts';
import { webhooks } from '../webhook.ts';

/** Definitions reachable from schemas of each kind of root (body, response, notification), following refs. */
function reachableDefinitions(analysis: Analysis): { body: Set<string>; other: Set<string> } {
  const refsOf = new Map<string, string[]>();
  const fromBody: string[] = [];
  const fromOther: string[] = [];
  for (const visit of analysis.of('ref')) {
    if (visit.refOf !== 'schema' || !visit.ref?.startsWith('#/definitions/')) continue;
    const target = fromPointer(visit.ref)[1]!;
    if (visit.schemaRoot === 'definition') {
      const owner = String(visit.path[1]);
      const list = refsOf.get(owner) ?? [];
      list.push(target);
      refsOf.set(owner, list);
    } else (visit.schemaRoot === 'body' ? fromBody : fromOther).push(target);
  }
  const close = (start: string[]) => {
    const reached = new Set<string>();
    const stack = [...start];
    while (stack.length) {
      const name = stack.pop()!;
      if (reached.has(name)) continue;
      reached.add(name);
      stack.push(...(refsOf.get(name) ?? []));
    }
    return reached;
  };
  return { body: close(fromBody), other: close(fromOther) };
}

export default defineRule({
  id: 'trigger-webhook-callback',
  area: 'trigger',
  severity: 'error',
  platformCodes: ['NotificationUrlNotString', 'NotificationUrlNotInternal', 'NotificationUrlNotAllowedInThisPosition'],
  description: 'The callback URL property of a webhook trigger is an internal string in the body of the subscribe request, and the only one.',
  rationale:
    'When a flow is saved, the platform calls the subscribe operation and fills in the property marked `x-ms-notification-url: true` with the callback URL. ' +
    'It must be a string, ' +
    'and it must be internal (itself or a parent) so users are not asked for it. The flag means nothing anywhere else (`NotificationUrlNotAllowedInThisPosition`). ' +
    'Whether it is required all the way up is `trigger-webhook-callback-required` (a warning: certified connectors leave it out).',
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
            '        x-ms-notification-url: true',
            'responses:',
            "  '201':",
            '    description: Created',
          ]),
        },
        output: [
          'actions/OnNewItem.mdx:11:7-11:18: Expected the callback URL property `callbackUrl` to be internal; add `x-ms-visibility: internal` to it or a parent (trigger-webhook-callback)',
        ],
      },
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/CreateItem.mdx': mdx([
            'request: POST /items',
            'summary: Create an item',
            'responses:',
            "  '201':",
            '    description: Created',
            '    schema:',
            '      type: object',
            '      properties:',
            '        callbackUrl:',
            '          type: string',
            '          x-ms-notification-url: true',
          ]),
        },
        output: [
          'actions/CreateItem.mdx:12:11-12:32: Unexpected `x-ms-notification-url` outside the body of a subscribe request; the platform only fills it in there (trigger-webhook-callback)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const hook of webhooks(analysis)) {
      const id = hook.operation.operationId ?? `${hook.operation.method.toUpperCase()} ${hook.operation.path}`;
      const body = hook.body.node;
      hook.callbacks.forEach((callback, index) => {
        const last = callback.chain.at(-1)!;
        if (index > 0) {
          report({ message: `Unexpected second callback URL property \`${last.name}\`; the platform fills in only one`, at: last.pointer, onKey: true, args: ['second'] });
          return;
        }
        if (last.schema.type !== 'string') {
          report({
            message: `Expected the callback URL property \`${last.name}\` to be \`type: string\``,
            at: last.schema.type === undefined ? last.pointer : `${last.pointer}/type`,
            ...(last.schema.type === undefined ? { onKey: true } : {}),
            args: ['type'],
          });
        }
        const internal = [body, hook.root, ...callback.chain.map((s) => s.schema)].some((s) => s['x-ms-visibility'] === 'internal');
        if (!internal) {
          report({
            message: `Expected the callback URL property \`${last.name}\` to be internal; add \`x-ms-visibility: internal\` to it or a parent`,
            at: last.pointer,
            onKey: true,
            args: ['internal'],
          });
        }
      });
    }

    let reach: ReturnType<typeof reachableDefinitions> | undefined;
    for (const visit of analysis.withKey('x-ms-notification-url')) {
      if (visit.schemaRoot === undefined || visit.schemaRoot === 'body') continue;
      if (visit.schemaRoot === 'definition') {
        // A definition counts where it is used: fine in a body, wrong only when used elsewhere alone (unused ones are left alone).
        reach ??= reachableDefinitions(analysis);
        const name = String(visit.path[1]);
        if (reach.body.has(name) || !reach.other.has(name)) continue;
      }
      report({
        message: 'Unexpected `x-ms-notification-url` outside the body of a subscribe request; the platform only fills it in there',
        at: visit.at('x-ms-notification-url'),
        onKey: true,
        args: [],
      });
    }
  },
});
