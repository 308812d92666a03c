import { describe, expect, it } from 'vitest';
import { getAt, toPointer } from '../../src/core/pointer.ts';
import { analyze, describe as describeVisit, parametersOf } from '../../src/swagger/index.ts';
import { bodyParam, doc, op, pathParam, queryParam } from '../check/helpers.ts';

const swagger = doc(
  {
    '/items/{id}': {
      parameters: [pathParam('id')],
      get: op('GetItem', {
        parameters: [queryParam('q', { type: 'array', items: { type: 'string' } }), { $ref: '#/parameters/top' }],
        responses: { '200': { description: 'OK', headers: { 'X-Total': { type: 'integer' } }, schema: { $ref: '#/definitions/Item' } } },
      }),
      post: op('UpdateItem', {
        parameters: [bodyParam({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } }, any: { anyOf: [{ type: 'string' }] } } })],
      }),
    },
    '/hooks': { 'x-ms-notification-content': { schema: { type: 'object' } }, post: op('OnHook') },
    'x-paths-extension': { get: {} },
  },
  {
    parameters: { top: queryParam('top', { type: 'integer' }) },
    definitions: { Item: { type: 'object', properties: { id: { type: 'string', 'x-ms-summary': 'ID' }, parts: { type: 'array', items: [{ type: 'string' }] } } } },
    securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    tags: [{ name: 'items', externalDocs: { url: 'https://contoso.com' } }],
  },
);

describe('walk', () => {
  const analysis = analyze(swagger);

  it('is memoized per document', () => {
    expect(analyze(swagger)).toBe(analysis);
    expect(analyze(structuredClone(swagger))).not.toBe(analysis);
  });

  it('visits each position with its kind and a JSON pointer that finds its node', () => {
    for (const visit of analysis.visits) {
      expect(visit.pointer).toBe(toPointer(visit.path));
      expect(getAt(swagger, visit.path)).toBe(visit.node);
    }
    const kinds = analysis.visits.map((v) => `${v.kind} ${v.pointer}`);
    expect(kinds).toContain('root ');
    expect(kinds).toContain('info /info');
    expect(kinds).toContain('tag /tags/0');
    expect(kinds).toContain('external-docs /tags/0/externalDocs');
    expect(kinds).toContain('security-scheme /securityDefinitions/key');
    expect(kinds).toContain('parameter /parameters/top');
    expect(kinds).toContain('path-item /paths/~1items~1{id}');
    expect(kinds).toContain('parameter /paths/~1items~1{id}/parameters/0');
    expect(kinds).toContain('operation /paths/~1items~1{id}/get');
    expect(kinds).toContain('items /paths/~1items~1{id}/get/parameters/0/items');
    expect(kinds).toContain('ref /paths/~1items~1{id}/get/parameters/1');
    expect(kinds).toContain('responses /paths/~1items~1{id}/get/responses');
    expect(kinds).toContain('response /paths/~1items~1{id}/get/responses/200');
    expect(kinds).toContain('response-header /paths/~1items~1{id}/get/responses/200/headers/X-Total');
    expect(kinds).toContain('ref /paths/~1items~1{id}/get/responses/200/schema');
    expect(kinds).toContain('notification-content /paths/~1hooks/x-ms-notification-content');
    expect(kinds).toContain('schema /paths/~1hooks/x-ms-notification-content/schema');
    expect(kinds).toContain('schema /definitions/Item/properties/id');
    // Vendor extensions of `paths` are not path items.
    expect(kinds.some((k) => k.includes('x-paths-extension'))).toBe(false);
  });

  it('resolves nothing: references are visited as refs of what they stand for', () => {
    const refs = analysis.of('ref').map((v) => `${v.refOf} ${v.ref}`);
    expect(refs).toEqual(['parameter #/parameters/top', 'schema #/definitions/Item']);
  });

  it('flags schemas where dynamic-schema extensions are allowed', () => {
    const flag = (pointer: string) => analysis.visits.find((v) => v.pointer === pointer)!;
    expect(flag('/paths/~1items~1{id}/post/parameters/0/schema').dynamicAllowed).toBe(true);
    expect(flag('/paths/~1items~1{id}/post/parameters/0/schema').schemaRoot).toBe('body');
    expect(flag('/paths/~1items~1{id}/post/parameters/0/schema/properties/tags/items').dynamicAllowed).toBe(true);
    expect(flag('/paths/~1items~1{id}/post/parameters/0/schema/properties/any/anyOf/0').dynamicAllowed).toBe(false);
    expect(flag('/definitions/Item/properties/parts/items/0').dynamicAllowed).toBe(false);
    expect(flag('/definitions/Item').schemaRoot).toBe('definition');
    expect(flag('/paths/~1hooks/x-ms-notification-content/schema').schemaRoot).toBe('notification');
    expect(flag('/definitions/Item').isRoot).toBe(true);
    expect(flag('/definitions/Item/properties/id').isRoot).toBe(false);
  });

  it('knows parameters, operations and their context', () => {
    const get = analysis.operationsById.get('GetItem')!;
    expect(get.method).toBe('get');
    expect(get.path).toBe('/items/{id}');
    expect(analysis.operations.map((o) => o.operationId)).toEqual(['GetItem', 'UpdateItem', 'OnHook']);
    const params = parametersOf(analysis, get.visit).map((p) => `${p.node.in} ${p.node.name} ${p.pointer}`);
    expect(params).toEqual([
      'query q /paths/~1items~1{id}/get/parameters/0',
      'query top /parameters/top',
      'path id /paths/~1items~1{id}/parameters/0',
    ]);
    const header = analysis.of('response-header')[0]!;
    expect(header.operation).toBe(get.visit);
    expect(describeVisit(analysis.of('parameter')[0]!)).toBe('a query parameter');
  });

  it('indexes x-ms-* keys', () => {
    expect(analysis.withKey('x-ms-summary').map((v) => v.pointer)).toEqual(['/definitions/Item/properties/id']);
    expect(analysis.withKey('x-ms-url-encoding')).toHaveLength(1);
  });
});
