/**
 * `plugboard simulate`: a webhook trigger's life (subscribe, notification, payload, unsubscribe) and
 * a polling trigger's polls, against the mock of the bundled connectors and small fixture servers
 * that break one step each. Every server listens on 127.0.0.1, every wait is bounded, everything is
 * closed in afterAll.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulate, simulateHelp } from '../../src/cli/commands/simulate.ts';
import { startMock, type MockServer } from '../../src/live/mock.ts';
import { evaluateConfig, itemKey, simulate, startReceiver, stepLine, type SimulateOptions } from '../../src/live/simulate.ts';
import { UsageError } from '../../src/cli/util.ts';
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

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } } };
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
    const { out, io: streams } = io();
    const code = await runSimulate(['github-issues', 'WhenIssueChanged', '--base-url', githubMock.url, '--notify-via-mock', '--wait', '3', '--set', 'owner=octo', '--set', 'repo=hello', '--connectors', CONNECTORS], streams);
    const text = out.join('');
    expect(text).toMatch(/✔ notify POST .*\/_plugboard\/notify\/WhenIssueChanged → 200/);
    expect(text).toMatch(/✔ unsubscribe DELETE …\/_plugboard\/subscriptions\/\d+ → 200/);
    expect(text).toMatch(/Every step passed\n$/);
    expect(code).toBe(0);
  });

  it('fails the payload step when the notification does not match x-ms-notification-content', async () => {
    const { out, io: streams } = io();
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

    const { out, io: streams } = io();
    expect(await runSimulate(['mailchimp-audiences', 'WhenContactSubscribes', '--base-url', `${base}/3.0`, '--polls', '2', '--retry-cap', '0', '--set', 'list_id=L1', '--connectors', CONNECTORS], streams)).toBe(1);
    expect(out.join('')).toMatch(/broken steps?: poll 2, summary\n$/);
  });

  it('keys items by an id-like field, else a stable hash', () => {
    expect(itemKey({ id: 7, name: 'a' })).toBe('id=7');
    expect(itemKey({ b: 1, a: 2 })).toBe(itemKey({ a: 2, b: 1 }));
    expect(itemKey({ a: 1 })).not.toBe(itemKey({ a: 2 }));
    expect(evaluateConfig('@{triggerBody().members[0].timestamp_opt}', { members: [{ timestamp_opt: 't' }] })).toBe('t');
    expect(evaluateConfig('TripId gt @{triggerBody().value[0].TripId}', { value: [{ TripId: 4 }] })).toBe('TripId gt 4');
    expect(evaluateConfig('@{triggerBody().value[0].TripId}', { value: [] })).toBeUndefined();
  });
});

describe('runSimulate usage', () => {
  it('prints the help', async () => {
    const { out, io: streams } = io();
    expect(await runSimulate(['--help'], streams)).toBe(0);
    expect(out.join('')).toBe(simulateHelp);
  });

  it('refuses an unknown trigger, an action, and bad numbers (exit 2)', async () => {
    const at = ['--connectors', CONNECTORS];
    await expect(runSimulate(['github-issues'], io().io)).rejects.toThrow(UsageError);
    await expect(runSimulate(['github-issues', 'WhenIssueChange', ...at], io().io)).rejects.toThrow(/no trigger `WhenIssueChange` in github-issues.*Did you mean `WhenIssueChanged`\?/);
    await expect(runSimulate(['github-issues', 'ListIssues', ...at], io().io)).rejects.toThrow(/`ListIssues` is an action, not a trigger; github-issues's triggers: WhenIssueChanged/);
    await expect(runSimulate(['github-issues', 'WhenIssueChanged', '--polls', '51', ...at], io().io)).rejects.toThrow(/--polls expects a whole number from 1 to 50/);
    await expect(runSimulate(['github-issues', 'WhenIssueChanged', '--notify-via-mock', ...at], io().io)).rejects.toThrow(/--notify-via-mock needs --base-url/);
  });
});
