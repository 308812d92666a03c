/**
 * `plugboard test <Power Platform folder>`: a folder of the platform's own shape (apiDefinition.swagger.json,
 * apiProperties.json) tested as it is against a local server — the API key where apiProperties puts
 * it, a drifted response placed on the JSON lines that declare each field, ids taken from a list,
 * the hint naming `x-ms-test-value` — and what it refuses: recording and schema updates, which write
 * into an MDX connector, and a path that is no such folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../src/cli/commands/test.ts';
import { capture, json, startServer, type TestServer } from './helpers.ts';

const SECRET = 'live_PowerPlatformKey_0123456789';
const ENV = 'PLUGBOARD_CONTOSO_TASKS_API_KEY';
const work = mkdtempSync(join(tmpdir(), 'plugboard-test-pp-'));
const folder = join(work, 'Contoso Tasks');
let server: TestServer;
let drift = false;

const swagger = {
  swagger: '2.0',
  info: { title: 'Contoso Tasks', version: '1.0' },
  host: 'api.contoso.com',
  basePath: '/v1',
  schemes: ['https'],
  produces: ['application/json'],
  securityDefinitions: { api_key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
  security: [{ api_key: [] }],
  paths: {
    '/tasks': { get: { operationId: 'ListTasks', summary: 'List tasks', responses: { 200: { description: 'OK', schema: { type: 'array', items: { $ref: '#/definitions/Task' } } } } } },
    '/tasks/{id}': { get: { operationId: 'GetTask', summary: 'Get a task', parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], responses: { 200: { description: 'OK', schema: { $ref: '#/definitions/Task' } } } } },
    '/tags/{tag}': { get: { operationId: 'GetTag', summary: 'Get a tag', parameters: [{ name: 'tag', in: 'path', required: true, type: 'string' }], responses: { 200: { description: 'OK' } } } },
  },
  definitions: { Task: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, done: { type: 'boolean' } } } },
};
const properties = { properties: { connectionParameters: { api_key: { type: 'securestring', uiDefinition: { displayName: 'API Key', constraints: { required: 'true' } } } } } };

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const task = { id: 't1', title: 'Write tests', done: false };
    if (path === '/v1/tasks') return json(res, 200, [task]);
    if (path === '/v1/tasks/t1') return json(res, 200, drift ? { ...task, done: 'no', owner: 'ada' } : task);
    return json(res, 404, { message: 'not found' });
  });
  mkdirSync(folder);
  writeFileSync(join(folder, 'apiDefinition.swagger.json'), JSON.stringify(swagger, null, 2));
  writeFileSync(join(folder, 'apiProperties.json'), JSON.stringify(properties, null, 2));
  process.env[ENV] = SECRET;
});

afterAll(async () => {
  delete process.env[ENV];
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const test = (...more: string[]) => capture(() => runTest([folder, '--base-url', `${server.url}/v1`, '--timeout', '2', ...more]));

describe('plugboard test on a Power Platform folder', () => {
  it('calls it as it is, with the key named after the folder, and reports nothing on a faithful API', async () => {
    drift = false;
    server.received.length = 0;
    const { result, stdout } = await test();
    expect(stdout).toContain(`GET ${server.url}/v1/tasks → 200`);
    // The id of GetTask comes from the list; GetTag has no value and says how to give one in this format.
    expect(stdout).toContain(`GET ${server.url}/v1/tasks/t1 → 200`);
    expect(stdout).toContain('GetTag: skipped, no value for the required `tag` (give it an `x-ms-test-value`, or `--set tag=…`)');
    expect(stdout).toMatch(/Tested 2 operations of .*Contoso Tasks \(1 skipped\): no failures/);
    expect(result).toBe(0);
    expect(server.received.map((r) => r.headers['x-api-key'])).toEqual([SECRET, SECRET]);
    expect(stdout).not.toContain(SECRET);
  });

  it('places the drift of a response on the lines of apiDefinition.swagger.json that declare the fields', async () => {
    drift = true;
    const { result, stdout } = await test('--operation', 'ListTasks', '--operation', 'GetTask', '--format', 'json');
    drift = false;
    expect(result).toBe(1);
    const report = JSON.parse(stdout) as Array<{ ruleId: string; message: string; file: string; pointer: string; place: { start: { line: number } } }>;
    const invalid = report.find((d) => d.ruleId === 'live-body-invalid')!;
    const undeclared = report.find((d) => d.ruleId === 'live-schema-drift')!;
    expect(invalid.message).toContain('`/done`');
    expect(undeclared.message).toContain('`/owner`');
    // `done: { type: boolean }`, and the properties of Task where the field would be added, on their lines of the pretty-printed JSON.
    const lines = JSON.stringify(swagger, null, 2).split('\n');
    expect(lines[invalid.place.start.line - 1]).toContain('"boolean"');
    expect(undeclared.pointer).toBe('/definitions/Task/properties');
    expect(lines.slice(undeclared.place.start.line - 3, undeclared.place.start.line).join('\n')).toMatch(/"Task": \{\n\s+"type": "object",\n\s+"properties": \{/);
    expect(report.every((d) => d.file.endsWith('Contoso Tasks/apiDefinition.swagger.json'))).toBe(true);
  });

  it('refuses what writes into a connector folder, and a path that is no such folder', async () => {
    await expect(runTest([folder, '--record'])).rejects.toThrow(/--record applies to MDX connectors, not to a Power Platform folder \(`plugboard import` makes one of it\)/);
    await expect(runTest([folder, '--replay', '--update-schema'])).rejects.toThrow(/--replay, --update-schema apply to MDX connectors/);
    await expect(runTest([work])).rejects.toThrow(/holds no apiDefinition\.swagger\.json; give a Power Platform folder \(holding apiDefinition\.swagger\.json\) or a connector id/);
    await expect(runTest([folder, '--operation', 'GetTsk'])).rejects.toThrow(/no operation `GetTsk` in .*Did you mean `GetTask`\?/);
  });

  it('with no Swagger object to test: the reason at its position, exit 1, nothing called', async () => {
    const broken = join(work, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'apiDefinition.swagger.json'), '{ "swagger": "2.0", "paths": ');
    server.received.length = 0;
    const { result, stderr } = await capture(() => runTest([broken, '--base-url', server.url]));
    expect(result).toBe(1);
    expect(stderr).toMatch(/broken\/apiDefinition\.swagger\.json:1:\d+  error  .*\nplugboard test: nothing to test in .*broken\n$/);
    expect(server.received).toEqual([]);
  });
});
