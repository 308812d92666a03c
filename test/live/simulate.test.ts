/**
 * `plugboard simulate`: a webhook trigger's life (subscribe, notification, payload, unsubscribe) and
 * a polling trigger's polls, against the mock of the bundled connectors and small fixture servers
 * that break one step each. Every server listens on 127.0.0.1, every wait is bounded, everything is
 * closed in afterAll.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulate, simulateHelp } from '../../src/cli/commands/simulate.ts';
import { runTest } from '../../src/cli/commands/test.ts';
import { startMock, type MockServer } from '../../src/live/mock.ts';
import { parseRecording, RECORDINGS_FILE } from '../../src/live/recording.ts';
import { evaluateConfig, simulate, startReceiver, stepLine, type SimulateOptions } from '../../src/live/simulate.ts';
import { itemKey, varyItem } from '../../src/live/triggers.ts';
import { UsageError } from '../../src/cli/util.ts';
import { capture, captureIo } from './helpers.ts';
import { bundled, ROOT } from './mock-connectors.ts';

const CONNECTORS = join(ROOT, 'connectors');
const github = bundled('github-issues');
const mailchimp = bundled('mailchimp-audiences');
const servers: Array<{ close(): Promise<void> }> = [];
let githubMock: MockServer;
let mailchimpMock: MockServer;

beforeAll(async () => {
  githubMock = await startMock(github);
  mailchimpMock = await startMock(mailchimp, { retryAfter: 7 });
  servers.push(githubMock, mailchimpMock);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A fresh mock (its subscriptions numbered from 1 again), closed in afterAll. */
async function startMockOf(connector: Parameters<typeof startMock>[0]): Promise<MockServer> {
  const server = await startMock(connector);
  servers.push(server);
  return server;
}

/** A fixture server on 127.0.0.1 answering with `handle`. */
async function fixture(handle: (method: string, url: string, body: string) => { status: number; headers?: Record<string, string>; body?: string; after?: () => void }): Promise<string> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = handle(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString('utf8'));
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '');
      answer.after?.();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  servers.push({ close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** POSTs JSON to `url`, bounded by 5 s. */
function post(url: string, body: unknown): Promise<number> {
  return new Promise((done, fail) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end(data);
  });
}

const GITHUB_SETS = new Map([['owner', 'octo'], ['repo', 'hello']]);
const webhookRun = (baseUrl: string, extra: Partial<SimulateOptions> = {}) =>
  simulate({ connectorId: 'github-issues', ...github, operationId: 'WhenIssueChanged', baseUrl, sets: GITHUB_SETS, waitMs: 3_000, ...extra });

/** A GitHub-like server: registration, a notification posted to the callback, DELETE at Location. */
function hookServer(options: { location?: boolean; deleteStatus?: number; payload?: unknown }) {
  return fixture((method, url, body) => {
    if (method === 'POST' && url.endsWith('/hooks')) {
      const callback = (JSON.parse(body) as { config: { url: string } }).config.url;
      return {
        status: 201,
        headers: options.location === false ? {} : { location: '/hooks/9' },
        body: '{"id":9}',
        after: () => void post(callback, options.payload ?? { action: 'opened' }).catch(() => undefined),
      };
    }
    if (method === 'DELETE' && url === '/hooks/9') return { status: options.deleteStatus ?? 204 };
    return { status: 404, body: '{"error":"no"}' };
  });
}

describe('simulate: webhook', () => {
  it('lives every step against the mock, the test sending the notification', async () => {
    const run = await webhookRun(githubMock.url, { onSubscribed: async () => void (await post(`${githubMock.url}/_plugboard/notify/WhenIssueChanged`, undefined)) });
    expect(run.steps.map((s) => `${s.status} ${s.name}`)).toEqual(['ok receiver', 'ok subscribe', 'info wait', 'ok notification', 'ok payload', 'ok unsubscribe']);
    expect(run.ok).toBe(true);
    expect(stepLine(run.steps[1]!)).toMatch(/^✔ subscribe POST …\/repos\/octo\/hello\/hooks → 201, Location …\/_plugboard\/subscriptions\/\d+$/);
    expect(githubMock.subscriptions()).toEqual([]);
  });

  it('runs from the command line with --notify-via-mock (exit 0)', async () => {
    const { out, io: streams } = captureIo();
    const code = await runSimulate(['github-issues', 'WhenIssueChanged', '--base-url', githubMock.url, '--notify-via-mock', '--wait', '3', '--set', 'owner=octo', '--set', 'repo=hello', '--connectors', CONNECTORS], streams);
    const text = out.join('');
    expect(text).toMatch(/✔ notify POST .*\/_plugboard\/notify\/WhenIssueChanged → 200/);
    expect(text).toMatch(/✔ unsubscribe DELETE …\/_plugboard\/subscriptions\/\d+ → 200/);
    expect(text).toMatch(/Every step passed\n$/);
    expect(code).toBe(0);
  });

  it('fails the payload step when the notification does not match x-ms-notification-content', async () => {
    const { out, io: streams } = captureIo();
    const pending = runSimulate(['github-issues', 'WhenIssueChanged', '--base-url', githubMock.url, '--wait', '3', '--set', 'owner=octo', '--set', 'repo=hello', '--connectors', CONNECTORS], streams);
    // The test is the sender: once the subscription exists, the mock posts a wrong payload to it.
    for (let i = 0; i < 100 && githubMock.subscriptions().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await post(`${githubMock.url}/_plugboard/notify/WhenIssueChanged`, { action: 42, issue: 'not an issue' })).toBe(200);
    expect(await pending).toBe(1);
    expect(out.join('')).toMatch(/✖ payload does not match x-ms-notification-content: \/\S+ must be/);
    expect(out.join('')).toMatch(/1 broken step: payload\n$/);
  });

  it('fails subscribe when the API returns no Location', async () => {
    const run = await webhookRun(await hookServer({ location: false }));
    expect(run.ok).toBe(false);
    expect(run.steps.find((s) => s.name === 'subscribe')).toMatchObject({ status: 'fail', text: expect.stringMatching(/→ 201, no Location/) });
    expect(run.steps.some((s) => s.name === 'unsubscribe')).toBe(false);
  });

  it('fails unsubscribe when the DELETE fails', async () => {
    const run = await webhookRun(await hookServer({ deleteStatus: 500 }));
    expect(run.ok).toBe(false);
    expect(run.steps.map((s) => `${s.status} ${s.name}`)).toContain('ok subscribe');
    expect(run.steps.find((s) => s.name === 'unsubscribe')).toMatchObject({ status: 'fail', text: expect.stringMatching(/^DELETE …\/hooks\/9 → 500, expected 2xx/) });
  });

  it('fails the notification step when none comes in time', async () => {
    const base = await fixture((method, url) => (method === 'POST' ? { status: 201, headers: { location: '/hooks/1' } } : url === '/hooks/1' ? { status: 204 } : { status: 404 }));
    const run = await webhookRun(base, { waitMs: 50 });
    expect(run.steps.find((s) => s.name === 'notification')).toMatchObject({ status: 'fail', text: 'none within 0.05 s' });
    expect(run.steps.find((s) => s.name === 'unsubscribe')?.status).toBe('ok');
  });

  it('caps the receiver body size (413)', async () => {
    const receiver = await startReceiver(16);
    servers.push(receiver);
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    await post(receiver.url, { text: 'x'.repeat(100) }).catch(() => 413);
    expect(await receiver.next(1_000)).toEqual({ tooLarge: true });
  });
});

describe('simulate: polling', () => {
  const SETS = new Map([['list_id', 'L1']]);
  const pollRun = (baseUrl: string, extra: Partial<SimulateOptions> = {}) =>
    simulate({ connectorId: 'mailchimp-audiences', ...mailchimp, operationId: 'WhenContactSubscribes', baseUrl, sets: SETS, polls: 4, retryCapMs: 0, ...extra });

  it('shows the new items of each poll and carries the state, items queued between polls', async () => {
    const member = (n: number) => ({ id: `m${n}`, email_address: `m${n}@example.com`, timestamp_opt: `2026-01-0${n}T00:00:00+00:00` });
    const run = await pollRun(`${mailchimpMock.url}/3.0`, {
      beforePoll: async (poll) => {
        if (poll === 2) expect(await post(`${mailchimpMock.url}/_plugboard/items/WhenContactSubscribes`, [member(2), member(1)])).toBe(200);
        if (poll === 4) expect(await post(`${mailchimpMock.url}/_plugboard/items/WhenContactSubscribes`, member(4))).toBe(200);
      },
    });
    expect(run.polls.map((p) => [p.status, p.fired, p.twice])).toEqual([
      [202, [], []],
      [200, ['id=m2', 'id=m1'], []],
      [202, [], []],
      [200, ['id=m4'], []],
    ]);
    expect(run.ok).toBe(true);
    const lines = run.steps.map(stepLine);
    expect(lines[0]).toMatch(/^✔ poll 1 GET …\/lists\/L1\/members\?.*since_timestamp_opt=1970-01-01.* → 202, nothing new; Location: the same URL, Retry-After 7 s \(waited 0 s\)$/);
    expect(lines).toContain('ℹ state `since_timestamp_opt` = `2026-01-02T00:00:00+00:00` for the next poll');
    expect(lines.find((l) => l.startsWith('✔ poll 3'))).toMatch(/since_timestamp_opt=2026-01-02T00%3A00%3A00%2B00%3A00/);
    expect(lines.at(-1)).toBe('ℹ summary 4 polls: 3 runs would start');
  });

  it('flags an item returned twice as starting a flow twice (exit 1 from the command)', async () => {
    const base = await fixture(() => ({ status: 200, body: JSON.stringify({ members: [{ email_address: 'same@example.com', timestamp_opt: '2026-01-01T00:00:00+00:00' }] }) }));
    const run = await pollRun(`${base}/3.0`, { polls: 2 });
    expect(run.polls.map((p) => [p.fired, p.twice])).toEqual([[['email_address=same@example.com'], []], [[], ['email_address=same@example.com']]]);
    expect(run.ok).toBe(false);
    expect(run.steps.map(stepLine)).toContainEqual(expect.stringMatching(/^✖ poll 2 .* → 200, no new item; would start a flow twice: email_address=same@example.com from poll 1$/));
    expect(run.steps.map(stepLine)).toContain('⚠ state `since_timestamp_opt` did not move (`2026-01-01T00:00:00+00:00`) after new items: the next poll would return them again');

    const { out, io: streams } = captureIo();
    expect(await runSimulate(['mailchimp-audiences', 'WhenContactSubscribes', '--base-url', `${base}/3.0`, '--polls', '2', '--retry-cap', '0', '--set', 'list_id=L1', '--connectors', CONNECTORS], streams)).toBe(1);
    expect(out.join('')).toMatch(/broken steps?: poll 2, summary\n$/);
  });

  it('follows the next link within a poll: the items of every page fire, pages past --pages are a gap warning', async () => {
    const page = (n: number, next?: string) => ({ members: [{ id: `p${n}`, email_address: `p${n}@example.com`, timestamp_opt: `2026-02-0${n}T00:00:00+00:00` }], ...(next ? { '@odata.nextLink': next } : {}) });
    const base = await fixture((_method, url) => {
      if (url.includes('page=2')) return { status: 200, body: JSON.stringify(page(2, '/3.0/lists/L1/members?page=3')) };
      if (url.includes('page=3')) return { status: 200, body: JSON.stringify(page(3)) };
      return { status: 200, body: JSON.stringify(page(1, '/3.0/lists/L1/members?page=2')) };
    });
    const all = await pollRun(`${base}/3.0`, { polls: 1 });
    expect(all.polls[0]!.fired).toEqual(['id=p1', 'id=p2', 'id=p3']);
    expect(all.steps.map(stepLine)).toContainEqual(expect.stringMatching(/^✔ poll 1 .* → 200, 3 new over 3 pages \(id=p1, id=p2, id=p3\)$/));
    // The state comes from the first page's item 0, the newest (platform-format §3.1).
    expect(all.steps.map(stepLine)).toContain('ℹ state `since_timestamp_opt` = `2026-02-01T00:00:00+00:00` for the next poll');
    const capped = await pollRun(`${base}/3.0`, { polls: 1, maxPages: 2 });
    expect(capped.polls[0]!.fired).toEqual(['id=p1', 'id=p2']);
    expect(capped.steps.map(stepLine)).toContainEqual(expect.stringMatching(/^⚠ paging poll 1: stopped at 2 pages with a next link left \(@odata.nextLink\); items past it would be missed/));
  });

  it('checks each polled body against the declared response schema', async () => {
    const base = await fixture(() => ({ status: 200, body: JSON.stringify({ members: [{ id: 5, email_address: 'x@example.com', timestamp_opt: '2026-01-01T00:00:00+00:00' }] }) }));
    const run = await pollRun(`${base}/3.0`, { polls: 1 });
    expect(run.ok).toBe(false);
    expect(run.steps.map(stepLine)).toContainEqual(expect.stringMatching(/^✖ schema poll 1: the body does not match the declared 200 response: .*members\/0\/id.*string/));
  });

  it('feeds the mock before each poll after the first: every queued item fires once, no gap', async () => {
    const run = await pollRun(`${mailchimpMock.url}/3.0`, { polls: 3, feedViaMock: 2 });
    expect(run.polls.map((p) => p.fired.length)).toEqual([0, 2, 2]);
    expect(run.gaps).toEqual([]);
    expect(run.steps.map(stepLine)).toContain('✔ gaps each of the 4 queued items started a flow');
  });

  it('flags a gap: an item the API had that no poll turned into a run', async () => {
    // An API that returns only the first of the items waiting and drops the rest.
    const waiting: unknown[] = [];
    let n = 0;
    const base = await fixture((method, url) => {
      if (method === 'POST' && url.includes('/_plugboard/items/')) {
        const item = { id: `g${++n}`, email_address: `g${n}@example.com`, timestamp_opt: `2026-03-0${n}T00:00:00+00:00` };
        waiting.push(item);
        return { status: 200, body: JSON.stringify({ items: [item] }) };
      }
      const first = waiting.splice(0, waiting.length).slice(0, 1);
      return first.length ? { status: 200, body: JSON.stringify({ members: first }) } : { status: 202, headers: { 'retry-after': '1' } };
    });
    const run = await pollRun(`${base}/3.0`, { polls: 2, feedViaMock: 3 });
    expect(run.gaps).toEqual(['id=g2 (queued before poll 2)', 'id=g3 (queued before poll 2)']);
    expect(run.ok).toBe(false);
    expect(run.steps.map(stepLine)).toContain('✖ gaps 2 queued items never started a flow: id=g2 (queued before poll 2), id=g3 (queued before poll 2)');
  });

  it('keys items by an id-like field, else a stable hash', () => {
    expect(itemKey({ id: 7, name: 'a' })).toBe('id=7');
    expect(itemKey({ b: 1, a: 2 })).toBe(itemKey({ a: 2, b: 1 }));
    expect(itemKey({ a: 1 })).not.toBe(itemKey({ a: 2 }));
  });

  it('varies made items: id-like fields and date-times move by n, e-mails keep their shape', () => {
    const item = { id: 'x', key: 4, email_address: 'user@example.com', created: '2024-01-01T00:00:00Z', name: 'n' };
    expect(varyItem(item, 3)).toEqual({ id: 'x-3', key: 7, email_address: 'user+3@example.com', created: '2024-01-01T00:03:00Z', name: 'n' });
    expect(varyItem([1], 2)).toEqual([1]);
    expect(evaluateConfig('@{triggerBody().members[0].timestamp_opt}', { members: [{ timestamp_opt: 't' }] })).toBe('t');
    expect(evaluateConfig('TripId gt @{triggerBody().value[0].TripId}', { value: [{ TripId: 4 }] })).toBe('TripId gt 4');
    expect(evaluateConfig('@{triggerBody().value[0].TripId}', { value: [] })).toBeUndefined();
  });
});

describe('runSimulate usage', () => {
  it('prints the help', async () => {
    const { out, io: streams } = captureIo();
    expect(await runSimulate(['--help'], streams)).toBe(0);
    expect(out.join('')).toBe(simulateHelp);
  });

  it('refuses an unknown trigger, an action, and bad numbers (exit 2)', async () => {
    const at = ['--connectors', CONNECTORS];
    await expect(runSimulate(['github-issues'], captureIo().io)).rejects.toThrow(UsageError);
    await expect(runSimulate(['github-issues', 'WhenIssueChange', ...at], captureIo().io)).rejects.toThrow(/no trigger `WhenIssueChange` in github-issues.*Did you mean `WhenIssueChanged`\?/);
    await expect(runSimulate(['github-issues', 'ListIssues', ...at], captureIo().io)).rejects.toThrow(/`ListIssues` is an action, not a trigger; github-issues's triggers: WhenIssueChanged/);
    await expect(runSimulate(['github-issues', 'WhenIssueChanged', '--polls', '51', ...at], captureIo().io)).rejects.toThrow(/--polls expects a whole number from 1 to 50/);
    await expect(runSimulate(['github-issues', 'WhenIssueChanged', '--notify-via-mock', ...at], captureIo().io)).rejects.toThrow(/--notify-via-mock needs --base-url/);
  });
});

describe('simulate on a Power Platform folder', () => {
  it('lives a trigger of the folder as it is, against its mock, and refuses what writes recordings', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plugboard-simulate-pp-'));
    try {
      // mailchimp-audiences as the platform's folder holds it: apiDefinition.swagger.json and apiProperties.json.
      const folder = join(root, 'Mailchimp Audiences');
      mkdirSync(folder);
      writeFileSync(join(folder, 'apiDefinition.swagger.json'), JSON.stringify(mailchimp.swagger, null, 2));
      writeFileSync(join(folder, 'apiProperties.json'), JSON.stringify(mailchimp.apiProperties, null, 2));
      const mock = await startMockOf(mailchimp);
      const { out, io: streams } = captureIo();
      const code = await runSimulate([folder, 'WhenContactSubscribes', '--base-url', `${mock.url}/3.0`, '--set', 'list_id=L1', '--polls', '3', '--feed-via-mock', '2', '--retry-cap', '0'], streams);
      const text = out.join('');
      expect(text).toMatch(/^Simulating polling trigger WhenContactSubscribes of .*Mailchimp Audiences at http:\/\/127\.0\.0\.1:\d+\/3\.0\n/);
      expect(text).toMatch(/✔ gaps each of the 4 queued items started a flow/);
      expect(text).toMatch(/Every step passed\n$/);
      expect(code).toBe(0);
      await expect(runSimulate([folder, 'WhenContactSubscribes', '--record'], captureIo().io)).rejects.toThrow(/--record applies to MDX connectors, not to a Power Platform folder/);
      await expect(runSimulate([folder, 'WhenContactSubscribe'], captureIo().io)).rejects.toThrow(/no trigger `WhenContactSubscribe` in .*Mailchimp Audiences.*Did you mean `WhenContactSubscribes`\?/);
      await expect(runSimulate([root, 'WhenContactSubscribes'], captureIo().io)).rejects.toThrow(/holds no apiDefinition\.swagger\.json; give a Power Platform folder/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('simulate: a subscription body with required fields', () => {
  it('names the fields a subscription lacks instead of sending it without them, and sends it once --set gives them', async () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'Hooks', version: '1.0' },
      host: 'api.example.com',
      basePath: '/',
      paths: {
        '/hooks': {
          'x-ms-notification-content': { schema: { type: 'object' } },
          post: {
            operationId: 'OnEvent',
            'x-ms-trigger': 'single',
            parameters: [{ name: 'body', in: 'body', required: true, schema: { type: 'object', required: ['url', 'events'], properties: { url: { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' }, events: { type: 'array', items: { type: 'string' } } } } }],
            responses: { '201': { description: 'created' } },
          },
        },
        '/hooks/{id}': { delete: { operationId: 'DeleteHook', 'x-ms-visibility': 'internal', parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], responses: { '200': { description: 'ok' } } } },
      },
    };
    const root = mkdtempSync(join(tmpdir(), 'plugboard-simulate-body-'));
    try {
      const folder = join(root, 'Hooks');
      mkdirSync(folder);
      writeFileSync(join(folder, 'apiDefinition.swagger.json'), JSON.stringify(swagger, null, 2));
      const mock = await startMockOf({ swagger } as Parameters<typeof startMock>[0]);
      const lacking = captureIo();
      expect(await runSimulate([folder, 'OnEvent', '--base-url', mock.url, '--notify-via-mock'], lacking.io)).toBe(1);
      expect(lacking.out.join('')).toContain('✖ subscribe not sent: no value for the required `body.events` (give it a testValue, or --set body=…)');
      const given = captureIo();
      expect(await runSimulate([folder, 'OnEvent', '--base-url', mock.url, '--notify-via-mock', '--set', 'body={"events":["created"]}'], given.io)).toBe(0);
      expect(given.out.join('')).toMatch(/✔ subscribe POST …\/hooks → 201/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('simulate --record / --replay / --format', () => {
  it('records a webhook and a polling run beside the test exchanges, and replays them offline with the same steps', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plugboard-simulate-'));
    try {
      for (const id of ['github-issues', 'mailchimp-audiences']) cpSync(join(CONNECTORS, id), join(root, id), { recursive: true });
      const testExchanges = parseRecording(readFileSync(join(root, 'github-issues', RECORDINGS_FILE), 'utf8')).exchanges.filter((e) => e.run === undefined);
      const hook = ['github-issues', 'WhenIssueChanged', '--set', 'owner=octo', '--set', 'repo=hello', '--connectors', root, '--wait', '3'];
      const poll = ['mailchimp-audiences', 'WhenContactSubscribes', '--set', 'list_id=L1', '--polls', '3', '--feed-via-mock', '2', '--connectors', root];

      const live = captureIo();
      expect(await runSimulate([...hook, '--base-url', (await startMockOf(github)).url, '--notify-via-mock', '--record'], live.io)).toBe(0);
      expect(await runSimulate([...poll, '--base-url', `${(await startMockOf(mailchimp)).url}/3.0`, '--retry-cap', '0', '--record'], live.io)).toBe(0);
      expect(live.err.join('')).toMatch(/Recorded 4 exchanges of WhenIssueChanged/);

      const text = readFileSync(join(root, 'github-issues', RECORDINGS_FILE), 'utf8');
      const recording = parseRecording(text);
      // The test exchanges are kept; the simulation's follow, the receiver's URL and the mock's address normalised.
      expect(recording.exchanges.filter((e) => e.run === undefined)).toEqual(testExchanges);
      expect(recording.exchanges.filter((e) => e.run === 'simulate').map((e) => `${e.request.method} ${e.request.url}`)).toEqual([
        'POST {baseUrl}/repos/octo/hello/hooks',
        'POST {baseUrl}/_plugboard/notify/WhenIssueChanged',
        'POST {callbackUrl}',
        'DELETE {baseUrl}/_plugboard/subscriptions/1',
      ]);
      expect(text).not.toMatch(/127\.0\.0\.1/);

      // Recording again gives the same bytes.
      expect(await runSimulate([...hook, '--base-url', (await startMockOf(github)).url, '--notify-via-mock', '--record'], captureIo().io)).toBe(0);
      expect(readFileSync(join(root, 'github-issues', RECORDINGS_FILE), 'utf8')).toBe(text);

      const hookReplay = captureIo();
      expect(await runSimulate([...hook, '--replay'], hookReplay.io)).toBe(0);
      expect(hookReplay.out.join('')).toMatch(/✔ subscribe POST …\/repos\/octo\/hello\/hooks → 201[\s\S]*ℹ notify posting the recorded notification[\s\S]*✔ payload matches x-ms-notification-content[\s\S]*✔ unsubscribe DELETE[\s\S]*Every step passed/);

      const pollReplay = captureIo();
      expect(await runSimulate([...poll, '--replay', '--format', 'json'], pollReplay.io)).toBe(0);
      const json = JSON.parse(pollReplay.out.join(''));
      expect(json).toMatchObject({ connector: 'mailchimp-audiences', trigger: 'WhenContactSubscribes', kind: 'polling', ok: true, gaps: [] });
      expect(json.polls.map((p: { fired: string[] }) => p.fired.length)).toEqual([0, 2, 2]);

      // `plugboard test --record` records the test exchanges anew and keeps the simulation.
      const simulated = parseRecording(readFileSync(join(root, 'github-issues', RECORDINGS_FILE), 'utf8')).exchanges.filter((e) => e.run === 'simulate');
      const tested = await capture(() => runTest(['github-issues', '--connectors', root, '--base-url', githubMock.url, '--record']));
      expect(tested.result).toBe(0);
      expect(parseRecording(readFileSync(join(root, 'github-issues', RECORDINGS_FILE), 'utf8')).exchanges.filter((e) => e.run === 'simulate')).toEqual(simulated);
      expect(await runSimulate([...hook, '--replay'], captureIo().io)).toBe(0);

      // A request the recording does not hold fails clearly.
      const other = captureIo();
      expect(await runSimulate(['mailchimp-audiences', 'WhenContactSubscribes', '--set', 'list_id=OTHER', '--connectors', root, '--replay'], other.io)).toBe(1);
      expect(other.out.join('')).toMatch(/✖ poll 1 .* failed: no recording of `GET \{baseUrl\}\/lists\/OTHER\/members/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes JUnit with one test case per step, a failure for a broken one', async () => {
    const base = await fixture(() => ({ status: 500, body: '{"error":"down"}' }));
    const { out, io: streams } = captureIo();
    expect(await runSimulate(['mailchimp-audiences', 'WhenContactSubscribes', '--base-url', `${base}/3.0`, '--polls', '1', '--set', 'list_id=L1', '--connectors', CONNECTORS, '--format', 'junit'], streams)).toBe(1);
    const xml = out.join('');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="plugboard simulate mailchimp-audiences WhenContactSubscribes" tests="2" failures="1" errors="0">/);
    expect(xml).toContain('<testcase name="poll 1" classname="mailchimp-audiences.WhenContactSubscribes">\n      <failure type="broken" message="GET …/lists/L1/members');
    expect(xml).not.toContain('Simulating');
  });

  it('refuses --feed-via-mock without a mock or a replay, --record with --replay, and an unknown format (exit 2)', async () => {
    const args = ['mailchimp-audiences', 'WhenContactSubscribes', '--connectors', CONNECTORS];
    await expect(runSimulate([...args, '--feed-via-mock', '2'], captureIo().io)).rejects.toThrow(/--feed-via-mock needs --base-url/);
    await expect(runSimulate([...args, '--record', '--replay'], captureIo().io)).rejects.toThrow(/--record or --replay, not both/);
    await expect(runSimulate([...args, '--format', 'jsn'], captureIo().io)).rejects.toThrow(/--format takes stylish, json or junit, not `jsn`/);
    await expect(runSimulate([...args, '--pages', '0'], captureIo().io)).rejects.toThrow(/--pages expects a whole number from 1 to 50/);
  });
});
