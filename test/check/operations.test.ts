import { describe, expect, it } from 'vitest';
import { findings } from './helpers.ts';
import { bodyParam, doc, lines, op, pathParam, queryParam } from './helpers.ts';

describe('operation-id-unique', () => {
  it('reports the later duplicate, with the first as cause', () => {
    const swagger = doc({ '/a': { get: op('GetItem') }, '/b': { get: op('GetItem'), post: op('CreateItem') } });
    const [finding, ...rest] = findings('operation-id-unique', swagger);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: 'operation-id-unique',
      at: '/paths/~1b/get/operationId',
      args: ['GetItem'],
      message: 'Duplicate operationId `GetItem`; rename one of the two operations',
      cause: { message: 'First used here', at: '/paths/~1a/get/operationId' },
    });
  });

  it('accepts distinct ids', () => {
    expect(lines('operation-id-unique', doc({ '/a': { get: op('A') }, '/b': { get: op('B') } }))).toEqual([]);
  });
});

describe('operation-id-required', () => {
  it('reports an operation without operationId on its method key', () => {
    const swagger = doc({ '/items/{id}': { get: { responses: { '200': { description: 'OK' } } } }, '/b': { post: op('B') } });
    expect(lines('operation-id-required', swagger)).toEqual([
      '/paths/~1items~1{id}/get (key) :: Missing `operationId` in operation `GET /items/{id}`; add a unique one like `GetItems`',
    ]);
  });
});

describe('path parameters', () => {
  it('accepts declared, required and used path parameters, also on the path item or by reference', () => {
    const swagger = doc(
      { '/items/{id}/parts/{part}': { parameters: [pathParam('id')], get: op('GetPart', { parameters: [{ $ref: '#/parameters/part' }] }) } },
      { parameters: { part: pathParam('part') } },
    );
    for (const rule of ['path-parameter-declared', 'path-parameter-required', 'path-parameter-unused']) expect(lines(rule, swagger)).toEqual([]);
  });

  it('path-parameter-declared: reports each undeclared template name once per operation', () => {
    const swagger = doc({ '/items/{id}/{id}/{sub}': { get: op('A', { parameters: [queryParam('id')] }), delete: op('B', { parameters: [pathParam('id')] }) } });
    expect(lines('path-parameter-declared', swagger)).toEqual([
      '/paths/~1items~1{id}~1{id}~1{sub}/get (key) :: Missing path parameter `id` for `{id}` in `/items/{id}/{id}/{sub}`; declare it with `in: path`',
      '/paths/~1items~1{id}~1{id}~1{sub}/get (key) :: Missing path parameter `sub` for `{sub}` in `/items/{id}/{id}/{sub}`; declare it with `in: path`',
      '/paths/~1items~1{id}~1{id}~1{sub}/delete (key) :: Missing path parameter `sub` for `{sub}` in `/items/{id}/{id}/{sub}`; declare it with `in: path`',
    ]);
  });

  it('path-parameter-required: reports `required: false` on the value and a missing `required` on the parameter', () => {
    const swagger = doc(
      { '/a/{x}/{y}': { get: op('A', { parameters: [pathParam('x', { required: false }), { name: 'y', in: 'path', type: 'string' }] }) } },
      { parameters: { z: { name: 'z', in: 'path', type: 'string', required: false } } },
    );
    expect(lines('path-parameter-required', swagger)).toEqual([
      '/parameters/z/required :: Expected path parameter `z` to be `required: true`',
      '/paths/~1a~1{x}~1{y}/get/parameters/0/required :: Expected path parameter `x` to be `required: true`',
      '/paths/~1a~1{x}~1{y}/get/parameters/1 (key) :: Expected path parameter `y` to be `required: true`',
    ]);
  });

  it('path-parameter-unused: reports path parameters missing from the template, where they are written', () => {
    const swagger = doc(
      { '/items': { parameters: [pathParam('shared')], get: op('A', { parameters: [pathParam('id'), { $ref: '#/parameters/other' }, queryParam('q')] }) } },
      { parameters: { other: pathParam('other') } },
    );
    expect(lines('path-parameter-unused', swagger)).toEqual([
      '/paths/~1items/parameters/0/in :: Unexpected path parameter `shared`, the path `/items` has no `{shared}`',
      '/paths/~1items/get/parameters/0/in :: Unexpected path parameter `id`, the path `/items` has no `{id}`',
      '/paths/~1items/get/parameters/1/$ref :: Unexpected path parameter `other`, the path `/items` has no `{other}`',
    ]);
  });
});

describe('parameter-form-data-consumes', () => {
  const upload = (extra: object) => op('Upload', { parameters: [{ name: 'file', in: 'formData', type: 'file', required: true }], ...extra });

  it('accepts a form media type on the operation or the document', () => {
    expect(lines('parameter-form-data-consumes', doc({ '/f': { post: upload({ consumes: ['multipart/form-data'] }) } }))).toEqual([]);
    expect(lines('parameter-form-data-consumes', doc({ '/f': { post: upload({}) } }, { consumes: ['application/x-www-form-urlencoded'] }))).toEqual([]);
  });

  it('reports the consumes in effect, like Cloudmersive\'s empty list', () => {
    expect(lines('parameter-form-data-consumes', doc({ '/f': { post: upload({ consumes: [] }) } }))).toEqual([
      '/paths/~1f/post/consumes :: Expected `consumes` of an operation with form parameters to include multipart/form-data or application/x-www-form-urlencoded',
    ]);
    expect(lines('parameter-form-data-consumes', doc({ '/f': { post: upload({}) } }))).toEqual([
      '/consumes :: Expected `consumes` of an operation with form parameters to include multipart/form-data or application/x-www-form-urlencoded',
    ]);
    const { consumes: _, ...bare } = doc({ '/f': { post: upload({}) } });
    expect(lines('parameter-form-data-consumes', bare)).toEqual([
      '/paths/~1f/post (key) :: Expected `consumes` of an operation with form parameters to include multipart/form-data or application/x-www-form-urlencoded',
    ]);
  });

  it('ignores operations without form parameters', () => {
    expect(lines('parameter-form-data-consumes', doc({ '/f': { post: op('A', { parameters: [bodyParam({ type: 'object' })] }) } }))).toEqual([]);
  });
});

describe('connector limits', () => {
  it('connector-operation-limit: counts operations', () => {
    const paths = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`/items${i}`, { get: op(`Get${i}`) }]));
    expect(lines('connector-operation-limit', doc(paths(256)))).toEqual([]);
    expect(lines('connector-operation-limit', doc(paths(257)))).toEqual([
      ' :: The connector has 257 operations, over the platform limit of 256; split it into several connectors',
    ]);
  });

  it('connector-size-limit: measures JSON with 2-space indentation in UTF-8 bytes', () => {
    const sized = (text: string) => doc({ '/a': { get: op('A', { description: text }) } });
    const base = Buffer.byteLength(JSON.stringify(sized(''), null, 2));
    const limit = 1_048_576;
    expect(lines('connector-size-limit', sized('x'.repeat(limit - base)))).toEqual([]);
    const over = findings('connector-size-limit', sized('x'.repeat(limit - base + 1)));
    expect(over.map((f) => [f.at, f.note])).toEqual([['', 'It is 1,048,577 bytes.']]);
    // Multi-byte characters count as their UTF-8 bytes.
    expect(findings('connector-size-limit', sized('é'.repeat((limit - base) / 2 + 1)))).toHaveLength(1);
  });
});
