/**
 * `plugboard test` against a well-behaved local server for the bundled the-cat-api connector: the
 * requests as the platform builds them (the API key header from the environment), a clean report,
 * then a server whose breed drifted — each finding on the MDX line that declares the field — and
 * ids taken from an earlier list, inputs from --set, operations skipped for want of inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../src/cli/commands/test.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { CONNECTOR, WEBHOOK_TRIGGER } from '../../src/check/examples.ts';
import { credentialNames, parseDotenv, Redactor } from '../../src/live/credentials.ts';
import { retryAfterMs } from '../../src/live/http.ts';
import { bodyValue, CALLBACK_URL, inputsFor, missingInBody } from '../../src/live/inputs.ts';
import { analyze, type Swagger } from '../../src/swagger/index.ts';
import { runLive } from '../../src/live/runner.ts';
import { capture, json, startServer, type TestServer } from './helpers.ts';

const CONNECTORS = join(import.meta.dirname, '../../connectors');
const SECRET = 'live_S3cr3tKeyForTests_0123';
const ENV = 'PLUGBOARD_THE_CAT_API_API_KEY';

const BREED = { id: 'beng', name: 'Bengal', origin: 'United States', weight: { imperial: '6 - 12', metric: '3 - 7' }, adaptability: 5, reference_image_id: 'O3btzLlsO' };
let drift = false;
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/v1/breeds') return json(res, 200, [BREED]);
    if (path === '/v1/breeds/beng') return json(res, 200, drift ? { ...BREED, adaptability: 'high', colour: 'spotted' } : BREED);
    if (path === '/v1/categories') return json(res, 200, [{ id: 1, name: 'hats' }]);
    return json(res, 404, { message: 'not found' });
  });
  process.env[ENV] = SECRET;
});

afterAll(async () => {
  delete process.env[ENV];
  await server.close();
});

const args = (...more: string[]) => ['the-cat-api', '--connectors', CONNECTORS, '--base-url', `${server.url}/v1`, '--timeout', '2', ...more];

describe('plugboard test on a well-behaved server', () => {
  it('calls the operations as the platform builds them and reports nothing', async () => {
    drift = false;
    server.received.length = 0;
    const { result, stdout } = await capture(() => runTest(args('--operation', 'ListBreeds', '--operation', 'GetBreed')));
    expect(stdout).toMatch(new RegExp(`GET ${server.url}/v1/breeds → 200 \\(\\d+ ms\\)`));
    expect(stdout).toMatch(new RegExp(`GET ${server.url}/v1/breeds/beng → 200`));
    expect(stdout).toContain('Tested 2 operations of the-cat-api: no failures');
    expect(result).toBe(0);
    // The key went where the connector says (the x-api-key header), and nowhere into the output.
    expect(server.received.map((r) => r.headers['x-api-key'])).toEqual([SECRET, SECRET]);
    expect(stdout).not.toContain(SECRET);
  });

  it('places the drift of a response on the MDX lines that declare the fields', async () => {
    drift = true;
    const { result, stdout } = await capture(() => runTest(args('--operation', 'GetBreed')));
    drift = false;
    const text = readFileSync(join(CONNECTORS, 'the-cat-api/definitions/Breed.mdx'), 'utf8').split('\n');
    const line = (prefix: string) => text.findIndex((l) => l.startsWith(prefix)) + 1;
    expect(result).toBe(1);
    expect(stdout).toContain('`/adaptability` is a string, declared as `integer`');
    expect(stdout).toMatch(new RegExp(`definitions/Breed\\.mdx:${line('  adaptability:')}:\\d+.*live-body-invalid`));
    expect(stdout).toMatch(new RegExp(`definitions/Breed\\.mdx:${line('properties:')}:1.*\`/colour\` \\(string\\) is returned but not declared.*live-schema-drift`));
    expect(stdout).not.toContain(SECRET);
  });

  it('gives a JSON report and a JUnit report on stdout, the operation lines on stderr', async () => {
    drift = true;
    const jsonRun = await capture(() => runTest(args('--operation', 'GetBreed', '--format', 'json')));
    const junit = await capture(() => runTest(args('--operation', 'GetBreed', '--format', 'junit')));
    drift = false;
    const report = JSON.parse(jsonRun.stdout) as unknown;
    expect(JSON.stringify(report)).toContain('live-schema-drift');
    expect(jsonRun.stderr).toContain('/v1/breeds/beng → 200');
    expect(junit.stdout).toContain('<testsuite');
    expect(junit.stdout).toContain('live-body-invalid');
    expect(jsonRun.stdout + jsonRun.stderr + junit.stdout + junit.stderr).not.toContain(SECRET);
  });

  it('exits 2 on bad usage', async () => {
    expect((await capture(() => runTest(args('--set', 'novalue')).catch((e: Error) => e.name))).result).toBe('UsageError');
    expect((await capture(() => runTest(args('--operation', 'GetBred')).catch((e: Error) => e.message))).result).toMatch(/no operation `GetBred`.*GetBreed/);
    expect((await capture(() => runTest(args('--pages', '51')).catch((e: Error) => e.message))).result).toMatch(/--pages expects a whole number from 1 to 50, not `51`/);
    expect((await capture(() => runTest(args('--pages', '2.5')).catch((e: Error) => e.message))).result).toMatch(/--pages expects a whole number/);
    expect((await capture(() => runTest(args('--timeout', 'abc')).catch((e: Error) => e.message))).result).toMatch(/--timeout expects a number from 0.001 to 600, not `abc`/);
  });
});

const mdx = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;
const ITEMS_FOLDER = {
  'connector.mdx': mdx(['title: Contoso', "version: '1.0'", 'host: api.contoso.com', 'produces: [application/json]']),
  'actions/ListItems.mdx': mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK', '    schema:', '      type: object', '      properties:', '        value: { type: array, items: { type: object, properties: { id: { type: string } } } }']),
  'actions/GetItem.mdx': mdx(['request: GET /items/{item_id}', 'summary: Get an item', 'parameters:', '  item_id: { type: string, summary: Item }', 'responses:', "  '200':", '    description: OK', '    schema: { type: object, properties: { id: { type: string } } }']),
  'actions/GetPart.mdx': mdx(['request: GET /parts/{part}', 'summary: Get a part', 'parameters:', '  part: { type: string, summary: Part }', '  kind: { type: string, summary: Kind, required: true, enum: [small, big] }', 'responses:', "  '200':", '    description: OK']),
};

describe('inputs', () => {
  it('takes an id from an earlier list, a value from --set, and skips what has no value', async () => {
    const items = await startServer((req, res) => {
      if (req.url === '/items') return json(res, 200, { value: [{ id: 'a 1' }, { id: 'b' }] });
      if (req.url === '/items/a%201') return json(res, 200, { id: 'a 1' });
      if (req.url?.startsWith('/parts/p7?')) return json(res, 200, {});
      return json(res, 404, {});
    });
    try {
      const load = () => connectorFromFiles('contoso', ITEMS_FOLDER);
      const run = await runLive(load, { connectorId: 'contoso', baseUrl: items.url, env: {} });
      expect(run.operations.map((o) => [o.operationId, o.status ?? o.skipped])).toEqual([
        ['ListItems', 200],
        ['GetItem', 200],
        ['GetPart', 'no value for the required `part` (give it a `testValue`, or `--set part=…`)'],
      ]);
      expect(run.operations[1]!.chained).toEqual(['item_id from ListItems']);
      expect(run.diagnostics.map(String)).toEqual(['actions/GetPart.mdx:2:1-2:27: Skipped `GetPart`: no value for the required `part` (give it a `testValue`, or `--set part=…`) (live-operation-skipped)']);
      const set = await runLive(load, { connectorId: 'contoso', baseUrl: items.url, env: {}, operations: ['GetPart'], sets: new Map([['GetPart.part', 'p7']]) });
      expect(set.operations[0]!.request?.url).toBe(`${items.url}/parts/p7?kind=small`);
      expect(set.diagnostics).toEqual([]);
    } finally {
      await items.close();
    }
  });

  it('takes an empty default of a path parameter for no value, and gets it from the list before', () => {
    const swagger: Swagger = {
      swagger: '2.0',
      info: { title: 'S3', version: '1' },
      paths: {
        '/buckets': { get: { operationId: 'ListBuckets', responses: { '200': { description: 'ok' } } } },
        '/buckets/{bucket}': { get: { operationId: 'GetBucket', parameters: [{ name: 'bucket', in: 'path', required: true, type: 'string', default: '' }], responses: { '200': { description: 'ok' } } } },
      },
    };
    const entry = analyze(swagger).operationsById.get('GetBucket')!;
    expect(inputsFor(swagger, entry, new Map(), () => undefined)).toEqual({ values: {}, missing: ['bucket'], chained: [] });
    expect(inputsFor(swagger, entry, new Map(), () => ({ body: [{ bucket: 'b1' }], operationId: 'ListBuckets' }))).toEqual({ values: { bucket: 'b1' }, missing: [], chained: ['bucket from ListBuckets'] });
    // Said outright, it is sent as said.
    expect(inputsFor(swagger, entry, new Map([['bucket', '']]), () => undefined).values).toEqual({ bucket: '' });
  });

  it('builds a body from test values: an array of one item where its items have one, and names the required fields that have none', () => {
    const swagger: Swagger = { swagger: '2.0', info: { title: 'B', version: '1' }, paths: {} };
    const schema = { type: 'object', required: ['events', 'scope', 'owner'], properties: { events: { type: 'array', items: { type: 'string', default: 'invitee.created' } }, scope: { type: 'string', default: 'organization' }, owner: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } };
    expect(bodyValue(swagger, schema)).toBeUndefined();
    expect(missingInBody(swagger, schema, 'body')).toEqual(['body.owner.id']);
    const complete = { ...schema, properties: { ...schema.properties, owner: { type: 'object', properties: { id: { type: 'string', 'x-ms-test-value': 'u1' } } } } };
    expect(bodyValue(swagger, complete)).toEqual({ events: ['invitee.created'], scope: 'organization', owner: { id: 'u1' } });
    expect(missingInBody(swagger, complete, 'body')).toEqual([]);
  });

  it('reads .env lines and names credentials after the connection parameters', () => {
    expect(parseDotenv('# keys\nexport A_KEY="x y"\nB=\'z\'\nC=plain # note\nnot a line\n')).toEqual({ A_KEY: 'x y', B: 'z', C: 'plain' });
    expect(credentialNames('the-cat-api', 'api_key')).toEqual({ env: ['PLUGBOARD_THE_CAT_API_API_KEY'], dotenv: ['PLUGBOARD_THE_CAT_API_API_KEY', 'API_KEY'] });
  });
});

describe('webhook registration', () => {
  it('sends a callback that goes nowhere and checks the Location of the subscription', async () => {
    const bodies: string[] = [];
    let location: string | undefined;
    const hooks = await startServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += String(c)));
      req.on('end', () => {
        if (req.method === 'POST') bodies.push(text);
        res.writeHead(201, location ? { location } : {}).end();
      });
    });
    try {
      const load = () => connectorFromFiles('contoso', { 'connector.mdx': CONNECTOR, 'triggers/WhenItemCreated.mdx': WEBHOOK_TRIGGER });
      const run = await runLive(load, { connectorId: 'contoso', baseUrl: hooks.url, env: {}, operations: ['WhenItemCreated'] });
      expect(bodies[0]).toBe(JSON.stringify({ callbackUrl: CALLBACK_URL }));
      expect(run.diagnostics.map((d) => d.ruleId)).toEqual(['live-webhook-location']);
      // With a Location, the subscription is deleted there once checked.
      location = '/hooks/42';
      const again = await runLive(load, { connectorId: 'contoso', baseUrl: hooks.url, env: {}, operations: ['WhenItemCreated'] });
      expect(again.diagnostics).toEqual([]);
      expect(again.operations[0]!.unsubscribed).toBe('201');
      expect(hooks.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /hooks', 'POST /hooks', 'DELETE /hooks/42']);
    } finally {
      await hooks.close();
    }
  });
});

describe('redaction and retry waits', () => {
  it('masks credential headers, API-key query parameters and every secret value', () => {
    const swagger: Swagger = { securityDefinitions: { key: { type: 'apiKey', in: 'query', name: 'api_key' } } };
    const redactor = new Redactor(swagger, ['s3cret-value']);
    const shown = redactor.request({ method: 'GET', url: 'https://x.test/a?api_key=abc&q=s3cret-value', headers: { Authorization: 'Basic abc', 'X-Other': 'has s3cret-value in it' } });
    expect(shown).toEqual({ method: 'GET', url: 'https://x.test/a?api_key=***&q=***', headers: { Authorization: '***', 'X-Other': 'has *** in it' } });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
