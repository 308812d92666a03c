/**
 * The mock server over real connectors: routing and 404s, request validation, examples, webhook
 * and polling contracts, limits and garbage input. Every server listens on 127.0.0.1 and is closed
 * in afterAll; every loop is bounded.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockServer } from '../../src/live/mock.ts';
import { buildRequest, type Swagger } from '../../src/swagger/index.ts';
import { bundled } from './mock-connectors.ts';

const servers: Array<{ close(): unknown }> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function mock(docs: { swagger: Swagger; apiProperties?: unknown }, options: Parameters<typeof startMock>[1] = {}): Promise<MockServer> {
  const server = await startMock(docs as Parameters<typeof startMock>[0], options);
  servers.push(server);
  return server;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

const post = (url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });

/** A webhook callback receiver on 127.0.0.1, answering `status`; gives the bodies it received. */
async function startCallback(status: number, path = '/flow'): Promise<{ url: string; received: string[] }> {
  const received: string[] = [];
  const callback: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push(text);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => callback.listen(0, '127.0.0.1', done));
  servers.push(callback);
  return { url: `http://127.0.0.1:${(callback.address() as { port: number }).port}${path}`, received };
}

describe('github-issues', () => {
  let m: MockServer;
  const lines: string[] = [];
  beforeAll(async () => {
    m = await mock(bundled('github-issues'), { log: (line) => lines.push(line) });
  });

  it('listens on 127.0.0.1 and logs one line per request', async () => {
    expect(m.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${m.url}/repos/octo/hello/issues`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(Array.isArray(body)).toBe(true);
    expect(lines).toContain('GET /repos/octo/hello/issues 200');
  });

  it('answers an unknown path 404 naming the closest operation, a wrong method 405', async () => {
    const response = await fetch(`${m.url}/repos/octo/hello/issuez`);
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ error: 'No operation at GET /repos/octo/hello/issuez', closest: 'GET /repos/{owner}/{repo}/issues' });
    const wrong = await fetch(`${m.url}/user/repos`, { method: 'PUT' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('decodes path segments after splitting, so %2F stays in one parameter', async () => {
    expect((await fetch(`${m.url}/repos/octo%2Fcat/hello/issues`)).status).toBe(200);
    expect((await fetch(`${m.url}/repos/%E0%A4%A/hello/issues`)).status).toBe(400);
  });

  it('answers 400 for a missing required body, a missing path value and a value outside the enum', async () => {
    const noBody = await fetch(`${m.url}/repos/octo/hello/issues`, { method: 'POST' });
    expect(noBody.status).toBe(400);
    expect(await json(noBody)).toMatchObject({ parameter: 'body', in: 'body' });
    const empty = await fetch(`${m.url}/repos//hello/issues`);
    expect(await json(empty)).toEqual({ error: 'Missing required path parameter `owner`', parameter: 'owner', in: 'path' });
    const state = await fetch(`${m.url}/repos/octo/hello/issues?state=bogus`);
    expect(state.status).toBe(400);
    expect(await json(state)).toMatchObject({ parameter: 'state', in: 'query' });
    const invalid = await post(`${m.url}/repos/octo/hello/issues`, '{"title": ');
    expect(await json(invalid)).toMatchObject({ in: 'body', error: expect.stringMatching(/^The body is not valid JSON/) });
    const wrongType = await post(`${m.url}/repos/octo/hello/issues`, { title: 42 });
    expect(await json(wrongType)).toEqual({ error: 'The body property /title must be string', parameter: 'body', in: 'body' });
  });

  it('registers a webhook, posts a notification to its callback, and deletes it', async () => {
    const { url, received } = await startCallback(202);
    const hook = { name: 'web', active: true, events: ['issues'], config: { content_type: 'json', insecure_ssl: '0', url } };
    const registered = await post(`${m.url}/repos/octo/hello/hooks`, hook);
    expect(registered.status).toBe(201);
    const location = registered.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${m.url}/_plugboard/subscriptions/\\d+$`));
    expect(m.subscriptions()).toEqual([expect.objectContaining({ operationId: 'WhenIssueChanged', callback: hook.config.url })]);

    const payload = { action: 'opened', issue: { number: 7 } };
    const notified = await post(`${m.url}/_plugboard/notify/WhenIssueChanged`, payload);
    expect(notified.status).toBe(200);
    expect(await json(notified)).toMatchObject({ trigger: 'WhenIssueChanged', delivered: [{ url: hook.config.url, status: 202 }] });
    expect(received.map((t) => JSON.parse(t))).toEqual([payload]);

    // Without a body, the payload is made from x-ms-notification-content.
    const made = await json(await fetch(`${m.url}/_plugboard/notify/WhenIssueChanged`, { method: 'POST' }));
    expect(made.payload).toMatchObject({ action: 'action', issue: expect.objectContaining({ number: 1 }) });
    expect(received).toHaveLength(2);

    expect((await fetch(location, { method: 'DELETE' })).status).toBe(200);
    expect(m.subscriptions()).toEqual([]);
    expect((await fetch(location, { method: 'DELETE' })).status).toBe(404);
    const none = await json(await post(`${m.url}/_plugboard/notify/WhenIssueChanged`, payload));
    expect(none.delivered).toEqual([]);
  });

  it('posts only to local callbacks, and names the triggers when one is unknown', async () => {
    const hook = { name: 'web', active: true, events: ['issues'], config: { content_type: 'json', insecure_ssl: '0', url: 'https://prod.example.com/flow' } };
    const location = (await post(`${m.url}/repos/octo/hello/hooks`, hook)).headers.get('location')!;
    const notified = await json(await post(`${m.url}/_plugboard/notify/WhenIssueChanged`, {}));
    expect(notified.delivered).toEqual([expect.objectContaining({ url: hook.config.url, error: expect.stringMatching(/only to http:\/\/127\.0\.0\.1/) })]);
    await fetch(location, { method: 'DELETE' });
    const unknown = await fetch(`${m.url}/_plugboard/notify/WhenIssueChangd`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ webhookTriggers: ['WhenIssueChanged'] });
  });
});

describe('mailchimp-audiences: a polling trigger', () => {
  let m: MockServer;
  const poll = '/3.0/lists/abc/members?status=subscribed&sort_field=timestamp_opt&sort_dir=DESC&count=100&since_timestamp_opt=1970-01-01T00%3A00%3A00%2B00%3A00';
  beforeAll(async () => {
    m = await mock(bundled('mailchimp-audiences'), { retryAfter: 7 });
  });

  it('answers 202 with Location and Retry-After while nothing is new, then 200 with the added items', async () => {
    const idle = await fetch(m.url + poll);
    expect(idle.status).toBe(202);
    expect(idle.headers.get('location')).toBe(m.url + poll);
    expect(new URL(idle.headers.get('location')!).searchParams.get('since_timestamp_opt')).toBe('1970-01-01T00:00:00+00:00');
    expect(idle.headers.get('retry-after')).toBe('7');

    const added = await post(`${m.url}/_plugboard/items/WhenContactSubscribes`, [{ email_address: 'a@example.com' }, { email_address: 'b@example.com' }]);
    expect(await json(added)).toEqual({ trigger: 'WhenContactSubscribes', added: 2, waiting: 2, items: [{ email_address: 'a@example.com' }, { email_address: 'b@example.com' }] });
    const fresh = await fetch(m.url + poll);
    expect(fresh.status).toBe(200);
    const body = await json(fresh);
    expect(body.members).toEqual([{ email_address: 'a@example.com' }, { email_address: 'b@example.com' }]);
    expect(body).toHaveProperty('list_id');
    expect((await fetch(m.url + poll)).status).toBe(202);
  });

  it('makes an item from the schema when none is given, each one with its own id', async () => {
    await fetch(`${m.url}/_plugboard/items/WhenContactSubscribes`, { method: 'POST' });
    const first = await json(await fetch(m.url + poll));
    expect(first.members).toEqual([expect.objectContaining({ email_address: 'user+1@example.com', id: 'id-1' })]);
    await fetch(`${m.url}/_plugboard/items/WhenContactSubscribes`, { method: 'POST' });
    const second = await json(await fetch(m.url + poll));
    expect(second.members).toEqual([expect.objectContaining({ email_address: 'user+2@example.com', id: 'id-2' })]);
  });

  it('answers 400 for a missing required query parameter and a value of the wrong type', async () => {
    const missing = await fetch(`${m.url}/3.0/lists/abc/members`);
    expect(await json(missing)).toEqual({ error: 'Missing required query parameter `status`', parameter: 'status', in: 'query' });
    const wrong = await fetch(m.url + poll.replace('count=100', 'count=many'));
    expect(wrong.status).toBe(400);
    expect(await json(wrong)).toEqual({ error: 'The query parameter `count` must be integer', parameter: 'count', in: 'query' });
  });
});

describe('examples and content types', () => {
  const swagger: Swagger = {
    swagger: '2.0',
    info: { title: 'Examples', version: '1.0' },
    host: 'api.example.com',
    basePath: '/v1',
    produces: ['application/json'],
    paths: {
      '/xms': { get: { operationId: 'Xms', responses: { '200': { description: 'ok', schema: { type: 'object' } } }, 'x-ms-examples': { One: { parameters: {}, responses: { '200': { body: { from: 'x-ms-examples' } } } } } } },
      '/examples': { get: { operationId: 'Examples', responses: { '200': { description: 'ok', examples: { 'application/json': { from: 'examples' } } } } } },
      '/schema': { get: { operationId: 'Schema', responses: { '201': { description: 'ok', schema: { $ref: '#/definitions/Thing' } } } } },
      '/text': { get: { operationId: 'Text', produces: ['text/plain'], responses: { '200': { description: 'ok', schema: { type: 'string' }, headers: { 'X-Count': { type: 'integer' } } } } } },
      '/files/{path}': { get: { operationId: 'File', parameters: [{ name: 'path', in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'double' }], responses: { '204': { description: 'none' } } } },
      '/lists/{id}': { get: { operationId: 'ById', parameters: [{ name: 'id', in: 'path', required: true, type: 'integer' }], responses: { '200': { description: 'ok' } } } },
      '/lists/search': { get: { operationId: 'Search', parameters: [{ name: 'tags', in: 'query', type: 'array', items: { type: 'integer' }, collectionFormat: 'pipes' }], responses: { '200': { description: 'ok', schema: { type: 'string', enum: ['search'] } } } } },
      '/form': { post: { operationId: 'Form', consumes: ['application/x-www-form-urlencoded'], parameters: [{ name: 'n', in: 'formData', required: true, type: 'number', maximum: 10 }], responses: { '200': { description: 'ok' } } } },
      '/pages': { get: { operationId: 'Pages', 'x-ms-pageable': { nextLinkName: '@odata.nextLink' }, responses: { '200': { description: 'ok', schema: { type: 'object', properties: { value: { type: 'array', items: { type: 'string' } }, '@odata.nextLink': { type: 'string' } } } } } } },
      '/pages-example': { get: { operationId: 'PagesExample', 'x-ms-pageable': { nextLinkName: 'nextLink' }, responses: { '200': { description: 'ok', schema: { type: 'object' } } }, 'x-ms-examples': { One: { responses: { '200': { body: { value: [1], nextLink: 'https://api.example.com/v1/pages-example?page=2' } } } } } } },
    },
    definitions: { Thing: { type: 'object', example: { from: 'schema example' }, properties: { a: { type: 'string' } } } },
  };
  let m: MockServer;
  beforeAll(async () => {
    m = await mock({ swagger, apiProperties: { properties: {} } });
  });

  it('serves x-ms-examples, response examples and schema examples, with the first success status', async () => {
    expect(await json(await fetch(`${m.url}/v1/xms`))).toEqual({ from: 'x-ms-examples' });
    expect(await json(await fetch(`${m.url}/v1/examples`))).toEqual({ from: 'examples' });
    const schema = await fetch(`${m.url}/v1/schema`);
    expect(schema.status).toBe(201);
    expect(await json(schema)).toEqual({ from: 'schema example' });
  });

  it('takes Content-Type from produces and fills declared headers', async () => {
    const text = await fetch(`${m.url}/v1/text`);
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(text.headers.get('x-count')).toBe('1');
    expect(await text.text()).toBe('string');
  });

  it('decodes double-encoded path values twice, prefers literal templates, reads collection formats and forms', async () => {
    expect((await fetch(`${m.url}/v1/files/a%252Fb`)).status).toBe(204);
    expect(await (await fetch(`${m.url}/v1/lists/search?tags=1|2`)).json()).toBe('search');
    expect(await json(await fetch(`${m.url}/v1/lists/search?tags=1|x`))).toMatchObject({ parameter: 'tags', error: 'The query parameter `tags` /1 must be integer' });
    expect((await fetch(`${m.url}/v1/lists/5`)).status).toBe(200);
    expect((await fetch(`${m.url}/v1/lists/five`)).status).toBe(400);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await post(`${m.url}/v1/form`, 'n=3', form)).status).toBe(200);
    expect(await json(await post(`${m.url}/v1/form`, 'n=30', form))).toMatchObject({ parameter: 'n', in: 'formData', error: 'The formData parameter `n` must be <= 10' });
    expect(await json(await post(`${m.url}/v1/form`, '', form))).toMatchObject({ parameter: 'n', in: 'formData' });
  });

  it('serves one page of a pageable operation: no next link, made or from an example, and the document untouched', async () => {
    const made = await json(await fetch(`${m.baseUrl}/pages`));
    expect(made).toEqual({ value: ['value'] });
    expect(await json(await fetch(`${m.baseUrl}/pages-example`))).toEqual({ value: [1] });
    const example = (swagger.paths!['/pages-example']!.get!['x-ms-examples'] as { One: { responses: { '200': { body: Record<string, unknown> } } } }).One.responses['200'].body;
    expect(example.nextLink).toBe('https://api.example.com/v1/pages-example?page=2');
  });

  it('lists operations and triggers at /_plugboard', async () => {
    const info = await json(await fetch(`${m.url}/_plugboard`));
    expect(info.operations).toHaveLength(10);
    expect(info.triggers).toEqual([]);
  });
});

describe('routerequesttoendpoint policies', () => {
  // As JIRA's and Planner's folders do: the Swagger path is the card's, the policy the API's.
  const swagger: Swagger = {
    swagger: '2.0',
    info: { title: 'Routed', version: '1.0' },
    host: 'api.example.com',
    basePath: '/rest/api',
    paths: {
      '/issue/{key}': { get: { operationId: 'GetIssue', parameters: [{ name: 'key', in: 'path', required: true, type: 'string' }], responses: { '200': { description: 'ok', schema: { type: 'object', properties: { key: { type: 'string' } } } } } } },
      '/me/groups': { get: { operationId: 'ListGroups', responses: { '200': { description: 'ok', schema: { type: 'array', items: { type: 'string' } } } } } },
      '/elsewhere': { get: { operationId: 'Elsewhere', responses: { '200': { description: 'ok' } } } },
    },
  };
  const route = (operations: string[], newPath: string, httpMethod = '@Request.OriginalHTTPMethod') => ({
    templateId: 'routerequesttoendpoint',
    parameters: { 'x-ms-apimTemplate-operationName': operations, 'x-ms-apimTemplateParameter.newPath': newPath, 'x-ms-apimTemplateParameter.httpMethod': httpMethod },
  });
  const apiProperties = {
    properties: {
      policyTemplateInstances: [route(['GetIssue'], '/2/issue/{key}'), route(['ListGroups'], '/me/memberOf/$/microsoft.graph.group', 'POST'), route(['Elsewhere'], "/@connectionParameters('path')")],
    },
  };
  let m: MockServer;
  beforeAll(async () => {
    m = await mock({ swagger, apiProperties });
  });

  it('serves an operation where the policy sends it, and where its Swagger puts it', async () => {
    expect(m.operations).toBe(3);
    const request = buildRequest({ swagger, apiProperties }, 'GetIssue', { key: 'PB-1' })!;
    expect(request.url).toBe('https://api.example.com/rest/api/2/issue/PB-1');
    expect((await fetch(request.url.replace('https://api.example.com/rest/api', m.baseUrl))).status).toBe(200);
    expect((await fetch(`${m.baseUrl}/issue/PB-1`)).status).toBe(200);
    // The policy's own method; a `$` segment matched as written.
    expect((await fetch(`${m.baseUrl}/me/memberOf/$/microsoft.graph.group`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${m.baseUrl}/me/memberOf/$/microsoft.graph.group`)).status).toBe(405);
    // A path made of an expression is the connection's to fill: not served.
    const info = await json(await fetch(`${m.url}/_plugboard`));
    // Most literal first, as routes are matched.
    expect(info.operations).toEqual([
      { operationId: 'ListGroups', method: 'GET', path: '/rest/api/me/groups', routedTo: 'POST /rest/api/me/memberOf/$/microsoft.graph.group' },
      { operationId: 'Elsewhere', method: 'GET', path: '/rest/api/elsewhere' },
      { operationId: 'GetIssue', method: 'GET', path: '/rest/api/issue/{key}', routedTo: 'GET /rest/api/2/issue/{key}' },
    ]);
  });
});

describe('webhook triggers a policy sends to one endpoint', () => {
  const hook = (operationId: string, topic: string) => ({
    'x-ms-notification-content': { schema: { type: 'object', properties: { topic: { type: 'string' } } } },
    post: {
      operationId,
      'x-ms-trigger': 'single',
      parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object', required: ['url', 'topic'], properties: { url: { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' }, topic: { type: 'string', enum: [topic] } } } }],
      responses: { '201': { description: 'created' } },
    },
  });
  const swagger = { swagger: '2.0', info: { title: 'Hooks', version: '1.0' }, host: 'api.example.com', basePath: '/', paths: { '/subscriptions/matter': hook('OnMatter', 'matter'), '/subscriptions/contract': hook('OnContract', 'contract') } } as unknown as Swagger;
  const routeTo = (operations: string[], newPath: string) => ({ properties: { policyTemplateInstances: [{ templateId: 'routerequesttoendpoint', parameters: { 'x-ms-apimTemplate-operationName': operations, 'x-ms-apimTemplateParameter.newPath': newPath, 'x-ms-apimTemplateParameter.httpMethod': '@Request.OriginalHTTPMethod' } }] } });
  // LawVu's shape: both sent to a third path; Calendly's: one sent to the other's own path.
  const shapes = [
    { name: 'both sent to one path', apiProperties: routeTo(['OnMatter', 'OnContract'], '/subscriptions'), endpoint: '/subscriptions' },
    { name: "one sent to the other's path", apiProperties: routeTo(['OnContract'], '/subscriptions/matter'), endpoint: '/subscriptions/matter' },
  ];

  it.each(shapes)('$name: files a registration under the one it is valid for, and notifies it for whichever of them is notified', async ({ apiProperties, endpoint }) => {
    const m = await mock({ swagger, apiProperties });
    const { url, received } = await startCallback(200);
    // The endpoint the platform calls for either trigger: filed under the one whose body it fits.
    expect((await post(`${m.url}${endpoint}`, { url, topic: 'contract' })).status).toBe(201);
    expect(m.subscriptions()).toEqual([expect.objectContaining({ operationId: 'OnContract', callback: url })]);
    expect(await json(await post(`${m.url}${endpoint}`, { url, topic: 'neither' }))).toMatchObject({ parameter: 'body' });
    for (const trigger of ['OnMatter', 'OnContract']) {
      expect(await json(await post(`${m.url}/_plugboard/notify/${trigger}`, { topic: trigger }))).toMatchObject({ delivered: [{ url, status: 200 }] });
    }
    expect(received.map((t) => JSON.parse(t))).toEqual([{ topic: 'OnMatter' }, { topic: 'OnContract' }]);
  });
});

describe('limits and garbage', () => {
  let m: MockServer;
  beforeAll(async () => {
    m = await mock(bundled('github-issues'), { limits: { subscriptions: 2, itemsPerTrigger: 3 } });
  });

  it('answers 413 to a body over 1 MB, whether declared or streamed', async () => {
    const big = 'x'.repeat(1_048_577);
    expect((await post(`${m.url}/repos/a/b/issues`, big)).status).toBe(413);
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(300_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${m.url}/repos/a/b/issues`, { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers 431 to too many headers, 429 past the subscription limit', async () => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < 120; i++) headers[`x-h${i}`] = 'v';
    expect((await fetch(`${m.url}/user/repos`, { headers })).status).toBe(431);
    const hook = { name: 'web', active: true, events: ['issues'], config: { content_type: 'json', insecure_ssl: '0', url: 'http://127.0.0.1:9/x' } };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(`${m.url}/repos/a/b/hooks`, hook)).status);
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('never crashes on garbage: random methods, paths, headers and bodies', async () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const pick = <T>(list: readonly T[]) => list[next() % list.length]!;
    const paths = ['/', '/_plugboard/notify/', '/_plugboard/items/x', '/_plugboard/subscriptions/abc', '/repos/%/b/issues', '/repos/a/b/issues?state=%ZZ', '/repos/a/b/issues/1/comments', '//', '/_plugboard/%zz', '/repos/a/b/hooks'];
    const bodies = ['', '{', 'null', '[]', '"x"', '{"title":{"$ref":"#"}}', '\u0000\u0001', '{"config":{"url":1}}', 'a'.repeat(5_000)];
    const statuses = new Set<number>();
    for (let i = 0; i < 120; i++) {
      const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
      const body = method === 'GET' ? undefined : pick(bodies);
      const response = await fetch(m.url + pick(paths), { method, ...(body !== undefined ? { body } : {}), headers: { 'content-type': pick(['application/json', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain']) } });
      await response.arrayBuffer();
      statuses.add(response.status);
    }
    expect([...statuses].every((s) => s < 500)).toBe(true);
    for (const raw of ['GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 'GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\n\r\n']) {
      const reply = await new Promise<string>((done) => {
        const socket = connect(m.port, '127.0.0.1');
        let text = '';
        socket.setTimeout(2_000, () => socket.destroy());
        socket.on('data', (d) => (text += d));
        socket.on('close', () => done(text));
        socket.on('error', () => done(text));
        socket.end(raw);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 4\d\d/);
    }
    expect((await fetch(`${m.url}/_plugboard`)).status).toBe(200);
  });
});
