import { describe, expect, it } from 'vitest';
import { apiProperties, bodyParam, doc, lines, NOTIFICATION_CONTENT, op, pathParam, queryParam, webhookOp } from './helpers.ts';

const unsubscribe = { '/hooks/{id}': { delete: op('DeleteHook', { 'x-ms-visibility': 'internal', parameters: [pathParam('id')] }) } };
const webhookRules = ['trigger-webhook-callback', 'trigger-webhook-notification-content', 'trigger-webhook-unsubscribe', 'trigger-kind-unclear'];

describe('webhook triggers', () => {
  it('accept the full contract, also with the body schema in definitions', () => {
    const inline = doc({ '/hooks': { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: webhookOp('OnHook') }, ...unsubscribe });
    const viaRef = doc(
      {
        '/hooks': {
          'x-ms-notification-content': NOTIFICATION_CONTENT,
          post: op('OnHook', { 'x-ms-trigger': 'single', parameters: [bodyParam({ $ref: '#/definitions/Subscription' })] }),
        },
        ...unsubscribe,
      },
      {
        definitions: {
          Subscription: { type: 'object', required: ['target'], properties: { target: { $ref: '#/definitions/Target' }, events: { type: 'array', items: { type: 'string' } } } },
          Target: { type: 'object', 'x-ms-visibility': 'internal', allOf: [{ required: ['url'] }, { properties: { url: { type: 'string', 'x-ms-notification-url': true } } }] },
        },
      },
    );
    for (const rule of webhookRules) {
      expect(lines(rule, inline)).toEqual([]);
      expect(lines(rule, viaRef)).toEqual([]);
    }
  });

  it('trigger-webhook-callback(-required): the callback must be a required, internal string in a required body', () => {
    const swagger = doc({
      '/hooks': {
        'x-ms-notification-content': NOTIFICATION_CONTENT,
        post: op('OnHook', {
          'x-ms-trigger': 'single',
          parameters: [
            {
              name: 'body',
              in: 'body',
              schema: {
                type: 'object',
                properties: {
                  target: { type: 'object', required: ['url'], properties: { url: { type: 'object', 'x-ms-notification-url': true }, backup: { type: 'string', 'x-ms-notification-url': true } } },
                },
              },
            },
          ],
        }),
      },
      ...unsubscribe,
    });
    expect(lines('trigger-webhook-callback', swagger)).toEqual([
      '/paths/~1hooks/post/parameters/0/schema/properties/target/properties/url/type :: Expected the callback URL property `url` to be `type: string`',
      '/paths/~1hooks/post/parameters/0/schema/properties/target/properties/url (key) :: Expected the callback URL property `url` to be internal; add `x-ms-visibility: internal` to it or a parent',
      '/paths/~1hooks/post/parameters/0/schema/properties/target/properties/backup (key) :: Unexpected second callback URL property `backup`; the platform fills in only one',
    ]);
    // Required all the way up: a warning of its own (certified connectors leave it out).
    expect(lines('trigger-webhook-callback-required', swagger)).toEqual([
      '/paths/~1hooks/post/parameters/0 (key) :: Expected the body parameter of webhook `OnHook` to be `required: true`, it carries the callback URL',
      '/paths/~1hooks/post/parameters/0/schema/properties/target (key) :: Expected `target`, a parent of the callback URL property, to be required; list it in `required` of its parent schema',
    ]);
  });

  it('trigger-webhook-callback: reports the flag outside subscribe bodies, but not in unused definitions', () => {
    const swagger = doc(
      {
        '/items': {
          get: op('ListItems', {
            parameters: [queryParam('cb', { 'x-ms-notification-url': true })],
            responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Echo' } } },
          }),
        },
        '/hooks': { 'x-ms-notification-content': { schema: { type: 'object', properties: { url: { type: 'string', 'x-ms-notification-url': true } } } }, post: webhookOp('OnHook') },
        ...unsubscribe,
      },
      {
        definitions: {
          Echo: { type: 'object', properties: { url: { type: 'string', 'x-ms-notification-url': true } } },
          Unused: { type: 'object', properties: { url: { type: 'string', 'x-ms-notification-url': true } } },
        },
      },
    );
    expect(lines('trigger-webhook-callback', swagger)).toEqual([
      '/paths/~1hooks/x-ms-notification-content/schema/properties/url/x-ms-notification-url (key) :: Unexpected `x-ms-notification-url` outside the body of a subscribe request; the platform only fills it in there',
      '/definitions/Echo/properties/url/x-ms-notification-url (key) :: Unexpected `x-ms-notification-url` outside the body of a subscribe request; the platform only fills it in there',
    ]);
    // On a query parameter it is x-ms-position's finding.
    expect(lines('x-ms-position', swagger)).toEqual([
      '/paths/~1items/get/parameters/0/x-ms-notification-url (key) :: Unexpected `x-ms-notification-url` in a query parameter, expected it on a schema',
    ]);
  });

  it('trigger-webhook-notification-content: reports a webhook without it on the path item', () => {
    const swagger = doc({ '/hooks': { post: webhookOp('OnHook') }, ...unsubscribe });
    expect(lines('trigger-webhook-notification-content', swagger)).toEqual([
      '/paths/~1hooks/post/x-ms-trigger (key) :: Webhook trigger `OnHook` has no `x-ms-notification-content` on its path item; add one with the `schema` of what the service posts',
    ]);
    // Present without a schema is x-ms-value's finding, not a second one here.
    expect(lines('trigger-webhook-notification-content', doc({ '/hooks': { 'x-ms-notification-content': {}, post: webhookOp('OnHook') }, ...unsubscribe }))).toEqual([]);
  });

  it('trigger-webhook-unsubscribe: wants a DELETE the subscription Location can match', () => {
    const hooks = (deletes: Record<string, object>) => doc({ '/webhooks/created': { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: webhookOp('OnCreated') }, ...deletes });
    const remove = (path: string, params: object[] = []) => ({ [path]: { delete: op(`Delete${Object.keys(params).length}`, { parameters: params as never }) } });
    expect(lines('trigger-webhook-unsubscribe', hooks(remove('/webhooks/created', [queryParam('id')])))).toEqual([]);
    expect(lines('trigger-webhook-unsubscribe', hooks(remove('/webhooks/{id}', [pathParam('id')])))).toEqual([]);
    expect(lines('trigger-webhook-unsubscribe', hooks(remove('/webhooks/delete/{id}', [pathParam('id')])))).toEqual([]);
    const warning = [
      '/paths/~1webhooks~1created/post/x-ms-trigger (key) :: Webhook trigger `OnCreated` has no DELETE operation for its subscriptions, like `DELETE /webhooks/created/{id}`; add one for the `Location` the service returns',
    ];
    expect(lines('trigger-webhook-unsubscribe', hooks({}))).toEqual(warning);
    expect(lines('trigger-webhook-unsubscribe', hooks(remove('/items/{id}', [pathParam('id')])))).toEqual(warning);
    expect(lines('trigger-webhook-unsubscribe', hooks(remove('/webhooks')))).toEqual(warning);
  });
});

describe('trigger-kind-unclear', () => {
  const rule = 'trigger-kind-unclear';
  const poll = (extra: object = {}, params: object[] = []) => doc({ '/items': { get: op('OnNewItem', { 'x-ms-trigger': 'batch', parameters: params as never, ...extra }) } });

  it('warns on a trigger that nothing marks as webhook or polling with state', () => {
    expect(lines(rule, poll())).toEqual([
      '/paths/~1items/get/x-ms-trigger (key) :: Trigger `OnNewItem` is polled but nothing in the definition carries state between polls; unless the API answers 202 with a `Location` that does, each poll gets the same items',
    ]);
    // An optional or visible query parameter does not carry state.
    expect(lines(rule, poll({}, [queryParam('since', { default: '2020-01-01' }), queryParam('top', { required: true, default: 10 })]))).toHaveLength(1);
  });

  it('accepts webhooks and the marks of polling triggers', () => {
    expect(lines(rule, poll({ 'x-ms-trigger-metadata': { kind: 'query', mode: 'polling' } }))).toEqual([]);
    expect(lines(rule, poll({ 'x-ms-notification': { operationId: 'OnHook' } }))).toEqual([]);
    expect(lines(rule, poll({ responses: { '200': { description: 'OK' }, '202': { description: 'Accepted' } } }))).toEqual([]);
    expect(lines(rule, poll({}, [queryParam('since', { required: true, default: '2020-01-01', 'x-ms-visibility': 'internal' })]))).toEqual([]);
    expect(lines(rule, poll({}, [queryParam('since', { 'x-ms-trigger-value': { 'value-collection': 'value', 'value-path': 'id' } })]))).toEqual([]);
    const policy = (operations?: string[]) =>
      apiProperties({
        policyTemplateInstances: [
          { templateId: 'pollingtrigger', parameters: { ...(operations ? { 'x-ms-apimTemplate-operationName': operations } : {}), 'x-ms-apimTemplateParameter.triggerConfig': {}, 'x-ms-apimTemplateParameter.triggerDataPath': '@triggerBody()' } },
        ],
      });
    expect(lines(rule, poll(), policy(['OnNewItem']))).toEqual([]);
    expect(lines(rule, poll(), policy())).toEqual([]);
    expect(lines(rule, poll(), policy(['Other']))).toHaveLength(1);
    expect(lines(rule, doc({ '/hooks': { post: webhookOp('OnHook') } }))).toEqual([]);
  });

  it('stays quiet when the body schema does not resolve (ref-target-exists reports it)', () => {
    expect(lines(rule, doc({ '/hooks': { post: op('OnHook', { 'x-ms-trigger': 'single', parameters: [bodyParam({ $ref: '#/definitions/Missing' })] }) } }))).toEqual([]);
  });
});
