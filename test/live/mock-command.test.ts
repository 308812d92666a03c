/**
 * The `mock` command, called directly (the CLI wires it later): usage errors, the start line, one
 * line per request, and, in a child process, a clean exit 0 on SIGTERM and SIGINT.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mockHelp, startMockCommand } from '../../src/cli/commands/mock.ts';
import type { MockServer } from '../../src/live/mock.ts';
import { ROOT } from './mock-connectors.ts';

const CONNECTORS = join(ROOT, 'connectors');
const started: MockServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } } };
}

describe('startMockCommand', () => {
  it('prints the help', async () => {
    const { out, io: streams } = io();
    expect(await startMockCommand(['--help'], streams)).toBe(0);
    expect(out.join('')).toBe(mockHelp);
  });

  it('refuses bad usage with exit 2 errors', async () => {
    await expect(startMockCommand([], io().io)).rejects.toThrow(/give one connector id/);
    await expect(startMockCommand(['the-cat-ap', '--connectors', CONNECTORS], io().io)).rejects.toThrow(/no connector `the-cat-ap`.*Did you mean `the-cat-api`\?/);
    await expect(startMockCommand(['../etc', '--connectors', CONNECTORS], io().io)).rejects.toThrow(/is not a folder name/);
    await expect(startMockCommand(['the-cat-api', '--port', '70000', '--connectors', CONNECTORS], io().io)).rejects.toThrow(/--port expects a whole number from 0 to 65535, not `70000`/);
    await expect(startMockCommand(['the-cat-api', '--prot', '1'], io().io)).rejects.toThrow(/Did you mean `--port`/);
  });

  it('serves a bundled connector on 127.0.0.1 and logs each request', async () => {
    const { out, io: streams } = io();
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
    const first = await startMockCommand(['the-cat-api', '--connectors', CONNECTORS], io().io);
    if (typeof first === 'number') throw new Error(`exited ${first}`);
    started.push(first);
    const { err, io: streams } = io();
    expect(await startMockCommand(['the-cat-api', '--port', String(first.port), '--connectors', CONNECTORS], streams)).toBe(2);
    expect(err.join('')).toMatch(/port \d+ on 127\.0\.0\.1 is in use/);
  });
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
