/**
 * `npm run dev` shows the data of the last edit (src/site/dev-reload.ts, src/content.config.ts):
 * a changed file maps to its connector, compiles of one connector never overlap and the last
 * edit's compile comes last, and a recompiled connector's pages read its new documents although
 * its package folder is the same (documentsOf is keyed by the entry's revision). And the first page
 * opened is not reloaded by a full reload sent before the server answered anything.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildSiteConnector, definitionDetail, operationDetail } from '../../src/site/connectors.ts';
import { connectorOfPath, dropStartupReloads, serialRecompiler, type DevServerLike } from '../../src/site/dev-reload.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/connectors', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'plugboard-dev-reload-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('connectorOfPath', () => {
  const roots = ['/repo/connectors', '/elsewhere/more'];
  it('names the connector folder a changed file is in, at any depth', () => {
    expect(connectorOfPath(roots, '/repo/connectors/github-issues/actions/ListIssues.mdx')).toBe('github-issues');
    expect(connectorOfPath(roots, '/repo/connectors/github-issues/connector.mdx')).toBe('github-issues');
    expect(connectorOfPath(roots, '/elsewhere/more/x/definitions/A.mdx')).toBe('x');
  });
  it('ignores files outside the roots and files lying in a root itself', () => {
    expect(connectorOfPath(roots, '/repo/src/site/schema.ts')).toBeUndefined();
    expect(connectorOfPath(roots, '/repo/connectors/README.md')).toBeUndefined();
    expect(connectorOfPath(roots, '/repo/connectors')).toBeUndefined();
    expect(connectorOfPath(roots, '/repo/connectors-old/a/connector.mdx')).toBeUndefined();
  });
});

describe('serialRecompiler', () => {
  it('never overlaps compiles of one connector and ends with a compile started after the last edit', async () => {
    const log: string[] = [];
    let edits = 0;
    let active = 0;
    const recompile = serialRecompiler(async (id) => {
      active++;
      expect(active).toBe(1);
      const seen = edits;
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${id}@${seen}`);
      active--;
    });
    edits = 1;
    const first = recompile('a');
    edits = 2;
    void recompile('a');
    edits = 3;
    const last = recompile('a');
    await Promise.all([first, last]);
    // Three edits, two compiles: the second started after the third edit, so it put the last data.
    expect(log).toEqual(['a@1', 'a@3']);
    await recompile('a');
    expect(log).toEqual(['a@1', 'a@3', 'a@3']);
  });

  it('compiles different connectors independently and recovers after a failed compile', async () => {
    const log: string[] = [];
    const recompile = serialRecompiler(async (id) => {
      if (id === 'bad') throw new Error('boom');
      log.push(id);
    });
    await expect(recompile('bad')).rejects.toThrow('boom');
    await Promise.all([recompile('x'), recompile('y')]);
    expect(log.sort()).toEqual(['x', 'y']);
    await expect(recompile('bad')).rejects.toThrow('boom');
  });
});

describe('a recompiled connector', () => {
  it('shows the new title, operation and definition data on every page after two edits', () => {
    const dir = join(work, 'connectors', 'github-issues');
    cpSync(join(FIXTURES, 'github-issues'), dir, { recursive: true });
    const packages = join(work, 'packages');
    const file = join(dir, 'actions', 'ListIssues.mdx');
    const original = readFileSync(file, 'utf8');
    const pages = () => {
      const c = buildSiteConnector(dir, 'connectors/github-issues', packages);
      const op = c.operations.find((o) => o.operationId === 'ListIssues')!;
      return { c, title: operationDetail(c, op)!.name, issue: definitionDetail(c, 'Issue')!.description };
    };
    let previous = pages();
    expect(previous.title).toBe('List issues');
    for (const [n, summary] of [[1, 'List issues, first edit'], [2, 'List issues, second edit']] as const) {
      writeFileSync(file, original.replace('summary: List issues', `summary: ${summary}`));
      const def = join(dir, 'definitions', 'Issue.mdx');
      writeFileSync(def, readFileSync(def, 'utf8').replace(/^description: .*$/m, `description: Edited ${n} times.`));
      const after = pages();
      // Same package folder, new documents: the cached parse of the old ones is not used.
      expect(after.c.packageDir).toBe(previous.c.packageDir);
      expect(after.c.revision).not.toBe(previous.c.revision);
      expect(after.title).toBe(summary);
      expect(after.issue).toBe(`Edited ${n} times.`);
      previous = after;
    }
  });
});

describe('dropStartupReloads', () => {
  /** A server of the shape Vite's has: a middleware stack and the client environment's hot channel. */
  function fakeServer() {
    const sent: unknown[][] = [];
    const stack: Array<(req: unknown, res: unknown, next: () => void) => void> = [];
    const server = { middlewares: { use: (h: (req: unknown, res: unknown, next: () => void) => void) => stack.push(h) }, environments: { client: { hot: { send: (...args: never[]) => void sent.push(args) } } } } satisfies DevServerLike;
    const request = () => {
      let passed = false;
      for (const handler of stack) handler({}, {}, () => (passed = true));
      return passed;
    };
    return { server, sent, request, send: (...args: unknown[]) => (server.environments.client.hot.send as (...a: unknown[]) => void)(...args) };
  }

  it('drops a full reload sent before any request, passes every other message, and reloads once a page was served', () => {
    const { server, sent, request, send } = fakeServer();
    expect(dropStartupReloads(server)).toBe(true);
    send({ type: 'full-reload', path: '*' });
    send({ type: 'update', updates: [] });
    send('astro:content-changed', {});
    expect(sent).toEqual([[{ type: 'update', updates: [] }], ['astro:content-changed', {}]]);
    expect(request()).toBe(true);
    send({ type: 'full-reload', path: '*' });
    expect(sent.at(-1)).toEqual([{ type: 'full-reload', path: '*' }]);
  });

  it('changes nothing on a server without a client hot channel', () => {
    const use = vi.fn();
    expect(dropStartupReloads({ middlewares: { use } })).toBe(false);
    expect(dropStartupReloads({ middlewares: { use }, environments: { client: {} } })).toBe(false);
    expect(use).not.toHaveBeenCalled();
  });
});
