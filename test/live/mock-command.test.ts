/**
 * The `mock` command, called directly (the CLI wires it later): usage errors, the start line, one
 * line per request, and, in a child process, a clean exit 0 on SIGTERM and SIGINT.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mockHelp, startMockCommand } from '../../src/cli/commands/mock.ts';
import { startMock, type MockServer } from '../../src/live/mock.ts';
import { corpus, corpusFolders, corpusPresent, ROOT } from './mock-connectors.ts';
import { captureIo } from './helpers.ts';

const CONNECTORS = join(ROOT, 'connectors');
const started: MockServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

describe('startMockCommand', () => {
  it('prints the help', async () => {
    const { out, io: streams } = captureIo();
    expect(await startMockCommand(['--help'], streams)).toBe(0);
    expect(out.join('')).toBe(mockHelp);
  });

  it('refuses bad usage with exit 2 errors', async () => {
    await expect(startMockCommand([], captureIo().io)).rejects.toThrow(/give one connector id/);
    await expect(startMockCommand(['the-cat-ap', '--connectors', CONNECTORS], captureIo().io)).rejects.toThrow(/no connector `the-cat-ap`.*Did you mean `the-cat-api`\?/);
    await expect(startMockCommand(['..etc', '--connectors', CONNECTORS], captureIo().io)).rejects.toThrow(/is not a folder name/);
    await expect(startMockCommand(['../no-such-folder', '--connectors', CONNECTORS], captureIo().io)).rejects.toThrow(/`\.\.\/no-such-folder` does not exist; give a Power Platform folder \(holding apiDefinition\.swagger\.json\) or a connector id/);
    await expect(startMockCommand([CONNECTORS], captureIo().io)).rejects.toThrow(/holds no apiDefinition\.swagger\.json/);
    await expect(startMockCommand(['the-cat-api', '--port', '70000', '--connectors', CONNECTORS], captureIo().io)).rejects.toThrow(/--port expects a whole number from 0 to 65535, not `70000`/);
    await expect(startMockCommand(['the-cat-api', '--prot', '1'], captureIo().io)).rejects.toThrow(/Did you mean `--port`/);
  });

  it('serves a bundled connector on 127.0.0.1 and logs each request', async () => {
    const { out, io: streams } = captureIo();
    const server = await startMockCommand(['open-meteo', '--port', '0', '--connectors', CONNECTORS], streams);
    if (typeof server === 'number') throw new Error(`exited ${server}`);
    started.push(server);
    expect(out[0]).toMatch(/^Mock of open-meteo listening on http:\/\/127\.0\.0\.1:\d+ \(\d+ operations?\)\n$/);
    expect(out[0]).toContain(server.url);
    const response = await fetch(`${server.url}/nothing`);
    expect(response.status).toBe(404);
    expect(out).toContain('GET /nothing 404\n');
  });

  it('says when the port is taken', async () => {
    const first = await startMockCommand(['the-cat-api', '--connectors', CONNECTORS], captureIo().io);
    if (typeof first === 'number') throw new Error(`exited ${first}`);
    started.push(first);
    const { err, io: streams } = captureIo();
    expect(await startMockCommand(['the-cat-api', '--port', String(first.port), '--connectors', CONNECTORS], streams)).toBe(2);
    expect(err.join('')).toMatch(/port \d+ on 127\.0\.0\.1 is in use/);
  });
});

describe('a Power Platform folder', () => {
  const work = mkdtempSync(join(tmpdir(), 'plugboard-mock-pp-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const folder = (name: string, swagger: string, properties?: string) => {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'apiDefinition.swagger.json'), swagger);
    if (properties !== undefined) writeFileSync(join(dir, 'apiProperties.json'), properties);
    return dir;
  };
  const swagger = {
    swagger: '2.0',
    info: { title: 'Tasks', version: '1.0' },
    host: 'api.contoso.com',
    basePath: '/v1',
    paths: { '/tasks/{id}': { get: { operationId: 'GetTask', parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], responses: { 200: { description: 'OK', schema: { type: 'object', properties: { id: { type: 'string' }, done: { type: 'boolean' } } } } } } } },
  };

  it('is served as it is, its operations under its basePath', async () => {
    const dir = folder('tasks', JSON.stringify(swagger, null, 2), JSON.stringify({ properties: { connectionParameters: {} } }));
    const { out, err, io: streams } = captureIo();
    const server = await startMockCommand([dir], streams);
    if (typeof server === 'number') throw new Error(`exited ${server}: ${err.join('')}`);
    started.push(server);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^Mock of .*tasks listening on http:\/\/127\.0\.0\.1:\d+ \(1 operation\)\n$/);
    // The address test and simulate take: the basePath included.
    expect(out[1]).toBe(`Base URL: ${server.url}/v1 (for test and simulate --base-url)\n`);
    expect(server.baseUrl).toBe(`${server.url}/v1`);
    const task = await fetch(`${server.baseUrl}/tasks/t1`);
    expect(task.status).toBe(200);
    expect(await task.json()).toMatchObject({ id: expect.any(String), done: expect.any(Boolean) });
    await expect(startMockCommand([dir, '--connectors', CONNECTORS], captureIo().io)).rejects.toThrow(/--connectors applies to MDX connectors, not to a Power Platform folder/);
  });

  it('with a trailing comma in its JSON: recovered, counted, served', async () => {
    const dir = folder('lenient', `${JSON.stringify(swagger).slice(0, -1)},}`);
    const { err, io: streams } = captureIo();
    const server = await startMockCommand([dir], streams);
    if (typeof server === 'number') throw new Error(`exited ${server}: ${err.join('')}`);
    started.push(server);
    expect(err.join('')).toMatch(/lenient: 0 errors, 1 warning reading it \(run `plugboard check .*lenient` to see them\); serving what was read/);
    expect((await fetch(`${server.url}/v1/tasks/t1`)).status).toBe(200);
  });

  it('with no Swagger object to serve: the reason at its position, exit 1', async () => {
    const dir = folder('broken', '{ "swagger": "2.0", "paths": { ');
    const { err, io: streams } = captureIo();
    expect(await startMockCommand([dir], streams)).toBe(1);
    expect(err.join('')).toMatch(/broken\/apiDefinition\.swagger\.json:1:\d+  error  .*\nplugboard mock: nothing to serve from .*broken\n$/);
    const array = folder('array', '[]');
    expect(await startMockCommand([array], captureIo().io)).toBe(1);
  });

  it.skipIf(!corpusPresent)('serves every corpus folder with the operations its Swagger has, as the platform reads it', async () => {
    const folders = corpusFolders();
    const documents = corpus();
    expect(folders.length).toBe(documents.length);
    for (const [i, dir] of folders.entries()) {
      const { err, io: streams } = captureIo();
      const server = await startMockCommand([dir], streams);
      if (typeof server === 'number') throw new Error(`${dir} exited ${server}: ${err.join('')}`);
      const direct = await startMock(documents[i]!);
      try {
        expect(server.operations, dir).toBe(direct.operations);
        const listed = (await (await fetch(`${server.url}/_plugboard`)).json()) as { operations: unknown[] };
        expect(listed.operations.length, dir).toBe(server.operations);
      } finally {
        await Promise.all([server.close(), direct.close()]);
      }
    }
  }, 60_000);
});

describe('runMock', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops on ${signal} with exit 0`, async () => {
      const script = `import('./src/cli/commands/mock.ts').then((m) => m.runMock(['the-cat-api', '--port', '0'])).then((code) => process.exit(code))`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      let text = '';
      const url = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (d) => {
          text += d;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
          if (m) done(m[1]!);
        });
        child.on('exit', () => fail(new Error(`exited before listening: ${text}`)));
      });
      expect((await fetch(`${url}/_plugboard`)).status).toBe(200);
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      clearTimeout(killer);
      expect(text).toContain('GET /_plugboard 200');
    }, 40_000);
  }
});
