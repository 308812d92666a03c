/**
 * `plugboard test --record` and `--replay` (src/live/recording.ts): a local server on 127.0.0.1
 * that echoes the credential back, in headers and bodies; the recording holds none of it, is
 * byte-identical when recorded again, replays offline with a clean report, and a request that
 * changed since is `live-recording-mismatch` naming the closest recorded request.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../src/cli/commands/test.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { parseRecording, recordRequest, replayer, RECORDINGS_FILE, serializeRecording } from '../../src/live/recording.ts';
import { capture, json, startServer, type TestServer } from './helpers.ts';

const CONNECTORS = join(import.meta.dirname, '../../connectors');
const SECRET = 'live_S3cr3tKeyForRecordings_0123';
const ENV = 'PLUGBOARD_THE_CAT_API_API_KEY';
const BREED = { id: 'beng', name: 'Bengal', origin: 'United States', weight: { imperial: '6 - 12', metric: '3 - 7' }, adaptability: 5, reference_image_id: 'O3btzLlsO' };

let server: TestServer;
let root: string;
let calls = 0;

beforeAll(async () => {
  server = await startServer((req, res) => {
    calls++;
    const path = (req.url ?? '').split('?')[0];
    // Volatile and secret headers, and the key echoed in a body field named like a token and in a plain one.
    const noise = { date: new Date().toUTCString(), 'x-request-id': String(Math.random()), 'set-cookie': `session=${SECRET}`, etag: `"${calls}"` };
    if (path === '/v1/breeds') return json(res, 200, [{ ...BREED, description: `echo ${String(req.headers['x-api-key'])}` }], noise);
    if (path === '/v1/breeds/beng') return json(res, 200, { ...BREED, access_token: 'tok_abcdefghij0123456789' }, noise);
    if (path === '/v1/categories') return json(res, 200, [{ id: 1, name: 'hats' }], noise);
    return json(res, 404, { message: 'not found' }, noise);
  });
  root = mkdtempSync(join(tmpdir(), 'plugboard-recording-'));
  cpSync(join(CONNECTORS, 'the-cat-api'), join(root, 'the-cat-api'), { recursive: true });
  rmSync(join(root, 'the-cat-api', RECORDINGS_FILE), { force: true });
  process.env[ENV] = SECRET;
});

afterAll(async () => {
  delete process.env[ENV];
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const ops = ['--operation', 'ListBreeds', '--operation', 'GetBreed', '--operation', 'ListCategories'];
const file = () => join(root, 'the-cat-api', RECORDINGS_FILE);
const record = () => capture(() => runTest(['the-cat-api', '--connectors', root, '--base-url', `${server.url}/v1`, '--timeout', '2', '--record', ...ops]));
const replay = (...more: string[]) => capture(() => runTest(['the-cat-api', '--connectors', root, '--replay', ...ops, ...more]));

describe('--record', () => {
  it('writes a redacted, normalised recording, the same bytes when recorded again', async () => {
    const first = await record();
    expect(first.result).toBe(0);
    expect(first.stdout).toContain('Recorded 3 exchanges in');
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encodeURIComponent(SECRET));
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(text).not.toContain('tok_abcdefghij');
    expect(text).not.toContain(server.url);
    expect(text).not.toMatch(/x-api-key|set-cookie|x-request-id|etag|^\s+date:/im);
    expect(text).toContain('url: "{baseUrl}/breeds"');
    expect(text).toContain('description: echo ***');
    expect(text).toContain('access_token: "***"');
    // Ordered as the runner called them (named operations: in the order given).
    expect(parseRecording(text).exchanges.map((e) => e.operationId)).toEqual(['ListBreeds', 'GetBreed', 'ListCategories']);
    await record();
    expect(readFileSync(file(), 'utf8')).toBe(text);
  });

  it('keeps the recording out of the package, the site and the findings', () => {
    const source = loadConnector(join(root, 'the-cat-api'), 'the-cat-api');
    expect([...source.assets.keys()]).not.toContain(RECORDINGS_FILE);
    expect(source.findings.filter((f) => f.file.includes(RECORDINGS_FILE))).toEqual([]);
  });
});

describe('--replay', () => {
  it('calls nothing, needs no credentials and checks the recorded responses', async () => {
    delete process.env[ENV];
    const before = calls;
    try {
      const { result, stdout } = await replay();
      expect(stdout).toContain('GET https://recording.invalid/breeds → 200');
      expect(stdout).toContain('Tested 3 operations of the-cat-api: no failures');
      expect(stdout).not.toContain('No credentials');
      expect(result).toBe(0);
      expect(calls).toBe(before);
    } finally {
      process.env[ENV] = SECRET;
    }
  });

  it('reports a request with no recording, naming the closest one and what differs', async () => {
    const { result, stdout } = await replay('--set', 'GetBreed.breed_id=abys');
    expect(result).toBe(1);
    expect(stdout).toContain('live-recording-mismatch');
    expect(stdout).toContain('no recording of `GET {baseUrl}/breeds/abys`; the closest recorded, `GET {baseUrl}/breeds/beng`, differs in the path');
  });

  it('says how to make the recording when there is none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plugboard-recording-none-'));
    try {
      cpSync(join(root, 'the-cat-api'), join(empty, 'the-cat-api'), { recursive: true });
      rmSync(join(empty, 'the-cat-api', RECORDINGS_FILE));
      const { result, stderr } = await capture(() => runTest(['the-cat-api', '--connectors', empty, '--replay']));
      expect(result).toBe(2);
      expect(stderr).toContain('--record');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses --record with --replay', async () => {
    await expect(runTest(['the-cat-api', '--connectors', root, '--record', '--replay'])).rejects.toThrow(/not both/);
  });
});

describe('recordRequest', () => {
  const options = { secrets: [SECRET], sensitiveQuery: new Set(['key']), baseUrl: 'https://api.contoso.com/v1' };

  it('masks credentials in headers, query and body, drops what is not reviewed, sorts the query', () => {
    const request = {
      method: 'post',
      url: `https://api.contoso.com/v1/items?z=1&key=${SECRET}&api_key=other-secret-value&a=${encodeURIComponent(SECRET)}`,
      headers: { Authorization: `Bearer ${SECRET}`, Cookie: 'sid=abc', 'X-Api-Key': SECRET, Accept: 'application/json', 'Content-Type': 'application/json', 'User-Agent': 'plugboard' },
      body: { contentType: 'application/json', text: JSON.stringify({ password: 'hunter2hunter2', name: `x${SECRET}`, nested: { refresh_token: 'r-0123456789', b: 1, a: 2 } }) },
    };
    const out = recordRequest(request, options);
    expect(out).toEqual({
      method: 'POST',
      url: '{baseUrl}/items?a=***&api_key=***&z=1',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      json: { name: 'x***', nested: { a: 2, b: 1, refresh_token: '***' }, password: '***' },
    });
    const text = serializeRecording({ connector: 'contoso', exchanges: [{ operationId: 'CreateItem', request: out }] });
    expect(text).not.toMatch(new RegExp(`${SECRET}|other-secret-value|hunter2|r-0123456789|sid=abc`));
  });

  it('replays in recorded order, then the last match again; an unknown operation names the nearest request', async () => {
    const recording = {
      connector: 'contoso',
      exchanges: [
        { operationId: 'ListItems', request: { method: 'GET', url: '{baseUrl}/items' }, response: { status: 200, headers: { 'content-type': 'application/json' }, json: { next: '{baseUrl}/items?page=2' } } },
        { operationId: 'ListItems', request: { method: 'GET', url: '{baseUrl}/items' }, response: { status: 500, text: 'down' } },
      ],
    };
    const send = replayer(recording);
    const req = { method: 'GET', url: 'https://api.contoso.com/v1/items', headers: {} };
    const opts = { ...options, operationId: 'ListItems' };
    expect((await send(req, opts)).body).toBe('{"next":"https://api.contoso.com/v1/items?page=2"}');
    expect((await send(req, opts)).status).toBe(500);
    expect((await send(req, opts)).body).toBe('down');
    await expect(send({ ...req, url: 'https://api.contoso.com/v1/items?limit=5' }, opts)).rejects.toThrow('differs in the query (`limit`)');
  });
});

describe('writing', () => {
  it('round-trips through YAML', () => {
    const recording = { connector: 'x', exchanges: [{ operationId: 'A', request: { method: 'GET', url: '{baseUrl}/a' }, response: { status: 200, text: 'yes: no\n' } }] };
    const text = serializeRecording(recording);
    expect(parseRecording(text)).toEqual(recording);
  });
});
