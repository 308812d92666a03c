/**
 * `plugboard test` against a deliberately faulty local server: timeouts, resets, 5xx, 429 with
 * Retry-After, invalid JSON, a wrong content type, huge and endless bodies, a redirect to another
 * host, endless paging. Every case ends in a clear finding within bounded time, nothing hangs, the
 * credentials never reach the other host, and no secret appears in the run nor in stdout.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTest } from '../../src/cli/commands/test.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { runLive, type LiveRun } from '../../src/live/runner.ts';
import { capture, json, startServer, type TestServer } from './helpers.ts';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECRET = 'Bearer tok_F4ulty_S3cret_9876';
const ENV = { PLUGBOARD_FAULTY_API_KEY: SECRET };
const CASES = ['slow', 'reset', 'error', 'ratelimited', 'ratelimit-long', 'badjson', 'html', 'huge', 'endless', 'redirect', 'paging', 'echo'] as const;

const mdx = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;
const op = (name: string) =>
  mdx([
    `request: GET /${name}`,
    `summary: Case ${name}`,
    ...(name === 'paging' ? ['x-ms-pageable: { nextLinkName: nextLink }'] : []),
    'responses:',
    "  '200':",
    '    description: OK',
    '    schema:',
    '      type: object',
    '      properties:',
    '        value: { type: array, items: { type: object, properties: { id: { type: string } } } }',
    '        nextLink: { type: string }',
    '        headers: { type: object, additionalProperties: { type: string } }',
  ]);
const opId = (name: string) => `Case${name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`;
const FILES: Record<string, string> = {
  'connector.mdx': mdx([
    'title: Faulty',
    "version: '1.0'",
    'host: api.faulty.example',
    'produces: [application/json]',
    'auth:',
    '  type: apiKey',
    '  in: header',
    '  name: Authorization',
    '  field:',
    '    label: API key',
    '    description: The key, sent as the Authorization header.',
  ]),
  ...Object.fromEntries(CASES.map((name) => [`actions/${opId(name)}.mdx`, op(name).replace(/^---\n/, `---\noperationId: ${opId(name)}\n`)])),
};

let server: TestServer;
let other: TestServer;
let pages = 0;
let rateHits = 0;
const timers = new Set<NodeJS.Timeout>();

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"value": [');
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write('{"id": "x"},'.repeat(100));
  }, 1);
  timers.add(timer);
  res.on('close', () => clearInterval(timer));
}

beforeAll(async () => {
  other = await startServer((req, res) => json(res, 200, { value: [{ id: 'elsewhere' }] }));
  server = await startServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!.slice(1);
    switch (path) {
      case 'slow':
        return; // never answers
      case 'reset':
        return req.socket.destroy();
      case 'error':
        return json(res, 500, { error: 'internal' });
      case 'ratelimited':
        return rateHits++ === 0 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 200, { value: [] });
      case 'ratelimit-long':
        return json(res, 429, {}, { 'retry-after': '3600' });
      case 'badjson':
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"value": [');
      case 'html':
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
      case 'huge':
        return res.writeHead(200, { 'content-type': 'application/json' }).end(`{"value": [${'{"id": "x"},'.repeat(200_000)}{"id": "y"}]}`);
      case 'endless':
        return endless(res);
      case 'redirect':
        return res.writeHead(302, { location: `${other.url}/landing` }).end();
      case 'paging':
        pages++;
        return json(res, 200, { value: [{ id: String(pages) }], nextLink: `${server.url}/paging?page=${pages + 1}` });
      case 'echo':
        // An API that reflects the request's credentials in its body.
        return json(res, 200, { value: [{ id: 'echo' }], headers: { authorization: String(req.headers.authorization) } });
      default:
        return json(res, 404, {});
    }
  });
});

afterAll(async () => {
  for (const t of timers) clearInterval(t);
  await server.close();
  await other.close();
});

const load = () => connectorFromFiles('faulty', FILES);
const options = { connectorId: 'faulty', env: ENV, timeoutMs: 400, maxBytes: 256 * 1024, retryBudgetMs: 300 };

/** What a case reported about the fault; `live-schema-unseen` (info: fields the small answers leave out) is about data, not faults. */
function findings(run: LiveRun, name: string): string[] {
  return run.diagnostics.filter((d) => d.args[0] === opId(name) && d.ruleId !== 'live-schema-unseen').map((d) => `${d.ruleId}: ${d.message}`);
}

describe('a faulty server', () => {
  let run: LiveRun;
  let elapsed = 0;
  beforeAll(async () => {
    const started = performance.now();
    run = await runLive(load, { ...options, baseUrl: server.url, operations: CASES.map(opId) });
    elapsed = performance.now() - started;
  });

  it('ends every case in bounded time', () => {
    // Timeouts are 400 ms each (slow, endless at worst): well under 5 s for all twelve.
    expect(elapsed).toBeLessThan(5000);
    expect(run.operations.map((o) => o.operationId)).toEqual(CASES.map(opId));
  });

  it.each([
    ['slow', ['live-request-failed: The request of `CaseSlow` failed: no complete response within 0.4 s']],
    ['reset', ['live-request-failed: The request of `CaseReset` failed: the connection was reset before the response was complete']],
    ['error', ['live-status-undeclared: Unexpected status 500 from `CaseError`, expected one of 200']],
    ['ratelimited', []],
    ['ratelimit-long', ['live-status-undeclared: Unexpected status 429 from `CaseRatelimitLong`, expected one of 200']],
    ['badjson', ['live-body-invalid: Unexpected body of `CaseBadjson` that is not JSON (Unexpected end of JSON input), expected JSON']],
    ['html', ['live-content-type: Unexpected content type `text/html` from `CaseHtml`, expected `application/json`']],
    ['huge', ['live-request-failed: The request of `CaseHuge` failed: the body passed 256 kB; stopped reading']],
    ['endless', ['live-request-failed: The request of `CaseEndless` failed: the body passed 256 kB; stopped reading']],
    ['redirect', []],
    ['paging', ['live-paging-limit: Stopped paging `CasePaging` after 5 pages with a next link still returned']],
  ])('%s', (name, expected) => {
    expect(findings(run, name)).toEqual(expected);
  });

  it('retries a 429 with Retry-After once it may, and not past the wait budget', () => {
    expect(run.operations.find((o) => o.operationId === 'CaseRatelimited')?.status).toBe(200);
    expect(server.received.filter((r) => r.url === '/ratelimit-long')).toHaveLength(1);
  });

  it('follows a redirect to another host without the credentials', () => {
    expect(server.received.find((r) => r.url === '/redirect')?.headers.authorization).toBe(SECRET);
    const landing = other.received.find((r) => r.url === '/landing');
    expect(landing).toBeDefined();
    expect(landing!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(landing!.headers)).not.toContain('tok_F4ulty');
  });

  it('stops endless paging at the page limit', () => {
    expect(pages).toBe(5);
  });

  it('never lets a secret into the run', () => {
    const text = JSON.stringify({ operations: run.operations, diagnostics: run.diagnostics.map(String) });
    expect(text).not.toContain('tok_F4ulty');
    expect(text).toContain('Authorization":"***');
  });
});

describe('plugboard test on the faulty server', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'plugboard-live-'));
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(join(root, 'faulty', rel, '..'), { recursive: true });
      writeFileSync(join(root, 'faulty', rel), text);
    }
    process.env.PLUGBOARD_FAULTY_API_KEY = SECRET;
  });
  afterAll(() => {
    delete process.env.PLUGBOARD_FAULTY_API_KEY;
    rmSync(root, { recursive: true, force: true });
  });

  it.each(['stylish', 'json', 'junit'])('prints a clear report in %s, exit 1, no secret', async (format) => {
    const started = performance.now();
    const ops = ['CaseSlow', 'CaseRedirect', 'CaseEcho', 'CaseBadjson', 'CaseError'].flatMap((o) => ['--operation', o]);
    const { result, stdout, stderr } = await capture(() => runTest(['faulty', '--connectors', root, '--base-url', server.url, '--timeout', '0.4', '--format', format, ...ops]));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toBe(1);
    expect(stdout + stderr).toContain('live-request-failed');
    expect(stdout + stderr).toContain(`GET ${server.url}/slow → failed: no complete response within 0.4 s`);
    expect(stdout + stderr).not.toContain('tok_F4ulty');
  });
});
