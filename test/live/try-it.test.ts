/**
 * The "Try it" endpoints (src/live/try-it.ts) behind a plain node:http server, on the bundled
 * connectors: calls to each connector's mock (started once, reused), the body assembled from
 * `body/a.b` fields, dropdown options from x-ms-dynamic-values (parameters mapped from the form,
 * value-collection / value-path / value-title), the live target through an injected transport
 * (credentials masked, findings on MDX lines, the body cut), and every refusal: other origins and
 * hosts, other content types, oversized bodies, ids that are not connector folders, a connector that
 * does not compile — each a JSON error, the server still answering.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpResponse, Transport } from '../../src/live/http.ts';
import { assembleBody, createTryIt, TRY_IT_LIMITS, valueAt, type TryIt } from '../../src/live/try-it.ts';
import type { HttpRequest, Swagger } from '../../src/swagger/index.ts';

const CONNECTORS = join(import.meta.dirname, '../../connectors');
const SECRET = 'live_TryItSecret_0123456789';
const work = mkdtempSync(join(tmpdir(), 'plugboard-try-it-'));

/** What the live target's transport answers, by URL path; every request it gets is kept. */
const liveAnswers = new Map<string, { status: number; body: string; headers?: Record<string, string> }>();
const liveRequests: HttpRequest[] = [];
const fakeTransport: Transport = async (req) => {
  liveRequests.push(req);
  const answer = liveAnswers.get(new URL(req.url).pathname) ?? { status: 404, body: '{}' };
  return { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers }, body: answer.body, url: req.url, ms: 1, retries: 0, redirects: 0 } satisfies HttpResponse;
};
/** Real HTTP for the mock (127.0.0.1), the fake for anything else. */
const transport: Transport = async (req, options) => (new URL(req.url).hostname === '127.0.0.1' ? (await import('../../src/live/http.ts')).send(req, options) : fakeTransport(req, options));

let tryIt: TryIt;
let server: Server;
let port = 0;
const logged: string[] = [];

beforeAll(async () => {
  // A second root: a connector that does not compile, and a symlink to a real one.
  const extra = join(work, 'extra');
  cpSync(join(CONNECTORS, 'open-meteo'), join(extra, 'broken'), { recursive: true });
  writeFileSync(join(extra, 'broken', 'connector.mdx'), '---\ntitle: [unclosed\n---\n');
  symlinkSync(join(CONNECTORS, 'the-cat-api'), join(extra, 'linked'));
  cpSync(join(CONNECTORS, 'open-meteo'), join(extra, 'meteo-copy'), { recursive: true });
  tryIt = createTryIt({ roots: [CONNECTORS, extra], cwd: work, env: { PLUGBOARD_THE_CAT_API_API_KEY: SECRET }, transport, log: (line) => logged.push(line) });
  server = createServer((req, res) =>
    tryIt.handle(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('passed on');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await tryIt.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

interface Reply {
  status: number;
  type: string;
  json: any;
  text: string;
}

/** A raw request, so that Host, Origin and the body are whatever the test says. */
function send(path: string, body: string | Buffer, headers: Record<string, string | undefined> = {}, method = 'POST'): Promise<Reply> {
  const all: Record<string, string> = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' };
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete all[k];
    else all[k] = v;
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: all }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), json, text });
      });
    });
    // A server that answers before reading the whole body may close the connection under the write.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(method === 'GET' ? undefined : body);
  });
}

const post = (path: string, body: unknown, headers: Record<string, string | undefined> = {}) => send(path, JSON.stringify(body), headers);
const call = (id: string, body: unknown) => post(`/_plugboard/try/${id}/call`, body);
const values = (id: string, body: unknown) => post(`/_plugboard/try/${id}/values`, body);

describe('calls to the mock', () => {
  it('the-cat-api GetBreed: the request, a 200, the body and no findings; the mock is started once', async () => {
    const first = await call('the-cat-api', { operationId: 'GetBreed', values: { breed_id: 'beng' }, target: 'mock' });
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^application\/json/);
    expect(first.json).toMatchObject({ operationId: 'GetBreed', target: 'mock', status: 200, findings: [], missingCredentials: [] });
    expect(first.json.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/breeds\/beng$/);
    // The mock gets no credentials, though the environment has them.
    expect(JSON.stringify(first.json)).not.toContain(SECRET);
    expect(JSON.parse(first.json.body)).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(first.json.headers['content-type']).toBe('application/json');
    expect(first.json.bodyBytes).toBe(Buffer.byteLength(first.json.body));
    const again = await call('the-cat-api', { operationId: 'GetBreed', values: {}, target: 'mock' });
    // A required field left empty takes its test value; the same mock answers.
    expect(again.json.request.url).toBe(first.json.request.url);
    expect(logged.filter((l) => l.startsWith('mock of the-cat-api'))).toHaveLength(1);
  });

  it('github-issues CreateIssue: `body/…` fields assembled into one body, typed by the schema', async () => {
    const reply = await call('github-issues', { operationId: 'CreateIssue', values: { owner: 'octo', repo: 'hello', 'body/title': 'Broken', 'body/labels': 'bug, help wanted', 'body/milestone': '3', 'body/body': '' }, target: 'mock' });
    expect(reply.status).toBe(200);
    expect(reply.json.status).toBe(201);
    expect(reply.json.request.method).toBe('POST');
    expect(reply.json.request.url).toMatch(/\/repos\/octo\/hello\/issues$/);
    expect(JSON.parse(reply.json.request.body.text)).toEqual({ title: 'Broken', labels: ['bug', 'help wanted'], milestone: 3 });
    expect(reply.json.findings).toEqual([]);
  });

  it('mailchimp-audiences GetMember and open-meteo GetWeatherForecast answer from their mocks', async () => {
    const member = await call('mailchimp-audiences', { operationId: 'GetMember', values: { list_id: 'abc', subscriber_hash: 'f00' }, target: 'mock' });
    expect(member.json).toMatchObject({ status: 200, findings: [] });
    // The dynamichosturl policy gives way to the mock's address.
    expect(member.json.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/3\.0\/lists\/abc\/members\/f00/);
    const forecast = await call('open-meteo', { operationId: 'GetWeatherForecast', values: { latitude: '48.85', longitude: '2.35' }, target: 'mock' });
    expect(forecast.json).toMatchObject({ status: 200, findings: [] });
    expect(forecast.json.request.url).toContain('latitude=48.85');
  });

  it('restarts a connector\'s mock when its definition changes, and only then', async () => {
    const port = async () => new URL((await call('meteo-copy', { operationId: 'GetElevation', values: {}, target: 'mock' })).json.request.url).port;
    const first = await port();
    expect(await port()).toBe(first);
    const file = join(work, 'extra', 'meteo-copy', 'connector.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Weather Copy'));
    expect(await port()).not.toBe(first);
    expect(logged.filter((l) => l.startsWith('mock of meteo-copy'))).toHaveLength(2);
  });

  it('says why nothing was sent when a required input has no value', async () => {
    const reply = await call('github-issues', { operationId: 'GetIssue', values: {}, target: 'mock' });
    expect(reply.status).toBe(200);
    expect(reply.json.status).toBeUndefined();
    expect(reply.json.skipped).toMatch(/no value for the required/);
  });
});

describe('dropdown values', () => {
  it('the-cat-api GetBreed breed_id: options from ListBreeds by value-path and value-title', async () => {
    const reply = await values('the-cat-api', { operationId: 'GetBreed', parameter: 'breed_id', values: {} });
    expect(reply.status).toBe(200);
    expect(reply.json.operationId).toBe('ListBreeds');
    expect(reply.json.options.length).toBeGreaterThan(0);
    for (const o of reply.json.options) expect(o).toEqual({ value: expect.any(String), title: expect.any(String) });
  });

  it('mailchimp-audiences list_id: the items under value-collection `lists`', async () => {
    const reply = await values('mailchimp-audiences', { operationId: 'GetMember', parameter: 'list_id', values: {} });
    expect(reply.json).toMatchObject({ operationId: 'ListAudiences', options: [expect.objectContaining({ value: expect.any(String) })] });
  });

  it('github-issues labels of a body array: ListLabels called with owner and repo from the form, per_page from the extension', async () => {
    liveAnswers.set('/repos/octo/hello/labels', { status: 200, body: JSON.stringify([{ name: 'bug' }, { name: 'docs' }, { color: 'no name' }]) });
    const reply = await values('github-issues', { operationId: 'CreateIssue', parameter: 'body/labels', values: { owner: 'octo', repo: 'hello' }, target: 'live' });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ operationId: 'ListLabels', options: [{ value: 'bug', title: 'bug' }, { value: 'docs', title: 'docs' }] });
    const sent = new URL(liveRequests.at(-1)!.url);
    expect(sent.pathname).toBe('/repos/octo/hello/labels');
    expect(sent.searchParams.get('per_page')).toBe('100');
  });

  it('a source that fails or answers no list is a JSON error', async () => {
    liveAnswers.set('/repos/octo/gone/labels', { status: 500, body: '{}' });
    const failed = await values('github-issues', { operationId: 'ListIssues', parameter: 'labels', values: { owner: 'octo', repo: 'gone' }, target: 'live' });
    expect(failed.status).toBe(502);
    expect(failed.json.error).toBe('ListLabels answered 500');
    liveAnswers.set('/repos/octo/odd/labels', { status: 200, body: '{"not":"a list"}' });
    const odd = await values('github-issues', { operationId: 'ListIssues', parameter: 'labels', values: { owner: 'octo', repo: 'odd' }, target: 'live' });
    expect(odd.status).toBe(502);
    expect(odd.json.error).toMatch(/did not answer a list/);
  });

  it('a field without dynamic values, or unknown, is refused', async () => {
    expect((await values('the-cat-api', { operationId: 'SearchImages', parameter: 'limit', values: {} })).json.error).toMatch(/has no dynamic values/);
    expect((await values('the-cat-api', { operationId: 'SearchImages', parameter: 'nope', values: {} })).status).toBe(404);
  });
});

describe('the live target', () => {
  it('sends the credentials of the environment, masks them in the answer, and places findings on MDX lines', async () => {
    liveAnswers.set('/v1/breeds/beng', { status: 200, body: JSON.stringify({ id: 'beng', name: 'Bengal', key: SECRET, weight: { imperial: 1, metric: '3 - 7' } }), headers: { 'set-cookie': 'session=1' } });
    const reply = await call('the-cat-api', { operationId: 'GetBreed', values: { breed_id: 'beng' }, target: 'live' });
    expect(reply.status).toBe(200);
    expect(liveRequests.at(-1)!.headers['x-api-key']).toBe(SECRET);
    expect(reply.json.request.url).toBe('https://api.thecatapi.com/v1/breeds/beng');
    expect(reply.json.request.headers['x-api-key']).toBe('***');
    expect(reply.json.headers['set-cookie']).toBe('***');
    expect(reply.text).not.toContain(SECRET);
    expect(reply.json.missingCredentials).toEqual([]);
    const invalid = reply.json.findings.find((f: { ruleId: string }) => f.ruleId === 'live-body-invalid');
    expect(invalid).toMatchObject({ severity: 'error', file: expect.stringMatching(/the-cat-api\/definitions\/Breed\.mdx$/), line: expect.any(Number) });
  });

  it('reads the `.env` of the connector\'s repository, wherever the dev server was started', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    cpSync(join(CONNECTORS, 'the-cat-api'), join(repo, 'connectors', 'the-cat-api'), { recursive: true });
    mkdirSync(join(repo, 'docs'));
    writeFileSync(join(repo, '.env'), `PLUGBOARD_THE_CAT_API_API_KEY=${SECRET}-dotenv\n`);
    const fromDocs = createTryIt({ roots: ['../connectors'], cwd: join(repo, 'docs'), env: {}, transport: fakeTransport });
    const local = createServer((req, res) => fromDocs.handle(req, res, () => res.end()));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const localPort = (local.address() as AddressInfo).port;
    try {
      liveAnswers.set('/v1/breeds/beng', { status: 200, body: JSON.stringify({ id: 'beng', name: 'Bengal' }) });
      const reply = await new Promise<any>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: localPort, path: '/_plugboard/try/the-cat-api/call', method: 'POST', headers: { host: `127.0.0.1:${localPort}`, origin: `http://127.0.0.1:${localPort}`, 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ operationId: 'GetBreed', values: { breed_id: 'beng' }, target: 'live' }));
      });
      expect(reply.missingCredentials).toEqual([]);
      expect(liveRequests.at(-1)!.headers['x-api-key']).toBe(`${SECRET}-dotenv`);
      expect(JSON.stringify(reply)).not.toContain(SECRET);
    } finally {
      await fromDocs.close();
      await new Promise((resolve) => local.close(resolve));
    }
  });

  it('cuts a large body and says so', async () => {
    const big = JSON.stringify({ id: 'big', name: 'x'.repeat(TRY_IT_LIMITS.responseBytes + 10_000) });
    liveAnswers.set('/v1/breeds/big', { status: 200, body: big });
    const reply = await call('the-cat-api', { operationId: 'GetBreed', values: { breed_id: 'big' }, target: 'live' });
    expect(reply.json).toMatchObject({ status: 200, bodyCut: true, bodyBytes: Buffer.byteLength(big) });
    expect(Buffer.byteLength(reply.json.body)).toBe(TRY_IT_LIMITS.responseBytes);
  });
});

describe('refusals', () => {
  it('passes other paths on and answers unknown endpoints and methods', async () => {
    expect((await send('/connectors/x/', '', {}, 'GET')).text).toBe('passed on');
    expect((await send('/_plugboardx/try/a/call', '{}')).text).toBe('passed on');
    expect((await post('/_plugboard/try/the-cat-api/run', {})).status).toBe(404);
    const get = await send('/_plugboard/try/the-cat-api/call', '', {}, 'GET');
    expect(get.status).toBe(405);
  });

  it('answers only same-origin JSON posts to a loopback host', async () => {
    const body = { operationId: 'GetBreed', values: {}, target: 'mock' };
    const path = '/_plugboard/try/the-cat-api/call';
    expect((await post(path, body, { origin: undefined })).status).toBe(403);
    expect((await post(path, body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(path, body, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    // DNS rebinding: a name of the attacker's that resolves to 127.0.0.1.
    expect((await post(path, body, { host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).status).toBe(403);
    expect((await post(path, body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(path, body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(path, body, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post(path, body, { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post(path, body, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('refuses a body over 1 MB with 413, however it is sent', async () => {
    const big = Buffer.alloc(TRY_IT_LIMITS.requestBytes + 1, 0x20);
    const declared = await send('/_plugboard/try/the-cat-api/call', big);
    expect(declared.status).toBe(413);
    const chunked = await send('/_plugboard/try/the-cat-api/call', big, { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(chunked.json.error).toMatch(/over 1048576 bytes/);
  });

  it('takes only connector folder names as ids', async () => {
    for (const id of ['..', '%2E%2E', '..%2Fsrc', '.hidden', '%2Fetc']) {
      const reply = await call(id, { operationId: 'x', values: {} });
      expect([400, 404]).toContain(reply.status);
      expect(reply.json.error).toBeTruthy();
    }
    expect((await call('no-such-connector', { operationId: 'x', values: {} })).json.error).toBe('No connector folder `no-such-connector`');
    expect((await call('linked', { operationId: 'GetBreed', values: {} })).json.error).toMatch(/symbolic link/);
  });

  it('refuses malformed input with 400 and an unknown operation with 404', async () => {
    expect((await send('/_plugboard/try/the-cat-api/call', '{not json')).status).toBe(400);
    expect((await call('the-cat-api', { values: {} })).status).toBe(400);
    expect((await call('the-cat-api', { operationId: 'GetBreed', values: { breed_id: 1 } })).status).toBe(400);
    expect((await call('the-cat-api', { operationId: 'GetBreed', values: {}, target: 'prod' })).status).toBe(400);
    expect((await values('the-cat-api', { operationId: 'GetBreed', values: {} })).status).toBe(400);
    const unknown = await call('the-cat-api', { operationId: 'Nope', values: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('No operation `Nope` in the-cat-api');
  });

  it('a connector that does not compile is a JSON error; the next request is answered', async () => {
    const broken = await call('broken', { operationId: 'GetWeatherForecast', values: {}, target: 'mock' });
    expect(broken.status).toBe(422);
    expect(broken.json.error).toMatch(/^broken does not compile: /);
    expect((await call('open-meteo', { operationId: 'GetElevation', values: {}, target: 'mock' })).json.status).toBe(200);
  });
});

describe('helpers', () => {
  it('assembleBody merges the JSON body with dotted fields and skips unsafe keys', () => {
    const swagger = { swagger: '2.0', info: { title: 't', version: '1' }, paths: {} } as unknown as Swagger;
    const schema = { type: 'object', properties: { n: { type: 'integer' }, on: { type: 'boolean' }, a: { type: 'object', properties: { b: { type: 'array' } } } } };
    expect(assembleBody(swagger, schema, {})).toBeUndefined();
    expect(assembleBody(swagger, schema, { body: '{"x":1}', 'body/n': '2', 'body/on': 'true', 'body/a.b': '["q"]', 'body/__proto__.polluted': 'yes', 'body/s[].t': 'no' })).toEqual({ x: 1, n: 2, on: true, a: { b: ['q'] } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('valueAt reads JSON pointers without the slash, and dotted paths', () => {
    const item = { owner: { login: 'octo' }, 'a/b': 1, list: [{ id: 7 }] };
    expect(valueAt(item, 'owner/login')).toBe('octo');
    expect(valueAt(item, 'owner.login')).toBe('octo');
    expect(valueAt(item, 'a~1b')).toBe(1);
    expect(valueAt(item, 'list/0/id')).toBe(7);
    expect(valueAt(item, '')).toBe(item);
    expect(valueAt(item, 'nope/x')).toBeUndefined();
  });

  it('lives under the site base, with or without the base Vite strips first', async () => {
    const based = createTryIt({ roots: [CONNECTORS], cwd: work, base: '/docs/' });
    const s = createServer((req, res) => based.handle(req, res, () => res.writeHead(404).end('passed on')));
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const p = (s.address() as AddressInfo).port;
    const at = (path: string) => fetch(`http://127.0.0.1:${p}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${p}` }, body: JSON.stringify({ operationId: 'Nope' }) });
    const error = async (path: string) => ((await (await at(path)).json()) as { error: string }).error;
    expect(await error('/docs/_plugboard/try/open-meteo/call')).toBe('No operation `Nope` in open-meteo');
    expect(await error('/_plugboard/try/open-meteo/call')).toBe('No operation `Nope` in open-meteo');
    expect(await (await at('/docs/connectors/')).text()).toBe('passed on');
    await based.close();
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  });

  it('after close, the mock target is refused', async () => {
    const closing = createTryIt({ roots: [CONNECTORS], cwd: work });
    await closing.close();
    const s = createServer((req, res) => closing.handle(req, res, () => res.end()));
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const p = (s.address() as AddressInfo).port;
    const reply = await fetch(`http://127.0.0.1:${p}/_plugboard/try/open-meteo/call`, { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${p}` }, body: JSON.stringify({ operationId: 'GetElevation' }) });
    expect(reply.status).toBe(503);
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  });
});
