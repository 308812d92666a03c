import { describe, expect, it } from 'vitest';
import { buildRequest, type Connector } from '../../src/swagger/request.ts';
import { Placeholder } from '../../src/swagger/placeholder.ts';
import type { ApiProperties, Operation, Swagger } from '../../src/swagger/types.ts';

/** A connector with one operation `Op` at `path`. */
function connector(operation: Operation, extra: Partial<Swagger> = {}, path = '/items/{id}', method = 'get', properties: ApiProperties['properties'] = {}): Connector {
  return {
    swagger: { swagger: '2.0', info: { title: 'T', version: '1' }, host: 'api.contoso.com', basePath: '/v1', schemes: ['https'], paths: { [path]: { [method]: { operationId: 'Op', responses: {}, ...operation } } }, ...extra },
    apiProperties: { properties },
  };
}

const idParam = { name: 'id', in: 'path', type: 'string', required: true } as const;

describe('URL', () => {
  it('joins scheme, host, basePath and path without a double slash', () => {
    for (const basePath of ['/v1', '/v1/', 'v1', 'v1//']) {
      expect(buildRequest(connector({ parameters: [idParam] }, { basePath }), 'Op', { id: '7' })!.url).toBe('https://api.contoso.com/v1/items/7');
    }
    expect(buildRequest(connector({ parameters: [idParam] }, { basePath: '/' }), 'Op', { id: '7' })!.url).toBe('https://api.contoso.com/items/7');
    expect(buildRequest(connector({ parameters: [idParam] }, { basePath: undefined as never }), 'Op', { id: '7' })!.url).toBe('https://api.contoso.com/items/7');
  });

  it('prefers https, else takes the first scheme; the operation’s schemes win', () => {
    expect(buildRequest(connector({}, { schemes: ['http', 'https'] }, '/a'), 'Op')!.url).toBe('https://api.contoso.com/v1/a');
    expect(buildRequest(connector({}, { schemes: ['http'] }, '/a'), 'Op')!.url).toBe('http://api.contoso.com/v1/a');
    expect(buildRequest(connector({ schemes: ['http'] }, {}, '/a'), 'Op')!.url).toBe('http://api.contoso.com/v1/a');
  });

  it('marks a missing host as a placeholder', () => {
    expect(buildRequest(connector({}, { host: undefined as never }, '/a'), 'Op')!.url).toBe('https://<host>/v1/a');
  });

  it('encodes path values once, or twice with x-ms-url-encoding: double; placeholders stay readable', () => {
    const op = (encoding?: 'single' | 'double') => connector({ parameters: [{ ...idParam, ...(encoding ? { 'x-ms-url-encoding': encoding } : {}) }] });
    expect(buildRequest(op(), 'Op', { id: 'a/b c' })!.url).toBe('https://api.contoso.com/v1/items/a%2Fb%20c');
    expect(buildRequest(op('single'), 'Op', { id: 'a/b' })!.url).toBe('https://api.contoso.com/v1/items/a%2Fb');
    expect(buildRequest(op('double'), 'Op', { id: 'a/b' })!.url).toBe('https://api.contoso.com/v1/items/a%252Fb');
    expect(buildRequest(op(), 'Op', { id: new Placeholder('id') })!.url).toBe('https://api.contoso.com/v1/items/<id>');
  });

  it('leaves a path parameter without a value as its template', () => {
    expect(buildRequest(connector({ parameters: [idParam] }), 'Op')!.url).toBe('https://api.contoso.com/v1/items/{id}');
  });
});

describe('parameters', () => {
  it('sends query and header parameters, path-level ones included, operation-level ones winning', () => {
    const c = connector({ parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'X-Mode', in: 'header', type: 'string' }, { name: 'shared', in: 'query', type: 'string', default: 'op', required: true }] }, {}, '/a');
    (c.swagger.paths!['/a'] as Record<string, unknown>).parameters = [{ name: 'shared', in: 'query', type: 'string', default: 'item', required: true }, { $ref: '#/parameters/top' }];
    c.swagger.parameters = { top: { name: 'top', in: 'query', type: 'integer', required: true, default: 10 } };
    const r = buildRequest(c, 'Op', { q: 'a b&c', 'X-Mode': 'fast' })!;
    expect(r.url).toBe('https://api.contoso.com/v1/a?q=a%20b%26c&shared=op&top=10');
    expect(r.headers).toEqual({ 'X-Mode': 'fast' });
  });

  it('sends defaults of required and internal parameters only', () => {
    const c = connector({
      parameters: [
        { name: 'optional', in: 'query', type: 'string', default: 'x' },
        { name: 'required', in: 'query', type: 'string', default: 'y', required: true },
        { name: 'internal', in: 'query', type: 'string', default: 'z', 'x-ms-visibility': 'internal' },
      ],
    }, {}, '/a');
    expect(buildRequest(c, 'Op')!.url).toBe('https://api.contoso.com/v1/a?required=y&internal=z');
    expect(buildRequest(c, 'Op', { optional: 'given' })!.url).toBe('https://api.contoso.com/v1/a?optional=given&required=y&internal=z');
  });

  it.each([
    ['csv', 'tags=a%2Cb%2Cc'],
    [undefined, 'tags=a%2Cb%2Cc'],
    ['ssv', 'tags=a%20b%20c'],
    ['tsv', 'tags=a%09b%09c'],
    ['pipes', 'tags=a%7Cb%7Cc'],
    ['multi', 'tags=a&tags=b&tags=c'],
    ['nonsense', 'tags=a%2Cb%2Cc'],
  ])('writes arrays with collectionFormat %s', (format, query) => {
    const c = connector({ parameters: [{ name: 'tags', in: 'query', type: 'array', items: { type: 'string' }, ...(format ? { collectionFormat: format as never } : {}) }] }, {}, '/a');
    expect(buildRequest(c, 'Op', { tags: ['a', 'b', 'c'] })!.url).toBe(`https://api.contoso.com/v1/a?${query}`);
  });

  it('joins header and path arrays (multi is for query and formData only)', () => {
    const c = connector({ parameters: [{ ...idParam, type: 'array', collectionFormat: 'multi' }, { name: 'X-Ids', in: 'header', type: 'array', collectionFormat: 'pipes' }] });
    const r = buildRequest(c, 'Op', { id: ['1', '2'], 'X-Ids': [1, 2] })!;
    expect(r.url).toBe('https://api.contoso.com/v1/items/1%2C2');
    expect(r.headers).toEqual({ 'X-Ids': '1|2' });
  });

  it('sends a JSON body with its content type', () => {
    const c = connector({ parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object' } }] }, {}, '/a', 'post');
    const r = buildRequest(c, 'Op', { body: { title: new Placeholder('title'), n: 1 } })!;
    expect(r.method).toBe('POST');
    expect(r.body).toEqual({ contentType: 'application/json', text: '{"title":"<title>","n":1}' });
    expect(r.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('sends a text body as written when the operation consumes text', () => {
    const c = connector({ consumes: ['text/plain'], parameters: [{ name: 'body', in: 'body', schema: { type: 'string' } }] }, {}, '/a', 'post');
    expect(buildRequest(c, 'Op', { body: 'hello' })!.body).toEqual({ contentType: 'text/plain', text: 'hello' });
  });

  it('sends formData url-encoded, or as multipart when a file is among them or the operation consumes it', () => {
    const fields = [{ name: 'a', in: 'formData', type: 'string' }, { name: 'tags', in: 'formData', type: 'array', collectionFormat: 'multi' }] as const;
    const urlencoded = buildRequest(connector({ parameters: [...fields] }, {}, '/a', 'post'), 'Op', { a: 'x y', tags: ['1', '2'] })!;
    expect(urlencoded.body).toEqual({ contentType: 'application/x-www-form-urlencoded', text: 'a=x%20y&tags=1&tags=2' });
    expect(urlencoded.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded' });
    const multipart = buildRequest(connector({ parameters: [...fields, { name: 'file', in: 'formData', type: 'file' }] }, {}, '/a', 'post'), 'Op', { a: 'x', file: 'bytes' })!;
    expect(multipart.body).toEqual({ contentType: 'multipart/form-data', parts: [['a', 'x'], ['file', 'bytes']] });
    expect(multipart.headers).toEqual({});
    const consumed = buildRequest(connector({ consumes: ['multipart/form-data'], parameters: [...fields] }, {}, '/a', 'post'), 'Op', { a: 'x' })!;
    expect(consumed.body).toEqual({ contentType: 'multipart/form-data', parts: [['a', 'x']] });
  });
});

describe('auth', () => {
  const key = (where: 'header' | 'query') => ({ securityDefinitions: { api_key: { type: 'apiKey' as const, in: where, name: 'X-Key' } } });

  it('puts an API key in its header or query parameter, verbatim', () => {
    expect(buildRequest(connector({}, key('header'), '/a'), 'Op', {}, { apiKey: 'Bearer s3cret' })!.headers).toEqual({ 'X-Key': 'Bearer s3cret' });
    expect(buildRequest(connector({}, key('query'), '/a'), 'Op', {}, { apiKey: 's e' })!.url).toBe('https://api.contoso.com/v1/a?X-Key=s%20e');
    // The key may also come as the connection parameter named like the scheme.
    expect(buildRequest(connector({}, key('header'), '/a'), 'Op', {}, { connectionParameters: { api_key: new Placeholder('api-key') } })!.headers).toEqual({ 'X-Key': '<api-key>' });
  });

  it('sends basic credentials, and a placeholder when they are placeholders', () => {
    const basic = { securityDefinitions: { basic_auth: { type: 'basic' as const } } };
    expect(buildRequest(connector({}, basic, '/a'), 'Op', {}, { username: 'u', password: 'p' })!.headers).toEqual({ Authorization: 'Basic dTpw' });
    expect(buildRequest(connector({}, basic, '/a'), 'Op', {}, { username: new Placeholder('username'), password: new Placeholder('password') })!.headers).toEqual({
      Authorization: 'Basic <base64 of username:password>',
    });
  });

  it('sends an OAuth token as a bearer token', () => {
    const oauth = { securityDefinitions: { oauth2_auth: { type: 'oauth2' as const, flow: 'accessCode' } } };
    expect(buildRequest(connector({}, oauth, '/a'), 'Op', {}, { token: 't0k' })!.headers).toEqual({ Authorization: 'Bearer t0k' });
  });

  it('follows security requirements; an empty list turns auth off; no credentials, no header', () => {
    const two = { securityDefinitions: { k: { type: 'apiKey' as const, in: 'header' as const, name: 'K' }, o: { type: 'oauth2' as const } } };
    expect(buildRequest(connector({}, two, '/a'), 'Op', {}, { apiKey: 'a', token: 't' })!.headers).toEqual({ K: 'a' });
    expect(buildRequest(connector({ security: [{ o: [] }] }, two, '/a'), 'Op', {}, { apiKey: 'a', token: 't' })!.headers).toEqual({ Authorization: 'Bearer t' });
    expect(buildRequest(connector({ security: [] }, two, '/a'), 'Op', {}, { apiKey: 'a', token: 't' })!.headers).toEqual({});
    expect(buildRequest(connector({}, two, '/a'), 'Op')!.headers).toEqual({});
  });
});

describe('policy templates', () => {
  const policy = (templateId: string, parameters: Record<string, unknown>) => ({ templateId, title: templateId, parameters } as never);
  const p = (name: string) => `x-ms-apimTemplateParameter.${name}`;

  it('setheader: override, skip, append, connection parameters, response section ignored, case-insensitive id', () => {
    const c = connector({ parameters: [{ name: 'Accept', in: 'header', type: 'string' }] }, {}, '/a', 'get', {
      policyTemplateInstances: [
        policy('SetHeader', { [p('name')]: 'X-Org', [p('value')]: "@connectionParameters('org')" }),
        policy('setheader', { [p('name')]: 'accept', [p('value')]: 'text/plain', [p('existsAction')]: 'skip' }),
        policy('setheader', { [p('name')]: 'X-Org', [p('value')]: 'extra', [p('existsAction')]: 'append' }),
        policy('setheader', { [p('name')]: 'X-Out', [p('value')]: 'no', 'x-ms-apimTemplate-policySection': 'Response' }),
        policy('setheader', { [p('name')]: 'X-Echo', [p('value')]: "@headers('Accept')" }),
      ],
    });
    expect(buildRequest(c, 'Op', { Accept: 'application/json' }, { connectionParameters: { org: 'contoso' } })!.headers).toEqual({
      Accept: 'application/json',
      'X-Org': 'contoso, extra',
      'X-Echo': 'application/json',
    });
    expect(buildRequest(c, 'Op')!.headers['X-Org']).toBe('<org>, extra');
  });

  it('setqueryparameter: adds, overrides, skips; scoped by operation name', () => {
    const c = connector({ parameters: [{ name: '$top', in: 'query', type: 'integer' }] }, {}, '/a', 'get', {
      policyTemplateInstances: [
        policy('setqueryparameter', { [p('name')]: '$select', [p('value')]: 'id,name' }),
        policy('setQueryParameter', { [p('name')]: '$top', [p('value')]: '5' }),
        policy('setqueryparameter', { [p('name')]: '$select', [p('value')]: 'x', [p('existsAction')]: 'skip' }),
        policy('setqueryparameter', { [p('name')]: 'other', [p('value')]: 'y', 'x-ms-apimTemplate-operationName': ['SomethingElse'] }),
      ],
    });
    expect(buildRequest(c, 'Op', { $top: 50 })!.url).toBe('https://api.contoso.com/v1/a?%24select=id%2Cname&%24top=5');
  });

  it('dynamichosturl replaces scheme, host and basePath; defaults and placeholders of connection parameters', () => {
    const c = (template: string) => connector({}, {}, '/a', 'get', { policyTemplateInstances: [policy('dynamichosturl', { [p('urlTemplate')]: template })] });
    expect(buildRequest(c("https://@connectionParameters('dc').api.contoso.com/3.0/"), 'Op', {}, { connectionParameters: { dc: 'us21' } })!.url).toBe('https://us21.api.contoso.com/3.0/a');
    expect(buildRequest(c("https://@connectionParameters('dc').api.contoso.com"), 'Op')!.url).toBe('https://<dc>.api.contoso.com/a');
    expect(buildRequest(c("@connectionParameters('region','https://eu.contoso.com')"), 'Op')!.url).toBe('https://eu.contoso.com/a');
    expect(buildRequest(c("https://@{connectionParameters('h')}/api"), 'Op', {}, { connectionParameters: { h: 'x.com' } })!.url).toBe('https://x.com/api/a');
  });

  it('routerequesttoendpoint rewrites the path (under basePath, with path values) and the method', () => {
    const c = (parameters: Record<string, unknown>) =>
      connector({ parameters: [idParam] }, {}, '/items/{id}', 'post', { policyTemplateInstances: [policy('routerequesttoendpoint', { ...parameters, 'x-ms-apimTemplate-operationName': ['Op'] })] });
    const kept = buildRequest(c({ [p('newPath')]: 'things/{id}/x', [p('httpMethod')]: '@Request.OriginalHTTPMethod' }), 'Op', { id: 'a b' })!;
    expect([kept.method, kept.url]).toEqual(['POST', 'https://api.contoso.com/v1/things/a%20b/x']);
    const moved = buildRequest(c({ [p('newPath')]: '/del/{id}', [p('httpMethod')]: 'DELETE' }), 'Op', { id: '1' })!;
    expect([moved.method, moved.url]).toEqual(['DELETE', 'https://api.contoso.com/v1/del/1']);
  });
});

describe('hostile input', () => {
  it('never throws on garbage and gives undefined for unknown operations', () => {
    const garbage: unknown[] = [null, 1, 'x', [], {}, { paths: 1 }, { paths: { '/a': { get: { operationId: 'Op', parameters: 'x' } } } }, { paths: { '/a': { get: { operationId: 'Op', parameters: [null, 1, { $ref: '#/parameters/missing' }, { $ref: '#/x~' }, { $ref: '#/%E0%A4%A' }, { name: 1, in: 'query' }] } } }, securityDefinitions: [], schemes: 'https', host: 5, basePath: {} }];
    for (const swagger of garbage) {
      for (const apiProperties of [undefined, null, 1, { properties: null }, { properties: { policyTemplateInstances: [null, { templateId: 1 }, { templateId: 'setheader', parameters: 'x' }, { templateId: 'dynamichosturl', parameters: { 'x-ms-apimTemplateParameter.urlTemplate': 5 } }] } }]) {
        expect(() => buildRequest({ swagger: swagger as never, apiProperties: apiProperties as never }, 'Op', null as never, 7 as never)).not.toThrow();
      }
    }
    expect(buildRequest(connector({}), 'Missing')).toBeUndefined();
    expect(buildRequest(connector({}), 'toString')).toBeUndefined();
  });

  it('survives cyclic values, cyclic refs and huge ref chains', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const c = connector({ parameters: [{ name: 'body', in: 'body', schema: {} }, { $ref: '#/parameters/a' }] }, { parameters: { a: { $ref: '#/parameters/b' } as never, b: { $ref: '#/parameters/a' } as never } }, '/a', 'post');
    const r = buildRequest(c, 'Op', { body: cyclic })!;
    expect(r.body).toBeUndefined();
    const chain: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) chain[`p${i}`] = { $ref: `#/parameters/p${i + 1}` };
    chain.p100 = { name: 'deep', in: 'query', type: 'string', required: true, default: 'd' };
    expect(buildRequest(connector({ parameters: [{ $ref: '#/parameters/p0' }] }, { parameters: chain as never }, '/a'), 'Op')!.url).toBe('https://api.contoso.com/v1/a');
  });

  it('takes prototype names as plain names', () => {
    const c = connector({ parameters: [{ name: '__proto__', in: 'header', type: 'string' }, { name: 'constructor', in: 'query', type: 'string' }, { name: 'toString', in: 'query', type: 'string', required: true }] }, { securityDefinitions: { k: { type: 'apiKey', in: 'header', name: '__proto__' } } }, '/a');
    const r = buildRequest(c, 'Op', JSON.parse('{"__proto__": "h", "constructor": "c"}'), JSON.parse('{"connectionParameters": {"__proto__": "x"}}'))!;
    expect(r.url).toBe('https://api.contoso.com/v1/a?constructor=c');
    expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype);
    expect(Object.hasOwn(r.headers, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Not given, no default: `toString` is not read from Object.prototype.
    expect(r.url).not.toContain('toString');
  });

  it('keeps line breaks out of header values', () => {
    const c = connector({ parameters: [{ name: 'X-A', in: 'header', type: 'string' }] }, {}, '/a');
    expect(buildRequest(c, 'Op', { 'X-A': 'a\r\nInjected: yes' })!.headers).toEqual({ 'X-A': 'a Injected: yes' });
  });
});
