/**
 * Edge cases of the operation, path and parameter rules that stand for the Swagger Validator's
 * Operations, Parameters, Arrays and Not supported codes, on hand-written documents (the rules'
 * own examples cover the authoring side). Each case names what is reported and what is not.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/swagger/index.ts';
import { bodyParam, doc, lines, op, pathParam, queryParam } from './helpers.ts';

const annotated = (id: string, annotation: JsonObject, extra: JsonObject = {}) => op(id, { 'x-ms-api-annotation': annotation, ...extra });

describe('operation families', () => {
  it('operation-family-revision: a revision written as a string equals the number; other families do not mix', () => {
    const swagger = doc({
      '/a': { get: annotated('A', { family: 'A', revision: 2 }) },
      '/a2': { get: annotated('A_V2', { family: 'A', revision: '2' }) },
      '/b': { get: annotated('B', { family: 'B', revision: 2 }) },
    });
    expect(lines('operation-family-revision', swagger)).toEqual([
      '/paths/~1a2/get/x-ms-api-annotation/revision :: Duplicate revision 2 in operation family `A`; give each operation of a family its own revision',
    ]);
  });

  it('operation-family-active: deprecated operations do not count, Preview ones count as active', () => {
    const members = (deprecated: boolean[]) =>
      doc(Object.fromEntries(deprecated.map((d, i) => [`/v${i + 1}`, { get: annotated(`A_V${i + 1}`, { family: 'A', revision: i + 1, status: 'Preview' }, { deprecated: d }) }])));
    expect(lines('operation-family-active', members([true, false, false]))).toEqual([]);
    expect(lines('operation-family-active', members([false, false, false]))).toEqual([
      '/paths/~1v3/get/x-ms-api-annotation (key) :: Operation family `A` has 3 operations that are not deprecated, at most 2 are allowed; mark the older ones `deprecated: true`',
    ]);
  });

  it('operation-status-ahead: a connector that does not state its status is not checked', () => {
    const production = { '/a': { get: annotated('A', { status: 'Production' }) } };
    expect(lines('operation-status-ahead', doc(production))).toEqual([]);
    const preview = doc(production, { info: { title: 'Contoso', version: '1.0', 'x-ms-api-annotation': { status: 'Preview' } } });
    expect(lines('operation-status-ahead', preview)).toHaveLength(1);
  });

  it('operation-id-revision-suffix: revision 1 needs none, the suffix is matched without regard to case', () => {
    const swagger = doc({
      '/a': { get: annotated('ListA', { family: 'A', revision: 1 }) },
      '/b': { get: annotated('ListB_v3', { family: 'B', revision: 3 }) },
      '/c': { get: annotated('ListC_V2', { family: 'C', revision: 3 }) },
    });
    expect(lines('operation-id-revision-suffix', swagger)).toEqual([
      '/paths/~1c/get/operationId :: Expected operationId `ListC_V2` of revision 3 to end with `V3`, like `ListC_V2_V3`',
    ]);
  });
});

describe('paths', () => {
  it('path-template-duplicate: same shape and method only; other methods and case variants are not its', () => {
    const swagger = doc({
      '/items/{id}': { get: op('GetItem', { parameters: [pathParam('id')] }) },
      '/items/{name}': { delete: op('DeleteItem', { parameters: [pathParam('name')] }), get: op('GetByName', { parameters: [pathParam('name')] }) },
      '/Items/{key}': { get: op('GetByKey', { parameters: [pathParam('key')] }) },
    });
    expect(lines('path-template-duplicate', swagger)).toEqual([
      '/paths/~1items~1{name}/get (key) :: `GET /items/{name}` cannot be told apart from `GET /items/{id}` (GetItem): the same URLs match both; change a fixed segment of one path',
    ]);
    expect(lines('path-case-duplicate', swagger)).toEqual([]);
  });

  it('path-template-partial-duplicate: needs the same number of segments and a fixed segment against a variable', () => {
    const swagger = doc({
      '/items/{id}': { get: op('GetItem', { parameters: [pathParam('id')] }) },
      '/items/{id}/parts': { get: op('ListParts', { parameters: [pathParam('id')] }) },
      '/things/search': { get: op('SearchThings') },
    });
    expect(lines('path-template-partial-duplicate', swagger)).toEqual([]);
  });

  it('path-template-valid: defaults, empty and unclosed variables, fragments; two variables in one segment are fine', () => {
    const swagger = doc({
      '/a/{id=1}': { get: op('A') },
      '/b/{}': { get: op('B') },
      '/c/{x}}': { get: op('C') },
      '/d#top': { get: op('D') },
      '/e/{x}.{y}': { get: op('E', { parameters: [pathParam('x'), pathParam('y')] }) },
    });
    expect(lines('path-template-valid', swagger).map((l) => l.split(' :: ')[1]!.split(';')[0])).toEqual([
      'Unexpected default in path variable `{id=1}`',
      'Unexpected `{` or `}` in path `/b/{}`',
      'Unexpected `{` or `}` in path `/c/{x}}`',
      'Unexpected `#` in path `/d#top`',
    ]);
  });
});

describe('parameter lists', () => {
  it('parameter-unique: resolves references, checks path items too, and leaves identical entries to swagger-schema', () => {
    const swagger = doc(
      {
        '/a': {
          parameters: [queryParam('top'), queryParam('top', { type: 'integer' })],
          get: op('A', { parameters: [queryParam('q'), { $ref: '#/parameters/q' }, queryParam('q'), queryParam('q', { in: 'header' })] }),
        },
      },
      { parameters: { q: queryParam('q', { description: 'Search text' }) } },
    );
    expect(lines('parameter-unique', swagger)).toEqual([
      '/paths/~1a/parameters/1/name :: Duplicate query parameter `top`; each name may be used once per location in a `parameters` list',
      '/paths/~1a/get/parameters/1/$ref :: Duplicate query parameter `q`; each name may be used once per location in a `parameters` list',
    ]);
  });

  it('parameter-body-single: counts a body inherited from the path item, not one the operation overrides', () => {
    const inherited = { parameters: [bodyParam({ type: 'object' }, { name: 'item' })] };
    expect(lines('parameter-body-single', doc({ '/a': { ...inherited, post: op('A', { parameters: [bodyParam({ type: 'object' }, { name: 'item' })] }) } }))).toEqual([]);
    expect(lines('parameter-body-single', doc({ '/a': { ...inherited, post: op('A', { parameters: [bodyParam({ type: 'object' }, { name: 'extra' })] }) } }))).toEqual([
      '/paths/~1a/parameters/0/in :: Unexpected second body parameter `item` in operation `A` (the first is `extra`); a request has one body, so merge them into one object schema',
    ]);
  });

  it('parameter-ref-indirect: only shared parameters that are references', () => {
    const swagger = doc({ '/a': { get: op('A', { parameters: [{ $ref: '#/parameters/b' }] }) } }, { parameters: { a: { $ref: '#/parameters/b' }, b: queryParam('b') } });
    expect(lines('parameter-ref-indirect', swagger)).toEqual([
      '/parameters/a/$ref (key) :: Unexpected `$ref` in shared parameter `a`, a shared parameter cannot refer to another; refer to `#/parameters/b` directly where `a` is used',
    ]);
  });

  it('parameter-collection-format: `multi` on query and form parameters and their items; elsewhere it is swagger-schema\'s', () => {
    const array = (extra: JsonObject) => ({ type: 'array', items: { type: 'string' }, collectionFormat: 'multi', ...extra });
    const swagger = doc({
      '/a': {
        get: op('A', { parameters: [queryParam('q', array({})), { name: 'h', in: 'header', ...array({}) }, queryParam('n', { type: 'array', items: array({}) })] }),
      },
    });
    expect(lines('parameter-collection-format', swagger).map((l) => l.split(' :: ')[0])).toEqual([
      '/paths/~1a/get/parameters/0/collectionFormat',
      '/paths/~1a/get/parameters/2/items/collectionFormat',
    ]);
  });

  it('operation-consumes-supported: media type parameters and the document\'s consumes count; no body, no finding', () => {
    const body = { parameters: [bodyParam({ type: 'object' })] };
    expect(lines('operation-consumes-supported', doc({ '/a': { post: op('A', { ...body, consumes: ['application/json; charset=utf-8'] }) } }))).toEqual([]);
    expect(lines('operation-consumes-supported', doc({ '/a': { get: op('A', { consumes: ['application/xml'] }) } }))).toEqual([]);
    expect(lines('operation-consumes-supported', doc({ '/a': { post: op('A', body) } }, { consumes: ['text/xml'] }))).toEqual([
      '/consumes :: Unexpected `consumes` of operation `A`: the platform cannot send `text/xml`; add application/json, text/plain, multipart/form-data or application/x-www-form-urlencoded',
    ]);
  });

  it('parameter-path-encoding and parameter-query-encoding: one finding per parameter as written', () => {
    const swagger = doc(
      { '/a/{id}': { get: op('A', { parameters: [{ $ref: '#/parameters/id' }, queryParam('q', { 'x-ms-url-encoding': 'single' })] }), put: op('B', { parameters: [{ $ref: '#/parameters/id' }] }) } },
      { parameters: { id: { name: 'id', in: 'path', required: true, type: 'string' } } },
    );
    expect(lines('parameter-path-encoding', swagger)).toEqual([
      '/parameters/id/in :: Missing encoding on path parameter `id`; add `urlEncoding: single` (`x-ms-url-encoding`), or `double` for values holding `/`',
    ]);
    expect(lines('parameter-query-encoding', swagger)).toHaveLength(1);
  });
});

describe('values and types', () => {
  it('schema-enum-type: null is allowed, integers are numbers, nested schemas are checked', () => {
    const swagger = doc({
      '/a': {
        post: op('A', {
          parameters: [queryParam('n', { type: 'number', enum: [1, 2.5, null] }), bodyParam({ type: 'object', properties: { flag: { type: 'boolean', enum: [true, 'false'] } } })],
        }),
      },
    });
    expect(lines('schema-enum-type', swagger)).toEqual([
      '/paths/~1a/post/parameters/1/schema/properties/flag/enum/1 :: Expected `enum` value `"false"` to be a boolean like its `type`, not a string',
    ]);
  });

  it('schema-type-format: open string formats pass, numeric formats on strings and formats on booleans do not', () => {
    const swagger = doc({
      '/a': {
        get: op('A', {
          parameters: [queryParam('a', { format: 'email' }), queryParam('b', { format: 'int64' }), queryParam('c', { type: 'boolean', format: 'flag' }), queryParam('d', { type: 'number', format: 'double' })],
        }),
      },
    });
    expect(lines('schema-type-format', swagger).map((l) => l.split(' :: ')[1])).toEqual([
      'Unexpected format `int64` for `type: string`, a string has no numeric format (`int64` is a format of integer)',
      'Unexpected format `flag` for `type: boolean`, a boolean has no format',
    ]);
  });

  it('array-items-required: schemas and response headers too', () => {
    const swagger = doc({
      '/a': { get: op('A', { responses: { '200': { description: 'OK', schema: { type: 'array' }, headers: { 'X-Ids': { type: 'array' } } } } }) },
    });
    expect(lines('array-items-required', swagger).map((l) => l.split(' :: ')[0])).toEqual(['/paths/~1a/get/responses/200/schema/type', '/paths/~1a/get/responses/200/headers/X-Ids/type']);
  });
});

describe('dynamic-data calls', () => {
  const target = op('ListFolders', { parameters: [queryParam('drive', { required: true }), queryParam('top', { type: 'integer', required: true, default: 10 })] });

  it('x-ms-dynamic-required: a required parameter with a default need not be passed', () => {
    const call = (parameters: JsonObject) => ({ name: 'folder', in: 'query', type: 'string', 'x-ms-dynamic-values': { operationId: 'ListFolders', 'value-path': 'id', parameters } });
    const swagger = (parameters: JsonObject) => doc({ '/folders': { get: target }, '/files': { get: op('GetFile', { parameters: [call(parameters)] }) } });
    expect(lines('x-ms-dynamic-required', swagger({ drive: 'me' }))).toEqual([]);
    expect(lines('x-ms-dynamic-required', swagger({ top: 5 }))).toEqual([
      '/paths/~1files/get/parameters/0/x-ms-dynamic-values (key) :: Missing required parameter `drive` of `ListFolders` in the `parameters` of `x-ms-dynamic-values`; pass it from a parameter or a value',
    ]);
  });

  it('x-ms-dynamic-required-source: `parameterReference` of x-ms-dynamic-list is followed like `parameter`', () => {
    const swagger = doc({
      '/folders': { get: target },
      '/files': {
        get: op('GetFile', {
          parameters: [
            queryParam('drive'),
            { name: 'folder', in: 'query', type: 'string', 'x-ms-dynamic-list': { operationId: 'ListFolders', itemValuePath: 'id', parameters: { drive: { parameterReference: 'drive' } } } },
          ],
        }),
      },
    });
    expect(lines('x-ms-dynamic-required-source', swagger)).toEqual([
      '/paths/~1files/get/parameters/1/x-ms-dynamic-list/parameters/drive/parameterReference :: Expected `drive`, passed as the required parameter `drive` of `ListFolders`, to be required too; when it is left empty the call fails',
    ]);
  });

  it('x-ms-dynamic-selected-item: not in x-ms-dynamic-values either', () => {
    const swagger = doc({
      '/folders': { get: target },
      '/files': {
        get: op('GetFile', {
          parameters: [{ name: 'folder', in: 'query', type: 'string', 'x-ms-dynamic-values': { operationId: 'ListFolders', 'value-path': 'id', parameters: { drive: { selectedItemValuePath: 'id' } } } }],
        }),
      },
    });
    expect(lines('x-ms-dynamic-selected-item', swagger).map((l) => l.split(' :: ')[0])).toEqual([
      '/paths/~1files/get/parameters/0/x-ms-dynamic-values/parameters/drive/selectedItemValuePath (key)',
    ]);
  });
});

describe('odd shapes', () => {
  const RULES = [
    'operation-family-revision', 'operation-family-active', 'operation-id-revision-suffix', 'operation-status-ahead', 'operation-annotation-replacement',
    'path-template-duplicate', 'path-template-partial-duplicate', 'path-case-duplicate', 'path-template-valid', 'operation-response-success',
    'operation-response-schema-single', 'operation-id-sanitized', 'operation-id-length', 'parameter-body-single', 'parameter-unique',
    'parameter-form-data-and-body', 'parameter-path-encoding', 'parameter-query-encoding', 'parameter-collection-format', 'parameter-form-data-name',
    'parameter-connection-id', 'operation-get-body', 'operation-consumes-supported', 'parameter-ref-indirect', 'parameter-form-urlencoded-binary',
    'array-items-required', 'array-schemes-empty', 'schema-enum-type', 'schema-type-format', 'parameter-notification-match', 'schema-keyword-unsupported',
    'x-ms-dynamic-required', 'x-ms-dynamic-required-source', 'x-ms-dynamic-selected-item',
  ];

  it('never throw on values of the wrong type', () => {
    const swagger = doc(
      {
        '/a/{x': {
          parameters: 'none' as unknown as JsonObject,
          get: {
            operationId: 7,
            consumes: 'application/json',
            parameters: [null, 3, { $ref: 5 }, { name: { a: 1 }, in: 'body' }, { in: 'formData', type: 'file' }],
            responses: { '200': null, default: { $ref: '#/responses/missing' } },
            'x-ms-api-annotation': 'family',
            'x-ms-notification': { operationId: ['x'] },
          } as unknown as JsonObject,
          post: op('P', { 'x-ms-api-annotation': { family: 'F', revision: null, replacement: 'x' }, enum: 'x', schemes: 'https' }),
        },
      },
      { consumes: {}, schemes: [], parameters: { p: { $ref: '#/parameters/p' } } },
    );
    for (const rule of RULES) expect(() => lines(rule, swagger), rule).not.toThrow();
  });
});
