/**
 * `plugboard test --record` and `--replay` (src/live/recording.ts): a local server on 127.0.0.1
 * that echoes the credential back, in headers and bodies; the recording holds none of it, is
 * byte-identical when recorded again, replays offline with a clean report, and a request that
 * changed since is `live-recording-mismatch` naming the closest recorded request.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../src/cli/commands/test.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { mergeRecording, parseRecording, recordedLine, recorder, RECORDING_LIMITS, recordRequest, replayer, RECORDINGS_FILE, serializeRecording, type RecordedExchange } from '../../src/live/recording.ts';
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

  it('with --operation, records that operation anew and keeps the others', async () => {
    await record();
    const before = parseRecording(readFileSync(file(), 'utf8')).exchanges;
    const one = await capture(() => runTest(['the-cat-api', '--connectors', root, '--base-url', `${server.url}/v1`, '--timeout', '2', '--record', '--operation', 'ListCategories']));
    expect(one.stdout).toContain('Recorded 1 exchange in');
    const after = parseRecording(readFileSync(file(), 'utf8')).exchanges;
    expect(after.map((e) => e.operationId).sort()).toEqual(before.map((e) => e.operationId).sort());
    expect((await replay()).stdout).toContain('Tested 3 operations of the-cat-api: no failures');
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

  it('skips an operation the file had no room for, naming it, and passes', async () => {
    const text = readFileSync(file(), 'utf8');
    const recording = parseRecording(text);
    try {
      writeFileSync(file(), serializeRecording({ ...recording, leftOut: ['ListCategories'], exchanges: recording.exchanges.filter((e) => e.operationId !== 'ListCategories') }));
      const { result, stdout } = await replay();
      expect(stdout).toContain('ListCategories: skipped, `GET {baseUrl}/categories` is not in the recording: the file was full');
      expect(stdout).toContain('live-operation-skipped');
      expect(stdout).toContain('Tested 2 operations of the-cat-api (1 skipped): no failures');
      expect(result).toBe(0);
    } finally {
      writeFileSync(file(), text);
    }
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

describe('a full recording', () => {
  const options = { baseUrl: 'https://api.contoso.com/v1' };
  const exchange = (operationId: string, chars: number): RecordedExchange => ({ operationId, request: { method: 'GET', url: `{baseUrl}/${operationId}` }, response: { status: 200, text: 'x'.repeat(chars) } });

  it('keeps what fits in the file and names the operations it left out, past ones included', () => {
    // Three bodies of 1.5 MB: two fit in 3.5 MB, the third does not; a small one after it still does.
    const big = RECORDING_LIMITS.bytes * 0.43;
    const next = { connector: 'c', leftOut: ['OverTheCount'], exchanges: [exchange('A', big), exchange('B', big), exchange('C', big), exchange('D', 10)] };
    const stats = { kept: 0 };
    const merged = mergeRecording({ connector: 'c', leftOut: ['Old', 'D'], exchanges: [] }, next, () => true, stats);
    expect(merged.exchanges.map((e) => e.operationId)).toEqual(['A', 'B', 'D']);
    // C did not fit, OverTheCount passed the recorder's cap, Old stays unrecorded; D was recorded now.
    expect(merged.leftOut).toEqual(['C', 'Old', 'OverTheCount']);
    expect(stats.kept).toBe(3);
    expect(recordedLine(merged, stats.kept, 5, 'connectors/c/recordings.yaml')).toBe(
      'Recorded 3 of 5 exchanges in connectors/c/recordings.yaml: the file holds 3.5 MB or 2,000 exchanges, so `C`, `Old`, `OverTheCount` are left out (named in its `leftOut`; a replay skips them); record fewer operations (--operation) or pages (--pages) to keep them',
    );
    // A simulation's exchanges are counted too, though the file puts `run` first in each.
    const simulated = { operationId: 'T', request: { method: 'GET', url: '{baseUrl}/t' }, run: 'simulate' as const };
    const withSimulation = mergeRecording(merged, { connector: 'c', exchanges: [simulated] }, (e) => e.run === 'simulate', stats);
    expect(stats.kept).toBe(1);
    expect(Object.keys(withSimulation.exchanges.at(-1)!)).toEqual(['operationId', 'run', 'request']);
    expect(recordedLine({ ...withSimulation, leftOut: [] }, stats.kept, 1, 'r.yaml', 'T')).toBe('Recorded 1 exchange of T in r.yaml');
    const text = serializeRecording(merged);
    expect(Buffer.byteLength(text)).toBeLessThan(RECORDING_LIMITS.bytes + 1_000);
    expect(text.indexOf('leftOut:')).toBeLessThan(text.indexOf('exchanges:'));
    expect(parseRecording(text)).toEqual(merged);
  });

  it('the recorder notes each operation past its count', async () => {
    const sink: RecordedExchange[] = [];
    const leftOut: string[] = [];
    const send = recorder(async (req) => ({ status: 200, headers: {}, body: '', url: req.url, ms: 0, retries: 0, redirects: 0 }), sink, leftOut);
    for (let i = 0; i < RECORDING_LIMITS.exchanges + 2; i++) await send({ method: 'GET', url: 'https://api.contoso.com/a', headers: {} }, { ...options, operationId: `Op${i}` });
    expect(sink).toHaveLength(RECORDING_LIMITS.exchanges);
    expect(leftOut).toEqual([`Op${RECORDING_LIMITS.exchanges}`, `Op${RECORDING_LIMITS.exchanges + 1}`]);
  });

  it('a replay skips a left-out operation, saying why, and still fails an unrecorded one', async () => {
    const send = replayer({ connector: 'c', leftOut: ['C'], exchanges: [exchange('A', 2)] });
    const req = { method: 'GET', url: 'https://api.contoso.com/v1/C', headers: {} };
    await expect(send(req, { ...options, operationId: 'C' })).rejects.toMatchObject({ kind: 'not-recorded', message: expect.stringMatching(/is not in the recording: the file was full when `C` ran \(3\.5 MB or 2,000 exchanges\)/) });
    await expect(send({ ...req, url: 'https://api.contoso.com/v1/E' }, { ...options, operationId: 'E' })).rejects.toMatchObject({ kind: 'recording-mismatch' });
  });
});

describe('writing', () => {
  it('round-trips through YAML', () => {
    const recording = { connector: 'x', exchanges: [{ operationId: 'A', request: { method: 'GET', url: '{baseUrl}/a' }, response: { status: 200, text: 'yes: no\n' } }] };
    const text = serializeRecording(recording);
    expect(parseRecording(text)).toEqual(recording);
  });
});
