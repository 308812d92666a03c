import { describe, expect, it } from 'vitest';
import { apiProperties, bodyParam, doc, lines, op, pathParam, queryParam } from './helpers.ts';

describe('ref-target-exists', () => {
  const rule = 'ref-target-exists';
  const definitions = { Item: { type: 'object', properties: { parent: { $ref: '#/definitions/Item' } } } };

  it('accepts local references that resolve', () => {
    const swagger = doc(
      { '/a': { get: op('A', { parameters: [{ $ref: '#/parameters/top' }], responses: { '200': { $ref: '#/responses/Ok' }, '201': { description: 'x', schema: { $ref: '#/definitions/Item' } } } }) } },
      { definitions, parameters: { top: queryParam('top') }, responses: { Ok: { description: 'OK' } } },
    );
    expect(lines(rule, swagger)).toEqual([]);
  });

  it('reports unresolved, misdirected and external references, each reference once per place', () => {
    const swagger = doc(
      {
        '/a': {
          get: op('A', {
            parameters: [{ $ref: '#/parameters/nope' }, { $ref: '#/definitions/Item' }],
            responses: {
              '200': { description: 'OK', schema: { $ref: '#/definitions/Itme' } },
              '201': { description: 'OK', schema: { $ref: 'common.json#/definitions/Item' } },
              '202': { description: 'OK', schema: { $ref: '#/definitions/Itme' } },
            },
          }),
        },
        '/b': { $ref: '#/paths/~1a' },
      },
      { definitions },
    );
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1a/get/parameters/0/$ref :: Unresolved reference `#/parameters/nope`; add `nope` to `parameters`',
      '/paths/~1a/get/parameters/1/$ref :: Unexpected reference `#/definitions/Item` for a parameter, expected `#/parameters/<name>`',
      '/paths/~1a/get/responses/200/schema/$ref :: Unresolved reference `#/definitions/Itme`, did you mean `#/definitions/Item`?',
      '/paths/~1a/get/responses/201/schema/$ref :: Unexpected external reference `common.json#/definitions/Item`; the platform takes a single file, so move the target into this document',
      '/paths/~1a/get/responses/202/schema/$ref :: Unresolved reference `#/definitions/Itme`, did you mean `#/definitions/Item`?',
      '/paths/~1b/$ref :: Unexpected `$ref` on a path item; the platform does not support path item references, write the operations here',
    ]);
  });
});

describe('x-ms-dynamic-operation-exists', () => {
  const rule = 'x-ms-dynamic-operation-exists';
  const list = op('ListFolders', { 'x-ms-visibility': 'internal', parameters: [queryParam('parent')] });

  it('accepts calls to existing operations with existing parameters', () => {
    const swagger = doc(
      {
        '/folders': { get: list },
        '/items/{id}': {
          post: op('CreateItem', {
            parameters: [
              pathParam('id'),
              queryParam('folder', {
                'x-ms-dynamic-values': { operationId: 'ListFolders', 'value-path': 'id', parameters: { parent: { parameter: 'id' } } },
                'x-ms-dynamic-list': { operationId: 'ListFolders', itemValuePath: 'id', parameters: { parent: { parameterReference: 'body/owner' } } },
              }),
              bodyParam({
                type: 'object',
                properties: { owner: { type: 'string' }, folder: { type: 'string', 'x-ms-dynamic-values': { operationId: 'ListFolders', 'value-path': 'id', parameters: { parent: { parameter: 'owner' } } } } },
              }),
            ],
          }),
        },
        '/hooks': { post: op('OnHook', { 'x-ms-operation-context': { simulate: { operationId: 'ListFolders' } } }) },
      },
      { 'x-ms-capabilities': { testConnection: { operationId: 'ListFolders' } } },
    );
    expect(lines(rule, swagger)).toEqual([]);
  });

  it('reports unknown operations once per node, with a did-you-mean', () => {
    const swagger = doc(
      {
        '/folders': { get: list },
        '/items': {
          get: op('ListItems', {
            'x-ms-notification': { operationId: 'OnHook' },
            parameters: [
              queryParam('folder', {
                'x-ms-dynamic-values': { operationId: 'ListFolder', 'value-path': 'id' },
                'x-ms-dynamic-list': { operationId: 'ListFolder', itemValuePath: 'id' },
                'x-ms-dynamic-tree': { open: { operationId: 'ListFolders' }, browse: { operationId: 'BrowseFolders' } },
              }),
            ],
          }),
        },
      },
      { 'x-ms-capabilities': { testConnection: { operationId: 'TestIt' } } },
    );
    expect(lines(rule, swagger)).toEqual([
      '/x-ms-capabilities/testConnection/operationId :: Unknown operation `TestIt` in `x-ms-capabilities`; no operation has this operationId',
      '/paths/~1items/get/x-ms-notification/operationId :: Unknown operation `OnHook` in `x-ms-notification`; no operation has this operationId',
      '/paths/~1items/get/parameters/0/x-ms-dynamic-values/operationId :: Unknown operation `ListFolder` in `x-ms-dynamic-values`, did you mean `ListFolders`?',
      '/paths/~1items/get/parameters/0/x-ms-dynamic-tree/browse/operationId :: Unknown operation `BrowseFolders` in `x-ms-dynamic-tree`; no operation has this operationId',
    ]);
  });

  it('reports arguments that name no parameter of the operation', () => {
    const swagger = doc({
      '/folders': { get: list },
      '/items': {
        get: op('ListItems', {
          parameters: [
            queryParam('folder', {
              'x-ms-dynamic-values': { operationId: 'ListFolders', 'value-path': 'id', parameters: { parent: { parameter: 'drive' } } },
              'x-ms-dynamic-list': { operationId: 'ListFolders', itemValuePath: 'id', parameters: { parent: { parameterReference: 'drive' } } },
            }),
            queryParam('file', { 'x-ms-dynamic-list': { operationId: 'ListFolders', itemValuePath: 'id', parameters: { parent: { parameterReference: 'folders/id' } } } }),
          ],
        }),
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/paths/~1items/get/parameters/0/x-ms-dynamic-values/parameters/parent/parameter :: Unknown parameter `drive` in `x-ms-dynamic-values`, this operation has no parameter of that name',
      '/paths/~1items/get/parameters/1/x-ms-dynamic-list/parameters/parent/parameterReference :: Unknown parameter `folders` in `x-ms-dynamic-list`, this operation has no parameter of that name; did you mean `folder`?',
    ]);
  });
});

describe('policy-operation-exists', () => {
  it('reports operation names of policies that match no operation', () => {
    const swagger = doc({ '/items': { get: op('ListItems') } });
    const api = apiProperties({
      policyTemplateInstances: [
        { templateId: 'setheader', parameters: { 'x-ms-apimTemplate-operationName': ['ListItems', 'ListItem'], 'x-ms-apimTemplateParameter.name': 'A', 'x-ms-apimTemplateParameter.value': 'b' } },
        { templateId: 'dynamichosturl', parameters: { 'x-ms-apimTemplateParameter.urlTemplate': 'https://x' } },
        { templateId: 'routerequesttoendpoint', parameters: { 'x-ms-apimTemplate-operationName': 'Gone', 'x-ms-apimTemplateParameter.newPath': '/x' } },
      ],
    });
    expect(lines('policy-operation-exists', swagger, api)).toEqual([
      'apiProperties:/properties/policyTemplateInstances/0/parameters/x-ms-apimTemplate-operationName/1 :: Unknown operation `ListItem` in policy `setheader`, did you mean `ListItems`?',
      'apiProperties:/properties/policyTemplateInstances/2/parameters/x-ms-apimTemplate-operationName :: Unknown operation `Gone` in policy `routerequesttoendpoint`; no operation has this operationId',
    ]);
  });
});

describe('policy-template-parameters', () => {
  it('accepts known templates in any case with their required parameters', () => {
    const api = apiProperties({
      policyTemplateInstances: [
        { templateId: 'SetHeader', parameters: { 'x-ms-apimTemplateParameter.name': 'A', 'x-ms-apimTemplateParameter.value': 'b' } },
        { templateId: 'pollingtrigger', parameters: { 'x-ms-apimTemplateParameter.triggerConfig': {}, 'x-ms-apimTemplateParameter.triggerDataPath': '@triggerBody()' } },
      ],
    });
    expect(lines('policy-template-parameters', doc(), api)).toEqual([]);
  });

  it('reports unknown templates and missing parameters', () => {
    const api = apiProperties({
      policyTemplateInstances: [
        { templateId: 'sethedaer', parameters: {} },
        { templateId: 'setheader', parameters: { 'x-ms-apimTemplateParameter.name': 'A' } },
        { templateId: 'dynamichosturl' },
        { title: 'No id' },
        { templateId: 'frobnicate', parameters: {} },
      ],
    });
    expect(lines('policy-template-parameters', doc(), api)).toEqual([
      'apiProperties:/properties/policyTemplateInstances/0/templateId :: Unknown policy template `sethedaer`, did you mean `setheader`?',
      'apiProperties:/properties/policyTemplateInstances/1/parameters :: Missing parameter `value` of policy template `setheader`',
      'apiProperties:/properties/policyTemplateInstances/2 :: Missing parameter `urlTemplate` of policy template `dynamichosturl`',
      'apiProperties:/properties/policyTemplateInstances/3 :: Missing `templateId` in policy template instance',
      'apiProperties:/properties/policyTemplateInstances/4/templateId :: Unknown policy template `frobnicate`; expected one of setheader, setqueryparameter, setproperty, routerequesttoendpoint, dynamichosturl, dynamicsubdomain, convertarraytoobject, convertobjecttoarray, stringtoarray, stringreplace, encodepropertyvalue, setvaluefromurl, updatenextlink, pollingtrigger, setconnectionstatustounauthenticated, moveproperties',
    ]);
  });
});
