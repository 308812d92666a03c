import { describe, expect, it } from 'vitest';
import { bodyParam, doc, lines, NOTIFICATION_CONTENT, op, pathParam, queryParam, webhookOp } from './helpers.ts';

describe('x-ms-position', () => {
  const rule = 'x-ms-position';

  it('accepts extensions where the platform reads them, including observed ones', () => {
    const swagger = doc(
      {
        '/items/{id}': {
          get: op('GetItem', {
            'x-ms-visibility': 'important',
            'x-ms-openai-data': { 'openai-enabled': true },
            'x-ms-require-user-confirmation': true,
            parameters: [pathParam('id', { 'x-ms-summary': 'Item ID', 'x-ms-dynamic-values': { operationId: 'ListItems', 'value-path': 'id' } })],
            responses: {
              '200': {
                description: 'OK',
                'x-ms-summary': 'Item',
                headers: { 'X-Total': { type: 'integer', 'x-ms-summary': 'Total', 'x-ms-visibility': 'advanced' } },
                schema: { type: 'object', 'x-ms-dynamic-schema': { operationId: 'GetSchema' }, properties: { a: { type: 'string', 'x-ms-editor': 'dictionary', 'x-ms-explicit-input': true, 'x-ms-media-kind': 'image' } } },
              },
            },
          }),
        },
        '/hooks': { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: webhookOp('OnHook') },
      },
      {
        'x-ms-connector-metadata': [{ propertyName: 'Website', propertyValue: 'https://contoso.com' }],
        'x-ms-openai-manifest': { humanName: 'Contoso' },
        'x-ms-capabilities': { testConnection: { operationId: 'GetItem' } },
        info: { title: 'Contoso', version: '1.0', 'x-ms-keywords': ['items'], 'x-ms-api-annotation': { status: 'Preview' } },
        definitions: { Item: { type: 'object', 'x-ms-dynamic-properties': { operationId: 'GetSchema' }, 'x-ms-enum': { name: 'x' } } },
        'x-contoso-own': { 'x-ms-anything': 1 },
      },
    );
    expect(lines(rule, swagger)).toEqual([]);
  });

  it('reports an unknown extension with a did-you-mean', () => {
    const swagger = doc({ '/a/{id}': { get: op('A', { parameters: [pathParam('id', { 'x-ms-visibilty': 'advanced', 'x-ms-summmary': 'Id' })] }) } });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a~1{id}/get/parameters/0/x-ms-visibilty (key) :: Unknown extension `x-ms-visibilty` in a path parameter, did you mean `x-ms-visibility`?',
      '/paths/~1a~1{id}/get/parameters/0/x-ms-summmary (key) :: Unknown extension `x-ms-summmary` in a path parameter, did you mean `x-ms-summary`?',
    ]);
  });

  it('reports an unknown extension without a near name', () => {
    expect(lines(rule, doc({ '/a': { get: op('A', { 'x-ms-zebra-crossing': 'a' }) } }))).toEqual([
      '/paths/~1a/get/x-ms-zebra-crossing (key) :: Unknown extension `x-ms-zebra-crossing` in an operation; use `x-zebra-crossing` for an extension of your own',
    ]);
  });

  it('leaves AutoRest extensions to x-ms-autorest (info), wherever they are', () => {
    const swagger = doc({
      '/a': {
        get: op('A', {
          'x-ms-client-name': 'a',
          parameters: [queryParam('q', { 'x-ms-enum': { name: 'Q' } }), bodyParam({ type: 'object', 'x-ms-mutability': ['read'] }, { 'x-ms-parameter-location': 'method' })],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([]);
    expect(lines('x-ms-autorest', swagger)).toEqual([
      '/paths/~1a/get/x-ms-client-name (key) :: `x-ms-client-name` in an operation is an AutoRest extension the Power Platform ignores',
      '/paths/~1a/get/parameters/0/x-ms-enum (key) :: `x-ms-enum` in a query parameter is an AutoRest extension the Power Platform ignores',
      '/paths/~1a/get/parameters/1/x-ms-parameter-location (key) :: `x-ms-parameter-location` in a body parameter is an AutoRest extension the Power Platform ignores',
      '/paths/~1a/get/parameters/1/schema/x-ms-mutability (key) :: `x-ms-mutability` in a schema is an AutoRest extension the Power Platform ignores',
    ]);
  });

  it('accepts x-ms-openai-data at the document root as on an operation', () => {
    expect(lines(rule, doc({ '/a': { get: op('A') } }, { 'x-ms-openai-data': { 'openai-enabled': true } }))).toEqual([]);
  });

  it('reports a known extension at the wrong position, saying where it belongs', () => {
    const swagger = doc({
      '/a': {
        get: op('A', {
          'x-ms-notification-content': NOTIFICATION_CONTENT,
          parameters: [
            { name: 'h', in: 'header', type: 'string', 'x-ms-url-encoding': 'single' },
            bodyParam({ type: 'object' }, { 'x-ms-enum-values': [] }),
            { $ref: '#/parameters/x', 'x-ms-summary': 'X' },
          ],
          responses: { '200': { description: 'OK', schema: { anyOf: [{ type: 'string', 'x-ms-dynamic-schema': { operationId: 'A' } }] } } },
        }),
      },
    }, { parameters: { x: queryParam('x') }, info: { title: 'C', version: '1', 'x-ms-trigger': 'single' } });
    expect(lines(rule, swagger)).toEqual([
      '/info/x-ms-trigger (key) :: Unexpected `x-ms-trigger` in `info`, expected it on an operation',
      '/paths/~1a/get/x-ms-notification-content (key) :: Unexpected `x-ms-notification-content` in an operation, expected it on a path item',
      '/paths/~1a/get/parameters/0/x-ms-url-encoding (key) :: Unexpected `x-ms-url-encoding` in a header parameter, expected it on a query parameter or a path parameter',
      '/paths/~1a/get/parameters/1/x-ms-enum-values (key) :: Unexpected `x-ms-enum-values` in a body parameter, expected it on a non-body parameter or a schema',
      '/paths/~1a/get/parameters/2/x-ms-summary (key) :: Unexpected `x-ms-summary` in a parameter reference, expected it on an operation, a parameter, a schema, a response or a response header',
      '/paths/~1a/get/responses/200/schema/anyOf/0/x-ms-dynamic-schema (key) :: Unexpected `x-ms-dynamic-schema` in a schema, expected it on a body, response or definition schema',
    ]);
  });

  it('checks positions that take no extension at all', () => {
    const swagger = doc({ '/a': { get: op('A') }, 'x-ms-paths': 1 as never }, { securityDefinitions: { k: { type: 'basic', 'x-ms-visibility': 'internal' } } });
    expect(lines(rule, swagger)).toEqual([
      '/securityDefinitions/k/x-ms-visibility (key) :: Unexpected `x-ms-visibility` in a security scheme, expected it on an operation, a parameter, a schema or a response header',
      '/paths/x-ms-paths (key) :: Unknown extension `x-ms-paths` in `paths`; use `x-paths` for an extension of your own',
    ]);
  });
});

describe('x-ms-value', () => {
  const rule = 'x-ms-value';

  it('accepts well-formed values', () => {
    const swagger = doc({
      '/items/{id}': {
        get: op('GetItem', {
          'x-ms-visibility': 'advanced',
          'x-ms-pageable': { nextLinkName: '@odata.nextLink' },
          'x-ms-api-annotation': { family: 'GetItem', revision: 2, status: 'Production' },
          parameters: [
            pathParam('id', {
              'x-ms-dynamic-values': { operationId: 'ListItems', 'value-path': 'id', parameters: { top: 10, folder: { parameter: 'folder' }, filter: [] } },
              'x-ms-dynamic-list': { operationId: 'ListItems', itemValuePath: 'id', parameters: { folder: { parameterReference: 'folder' }, top: { value: 10 } } },
            }),
            queryParam('kind', { enum: ['a', 'b'], 'x-ms-enum-values': [{ value: 'a', displayName: 'A' }, { value: 'b', displayName: 'B' }] }),
            queryParam('file', { 'x-ms-dynamic-values': { capability: 'file-picker', parameters: { isFolder: false, fileFilter: [], dataset: null } } }),
          ],
        }),
      },
      '/hooks': { 'x-ms-notification-content': NOTIFICATION_CONTENT, post: webhookOp('OnHook') },
    }, {
      'x-ms-connector-metadata': [{ propertyName: 'Website', propertyValue: 'https://contoso.com' }],
      'x-ms-capabilities': { testConnection: { operationId: 'GetItem' }, 'file-picker': { open: { operationId: 'ListItems' }, 'value-path': 'id' } },
    });
    expect(lines(rule, swagger)).toEqual([]);
  });

  it('reports enumerated values', () => {
    const swagger = doc({
      '/a/{id}': {
        get: op('A', {
          'x-ms-visibility': 'Advanced',
          'x-ms-trigger': 'multiple',
          'x-ms-pageable': { nextLinkName: 'next' },
          parameters: [pathParam('id', { 'x-ms-visibility': '', 'x-ms-url-encoding': 'triple', 'x-ms-summary': 3 })],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a~1{id}/get/x-ms-trigger :: Unexpected `x-ms-trigger` value `multiple`, expected single or batch',
      '/paths/~1a~1{id}/get/x-ms-pageable/nextLinkName :: Unexpected `nextLinkName` `next`, expected nextLink or @odata.nextLink',
      '/paths/~1a~1{id}/get/parameters/0/x-ms-url-encoding :: Unexpected `x-ms-url-encoding` value `triple`, expected single or double',
      '/paths/~1a~1{id}/get/parameters/0/x-ms-summary :: Expected `x-ms-summary` to be a string, not a number',
    ]);
    // Visibility values are tolerated by the designer: a warning of their own.
    expect(lines('x-ms-visibility-value', swagger)).toEqual([
      '/paths/~1a~1{id}/get/x-ms-visibility :: Unexpected `x-ms-visibility` value `Advanced`, expected `advanced`',
      '/paths/~1a~1{id}/get/parameters/0/x-ms-visibility :: Unexpected empty `x-ms-visibility`, expected important, advanced or internal; remove it for a normal field',
    ]);
  });

  it('reports the shapes of dynamic extensions', () => {
    const swagger = doc({
      '/a': {
        get: op('A', {
          parameters: [
            queryParam('a', { 'x-ms-dynamic-values': { 'value-path': 'id' } }),
            queryParam('b', { 'x-ms-dynamic-values': { operationId: 'B' } }),
            queryParam('c', { 'x-ms-dynamic-values': { operationId: 'B', capability: 'file-picker', 'value-path': 'id' } }),
            queryParam('d', { 'x-ms-dynamic-list': { itemValuePath: 'id', parameters: { x: 'literal', y: { value: 1, parameterReference: 'a' } } } }),
          ],
          responses: { '200': { description: 'OK', schema: { type: 'object', 'x-ms-dynamic-schema': { 'value-path': 'schema' }, 'x-ms-dynamic-properties': 'B' } } },
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/get/parameters/0/x-ms-dynamic-values :: Missing `operationId` in `x-ms-dynamic-values`, it names the operation that returns the values',
      '/paths/~1a/get/parameters/2/x-ms-dynamic-values :: Expected only one of `operationId` or `capability` in `x-ms-dynamic-values`',
      '/paths/~1a/get/parameters/3/x-ms-dynamic-list :: Missing `operationId` in `x-ms-dynamic-list`',
      '/paths/~1a/get/parameters/3/x-ms-dynamic-list/parameters/x :: Expected argument `x` of `x-ms-dynamic-list` to be `{ value: <literal> }` or `{ parameterReference: <path> }`',
      '/paths/~1a/get/parameters/3/x-ms-dynamic-list/parameters/y :: Expected argument `y` of `x-ms-dynamic-list` to be `{ value: <literal> }` or `{ parameterReference: <path> }`',
      '/paths/~1a/get/responses/200/schema/x-ms-dynamic-schema :: Missing `operationId` in `x-ms-dynamic-schema`',
      '/paths/~1a/get/responses/200/schema/x-ms-dynamic-properties :: Expected `x-ms-dynamic-properties` to be an object, not a string',
    ]);
  });

  it('checks x-ms-enum-values against the sibling enum', () => {
    const swagger = doc({
      '/a': {
        get: op('A', {
          parameters: [
            queryParam('a', { enum: ['x', 'y'], 'x-ms-enum-values': [{ value: 'x', displayName: 'X' }, { value: 'z', displayName: 'Z' }, { value: 'x', displayName: 'X again' }, { value: 'y' }] }),
          ],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/get/parameters/0/x-ms-enum-values/1/value :: Unexpected `x-ms-enum-values` value `z`, it is not in `enum`',
      '/paths/~1a/get/parameters/0/x-ms-enum-values/2/value :: Duplicate `x-ms-enum-values` value `x`',
      '/paths/~1a/get/parameters/0/x-ms-enum-values/3 :: Missing `displayName` in `x-ms-enum-values` entry',
    ]);
  });

  it('checks webhook, metadata, annotation, capability and trigger metadata values', () => {
    const swagger = doc(
      {
        '/hooks': {
          'x-ms-notification-content': { description: 'No schema' },
          post: webhookOp('OnHook', { 'x-ms-trigger-metadata': { kind: 'query' }, 'x-ms-api-annotation': { status: 'preview', revision: 0, replacement: { api: 'x' } } }, { 'x-ms-notification-url': 'yes' }),
        },
      },
      {
        'x-ms-connector-metadata': [{ propertyName: 'Website' }, 'Categories'],
        'x-ms-capabilities': { testConnection: { parameters: {} } },
      },
    );
    expect(lines(rule, swagger)).toEqual([
      '/x-ms-connector-metadata/0 :: Missing `propertyValue` in `x-ms-connector-metadata` entry',
      '/x-ms-connector-metadata/1 :: Expected each `x-ms-connector-metadata` entry to be `{ propertyName, propertyValue }`, not a string',
      '/x-ms-capabilities/testConnection :: Missing `operationId` in `testConnection` of `x-ms-capabilities`',
      '/paths/~1hooks/x-ms-notification-content :: Missing `schema` in `x-ms-notification-content`, it describes what the service posts to the callback URL',
      '/paths/~1hooks/post/x-ms-trigger-metadata :: Missing `mode` in `x-ms-trigger-metadata`',
      '/paths/~1hooks/post/x-ms-api-annotation/status :: Unexpected `status` `preview`, expected Production or Preview',
      '/paths/~1hooks/post/x-ms-api-annotation/revision :: Expected `revision` of `x-ms-api-annotation` to be 1 or more',
      '/paths/~1hooks/post/x-ms-api-annotation/replacement :: Missing `operationId` in `replacement` of `x-ms-api-annotation`',
      '/paths/~1hooks/post/parameters/0/schema/properties/callbackUrl/x-ms-notification-url :: Expected `x-ms-notification-url` to be `true`, not `yes`; remove it from properties that do not receive the callback URL',
    ]);
  });

  it('leaves misplaced extensions to x-ms-position', () => {
    expect(lines(rule, doc({ '/a': { get: op('A', { parameters: [bodyParam({ type: 'object' }, { 'x-ms-url-encoding': 'nope' })] }) } }))).toEqual([]);
  });
});
