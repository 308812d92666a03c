/**
 * The semantic rules no generic linter has, on edge cases beyond their examples: what a dynamic
 * call's response holds, the arguments it passes and the companions it needs; batch triggers;
 * x-ms-notification; policy parameter shapes.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/swagger/index.ts';
import { triggerDataPath } from '../../src/check/rules/trigger-batch-array.ts';
import { apiProperties, bodyParam, doc, lines, NOTIFICATION_CONTENT, op, queryParam, webhookOp } from './helpers.ts';

const ok = (schema: JsonObject) => ({ '200': { description: 'OK', schema } });
const list = (schema: JsonObject, extra: JsonObject = {}) => op('List', { 'x-ms-visibility': 'internal', responses: ok(schema), ...extra });
const OBJECTS = { type: 'object', properties: { value: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } } } };

describe('x-ms-dynamic-response', () => {
  const rule = 'x-ms-dynamic-response';
  const withValues = (values: JsonObject, listed: JsonObject) =>
    doc({ '/list': { get: list(listed) }, '/a': { get: op('A', { parameters: [queryParam('q', { 'x-ms-dynamic-values': { operationId: 'List', ...values } })] }) } });

  it('needs no value-path for strings and numbers, at the root or at value-collection', () => {
    expect(lines(rule, withValues({}, { type: 'array', items: { type: 'string' } }))).toEqual([]);
    expect(lines(rule, withValues({ 'value-collection': 'codes' }, { type: 'object', properties: { codes: { type: 'array', items: { type: 'integer' } } } }))).toEqual([]);
  });

  it('wants value-path when the items are objects', () => {
    expect(lines(rule, withValues({ 'value-collection': 'value' }, OBJECTS))).toEqual([
      '/paths/~1a/get/parameters/0/x-ms-dynamic-values (key) :: Missing `value-path` in `x-ms-dynamic-values`: the items `List` returns are objects, it names the value of each',
    ]);
  });

  it('accepts dotted and slashed paths that resolve, through refs and allOf', () => {
    const swagger = doc(
      {
        '/list': { get: list({ $ref: '#/definitions/Page' }) },
        '/a': { get: op('A', { parameters: [queryParam('q', { 'x-ms-dynamic-values': { operationId: 'List', 'value-collection': 'data.items', 'value-path': 'ref/id' } })] }) },
        '/b': { get: op('B', { parameters: [queryParam('q', { 'x-ms-dynamic-list': { operationId: 'List', itemsPath: 'data/items', itemValuePath: 'ref/id', itemTitlePath: 'name' } })] }) },
      },
      {
        definitions: {
          Page: { type: 'object', properties: { data: { allOf: [{ $ref: '#/definitions/Items' }] } } },
          Items: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, ref: { type: 'object', properties: { id: { type: 'string' } } } } } } } },
        },
      },
    );
    expect(lines(rule, swagger)).toEqual([]);
  });

  it('says nothing where the response declares nothing: no schema, an open object, a dynamic schema', () => {
    expect(lines(rule, withValues({ 'value-collection': 'x', 'value-path': 'y' }, { type: 'object' }))).toEqual([]);
    expect(lines(rule, withValues({ 'value-collection': 'x' }, { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }))).toEqual([]);
    expect(lines(rule, withValues({ 'value-collection': 'x' }, { type: 'object', 'x-ms-dynamic-schema': { operationId: 'S' }, properties: { a: { type: 'string' } } }))).toEqual([]);
  });

  it('reads x-ms-dynamic-schema value-path from the response root, and a tree\'s item paths but not its itemIsParent expression', () => {
    const swagger = doc({
      '/list': { get: list(OBJECTS) },
      '/a': {
        get: op('A', {
          parameters: [
            queryParam('q', {
              'x-ms-dynamic-tree': {
                open: { operationId: 'List', itemsPath: 'value', itemValuePath: 'id', itemTitlePath: 'title', itemIsParent: '(is_folder eq true)' },
              },
            }),
          ],
          responses: { '200': { description: 'OK', schema: { type: 'object', 'x-ms-dynamic-schema': { operationId: 'List', 'value-path': 'schema' } } } },
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/get/parameters/0/x-ms-dynamic-tree/open/itemTitlePath :: The items `List` returns have no `title`, named by `itemTitlePath` of `x-ms-dynamic-tree`',
      '/paths/~1a/get/responses/200/schema/x-ms-dynamic-schema/value-path :: The response of `List` has no `schema`, named by `value-path` of `x-ms-dynamic-schema`',
    ]);
  });

  it('says when value-collection names something that is not an array', () => {
    expect(lines(rule, withValues({ 'value-collection': 'value/0/name' }, OBJECTS))).toEqual([
      '/paths/~1a/get/parameters/0/x-ms-dynamic-values/value-collection :: Expected `value/0/name` in the response of `List` to be an array, named by `value-collection` of `x-ms-dynamic-values`',
    ]);
  });
});

describe('x-ms-dynamic-parameters', () => {
  const rule = 'x-ms-dynamic-parameters';
  const target = list(OBJECTS, {
    parameters: [queryParam('top', { type: 'integer' }), queryParam('flag', { type: 'boolean' }), queryParam('id'), { name: 'id', in: 'header', type: 'string' }],
  });

  it('reports ambiguous names, static and referenced type mismatches', () => {
    const swagger = doc({
      '/list': { get: target },
      '/a': {
        get: op('A', {
          parameters: [
            queryParam('count', { type: 'integer' }),
            queryParam('tags', { type: 'array', items: { type: 'string' } }),
            queryParam('q', { 'x-ms-dynamic-values': { operationId: 'List', 'value-path': 'id', parameters: { id: 'x', flag: 'yes', top: { parameter: 'tags' } } } }),
            queryParam('r', { 'x-ms-dynamic-values': { operationId: 'List', 'value-path': 'id', parameters: { flag: 'true', top: { parameter: 'count' } } } }),
          ],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/get/parameters/2/x-ms-dynamic-values/parameters/id (key) :: Ambiguous parameter `id` of `List`: it is in query and header; rename one',
      '/paths/~1a/get/parameters/2/x-ms-dynamic-values/parameters/flag :: Expected the value of `flag` to be boolean, the type of that parameter of `List`, not string',
      '/paths/~1a/get/parameters/2/x-ms-dynamic-values/parameters/top/parameter :: Expected `tags`, passed as `top` to `List`, to be integer like that parameter, not array',
    ]);
  });

  it('wants a static value for an internal property with a default, which parameterReference does not pass', () => {
    const swagger = doc({
      '/list': { get: target },
      '/a': {
        post: op('A', {
          parameters: [
            bodyParam({
              type: 'object',
              properties: {
                limit: { type: 'integer', default: 10, 'x-ms-visibility': 'internal' },
                item: { type: 'string', 'x-ms-dynamic-list': { operationId: 'List', itemValuePath: 'id', parameters: { top: { parameterReference: 'body/limit' } } } },
              },
            }),
          ],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/post/parameters/0/schema/properties/item/x-ms-dynamic-list/parameters/top/parameterReference :: `body/limit` is internal with a default, which `parameterReference` does not pass; pass `{ value: 10 }` instead',
    ]);
  });

  it('accepts body property names of the called operation and expressions as values', () => {
    const swagger = doc({
      '/list': { post: list(OBJECTS, { parameters: [bodyParam({ type: 'object', properties: { filter: { type: 'integer' } } })] }) },
      '/a': { get: op('A', { parameters: [queryParam('q', { 'x-ms-dynamic-values': { operationId: 'List', 'value-path': 'id', parameters: { filter: "@parameters('x')" } } })] }) },
    });
    expect(lines(rule, swagger)).toEqual([]);
  });
});

describe('x-ms-dynamic-companion', () => {
  const rule = 'x-ms-dynamic-companion';

  it('reports a dynamic extension on a body parameter, an ambiguous reference, an itemValuePath mismatch and a file picker without a tree', () => {
    const swagger = doc({
      '/list': { get: list(OBJECTS) },
      '/a': {
        post: op('A', {
          parameters: [
            queryParam('id'),
            queryParam('p', { 'x-ms-dynamic-values': { capability: 'file-picker', parameters: {} } }),
            bodyParam(
              {
                type: 'object',
                properties: { id: { type: 'string' }, x: { type: 'string', 'x-ms-dynamic-values': { operationId: 'List', 'value-path': 'id', parameters: { id: { parameter: 'id' } } } } },
              },
              { 'x-ms-dynamic-schema': { operationId: 'List', 'value-path': 'schema/properties' }, 'x-ms-dynamic-properties': { operationId: 'List', itemValuePath: 'schema/props' } },
            ),
          ],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/post/parameters/1/x-ms-dynamic-values/capability :: Missing `x-ms-dynamic-tree` beside a file picker (`capability: file-picker`); it says how to open and browse the tree',
      '/paths/~1a/post/parameters/2/x-ms-dynamic-schema (key) :: Unexpected `x-ms-dynamic-schema` on a body parameter; put it on the body\'s schema',
      '/paths/~1a/post/parameters/2/x-ms-dynamic-properties (key) :: Unexpected `x-ms-dynamic-properties` on a body parameter; put it on the body\'s schema',
      '/paths/~1a/post/parameters/2/x-ms-dynamic-properties/itemValuePath :: Unexpected `itemValuePath` `schema/props`, expected `schema`: the `value-path` of `x-ms-dynamic-schema` without a trailing `/properties`',
      '/paths/~1a/post/parameters/2/schema/properties/x/x-ms-dynamic-values/parameters/id/parameter :: `id` is both a parameter and a body property, which `x-ms-dynamic-values` cannot tell apart; add `x-ms-dynamic-list` with `parameterReference`',
    ]);
  });
});

describe('trigger-batch-array', () => {
  const rule = 'trigger-batch-array';

  it('reads triggerDataPath expressions', () => {
    expect(triggerDataPath('@triggerBody().value')).toBe('value');
    expect(triggerDataPath("@triggerBody()?['data']['items']")).toBe('data/items');
    expect(triggerDataPath('@{triggerBody()}')).toBe('');
    expect(triggerDataPath('@body().value')).toBeUndefined();
  });

  it('follows the pollingtrigger policy to the array, and reads a webhook\'s payload', () => {
    const polling = op('OnNew', { 'x-ms-trigger': 'batch', responses: ok({ type: 'object', properties: { data: { type: 'object', properties: { id: { type: 'string' } } } } }) });
    const policy = apiProperties({
      policyTemplateInstances: [{ templateId: 'PollingTrigger', parameters: { 'x-ms-apimTemplate-operationName': ['OnNew'], 'x-ms-apimTemplateParameter.triggerDataPath': '@triggerBody().data' } }],
    });
    const hook = { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: webhookOp('OnHook', { 'x-ms-trigger': 'batch' }) };
    expect(lines(rule, doc({ '/new': { get: polling }, '/hooks': hook }), policy)).toEqual([
      '/paths/~1new/get/x-ms-trigger (key) :: Expected `data` (the `triggerDataPath`) in the response of batch trigger `OnNew` to be an array',
      '/paths/~1hooks/post/x-ms-trigger (key) :: Expected the notification payload of batch trigger `OnHook` to be an array or to hold one; make it `x-ms-trigger: single` or declare the array',
    ]);
  });
});

describe('trigger-notification', () => {
  it('pairs triggers with webhooks and wants the callback property beside x-ms-notification-content', () => {
    const swagger = doc({
      '/hooks': { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: webhookOp('OnHook', { 'x-ms-notification': { operationId: 'Poll' } }) },
      '/poll': { get: op('Poll', { 'x-ms-trigger': 'batch', 'x-ms-notification': { operationId: 'Other' } }) },
      '/other': { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: op('Other', { 'x-ms-trigger': 'single', parameters: [bodyParam({ type: 'object', properties: { url: { type: 'string' } } })] }) },
    });
    expect(lines('trigger-notification', swagger)).toEqual([
      '/paths/~1hooks/post/x-ms-notification (key) :: Unexpected `x-ms-notification` on webhook `OnHook`; it pairs a trigger that is not a webhook with one',
      '/paths/~1poll/get/x-ms-notification/operationId :: Expected `Other`, named by `x-ms-notification` of `Poll`, to be a webhook: a trigger with an `x-ms-notification-url` property in its body',
      '/paths/~1other/post :: Expected a property with `x-ms-notification-url: true` in the body of `Other`: its path item declares `x-ms-notification-content`, and the platform sends the callback URL there',
    ]);
  });
});

describe('policy-parameter-value', () => {
  it('checks sections, enumerated values and shapes, and lets expressions through', () => {
    const policies = apiProperties({
      policyTemplateInstances: [
        { templateId: 'routerequesttoendpoint', parameters: { 'x-ms-apimTemplateParameter.newPath': '/x', 'x-ms-apimTemplateParameter.httpMethod': '@Request.OriginalHTTPMethod' } },
        { templateId: 'setqueryparameter', parameters: { 'x-ms-apimTemplate-policySection': 'Failure', 'x-ms-apimTemplateParameter.name': 'a', 'x-ms-apimTemplateParameter.value': ['b'] } },
        { templateId: 'pollingtrigger', parameters: { 'x-ms-apimTemplate-operationName': 'A', 'x-ms-apimTemplateParameter.triggerConfig': 'x', 'x-ms-apimTemplateParameter.triggerDataPath': '@triggerBody()' } },
      ],
    });
    expect(lines('policy-parameter-value', doc({ '/a': { get: op('A') } }), policies)).toEqual([
      'apiProperties:/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplate-policySection :: Unexpected policy section `Failure` of policy template `setqueryparameter`, expected Request or Response',
      'apiProperties:/properties/policyTemplateInstances/1/parameters/x-ms-apimTemplateParameter.value :: Expected `value` of policy template `setqueryparameter` to be a string, not an array',
      'apiProperties:/properties/policyTemplateInstances/2/parameters/x-ms-apimTemplateParameter.triggerConfig :: Expected `triggerConfig` of policy template `pollingtrigger` to be an object, not a string',
    ]);
  });
});
