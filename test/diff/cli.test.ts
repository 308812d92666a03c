/**
 * `plugboard diff` and `check --since` as a user runs them, in throwaway git repositories: exit
 * status, the findings and where they are placed, the Markdown PR comment's summary, a head given as
 * a ref, Power Platform folders, and bad refs.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { action, connector, getItem } from '../../src/check/diff-examples.ts';
import { git, repoWith, write } from '../git/helpers.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

function plugboard(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const root = repoWith(files);
  roots.push(root);
  return root;
}

const LIST = action('GET /items', 'List items');

describe('plugboard diff', () => {
  it('reports a removed action at its place in the base, the version not raised, and exits 1; the Markdown comment leads with the count', () => {
    const root = repo({ 'connectors/contoso/connector.mdx': connector('1.0'), 'connectors/contoso/actions/GetItem.mdx': getItem(), 'connectors/contoso/actions/ListItems.mdx': LIST });
    unlinkSync(join(root, 'connectors/contoso/actions/ListItems.mdx'));
    const r = plugboard(root, 'diff', 'main', '--format', 'json');
    expect(r.code, r.stderr).toBe(1);
    const found = (JSON.parse(r.stdout) as Array<{ ruleId: string; file: string; place: { start: { line: number } }; message: string; note?: string }>).map((d) => `${d.ruleId} ${d.file}:${d.place.start.line}`);
    expect(found).toEqual(['diff-operation-removed connectors/contoso/actions/ListItems.mdx:2', 'diff-version-not-bumped connectors/contoso/connector.mdx:3']);
    expect(r.stderr).toContain('1 breaking change in 1 connector, 1 version not raised');

    const md = plugboard(root, 'diff', 'main', '--format', 'markdown');
    expect(md.code).toBe(1);
    const lines = md.stdout.split('\n');
    expect(lines[0]).toBe('<!-- plugboard:diff -->');
    expect(lines[1]).toMatch(/^## plugboard diff `main` → the work tree — 1 breaking change in 1 connector, 1 version not raised: 2 errors$/);
    expect(md.stdout).toContain('Removed the action `ListItems` (`GET /items`); flows and apps that use it stop working (as of `main`)');
  });

  it('exits 0 for additions under a raised minor version, and compares two refs like the work tree', () => {
    const root = repo({ 'connectors/contoso/connector.mdx': connector('1.0'), 'connectors/contoso/actions/GetItem.mdx': getItem() });
    write(root, { 'connectors/contoso/connector.mdx': connector('1.1'), 'connectors/contoso/actions/ListItems.mdx': LIST });
    const worktree = plugboard(root, 'diff', 'main');
    expect(worktree.code, worktree.stdout + worktree.stderr).toBe(0);
    expect(worktree.stdout).toContain('connectors/contoso/actions/ListItems.mdx:2:1');
    expect(worktree.stdout).toContain('diff-operation-added');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'add ListItems');
    const refs = plugboard(root, 'diff', 'main~1', 'main', '--format', 'json');
    expect(refs.code).toBe(0);
    expect((JSON.parse(refs.stdout) as Array<{ ruleId: string }>).map((d) => d.ruleId)).toEqual(['diff-operation-added']);
  });

  it('compares Power Platform folders as they are, placing findings in their JSON files', () => {
    const swagger = (ops: string[]) =>
      JSON.stringify(
        {
          swagger: '2.0',
          info: { title: 'Contoso', version: '1.0' },
          host: 'api.contoso.com',
          paths: Object.fromEntries(ops.map((op) => [`/${op}`, { get: { operationId: op, summary: op, responses: { '200': { description: 'OK' } } } }])),
        },
        null,
        2,
      );
    const root = repo({ 'pp/Contoso/apiDefinition.swagger.json': swagger(['GetItem', 'ListItems']), 'pp/Contoso/apiProperties.json': '{"properties":{}}' });
    write(root, { 'pp/Contoso/apiDefinition.swagger.json': swagger(['GetItem']) });
    const r = plugboard(root, 'diff', 'main', '--connectors', 'pp', '--format', 'json');
    expect(r.code, r.stderr).toBe(1);
    const found = (JSON.parse(r.stdout) as Array<{ ruleId: string; file: string; place: { start: { line: number; column: number } } }>).map((d) => `${d.ruleId} ${d.file}:${d.place.start.line}:${d.place.start.column}`);
    // In the base's text, the `get` object of `/ListItems` opens on line 21, column 14.
    expect(found.sort()).toEqual(['diff-operation-removed pp/Contoso/apiDefinition.swagger.json:21:14', 'diff-version-not-bumped pp/Contoso/apiDefinition.swagger.json:5:16']);
  });

  it('refuses a ref that names no commit or looks like an option (exit 2)', () => {
    const root = repo({ 'connectors/contoso/connector.mdx': connector('1.0') });
    expect(plugboard(root, 'diff', 'nope').code).toBe(2);
    const option = plugboard(root, 'diff', '--', '--output=/tmp/x');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('cannot start with `-`');
  });
});

describe('plugboard check --since', () => {
  it('reports only the findings new since the ref, and exits by them alone', () => {
    // An undeclared path parameter is a path-parameter-declared error; the base has one already.
    const old = action('GET /old/{id}', 'Get an old item');
    const root = repo({ 'connectors/contoso/connector.mdx': connector('1.0'), 'connectors/contoso/actions/GetOld.mdx': old });
    const before = plugboard(root, 'check', '--since', 'main', '--format', 'json');
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual([]);
    expect(before.stderr).toMatch(/new since `main`; \d+ findings? already there at `main` not shown/);

    write(root, { 'connectors/contoso/actions/GetNew.mdx': action('GET /new/{id}', 'Get a new item'), 'connectors/contoso/actions/GetOld.mdx': '---\n# moved down a line\n' + old.slice(4) });
    const after = plugboard(root, 'check', '--since', 'main', '--format', 'json');
    expect(after.code).toBe(1);
    const files = (JSON.parse(after.stdout) as Array<{ ruleId: string; file: string }>).filter((d) => d.ruleId === 'path-parameter-declared').map((d) => d.file);
    // The old finding moved a line and keeps its fingerprint: not new.
    expect(files).toEqual(['connectors/contoso/actions/GetNew.mdx']);
    expect(plugboard(root, 'check', '--since', 'nope').code).toBe(2);
  });

  it('works on Power Platform folders too: a folder re-laid out keeps its old findings out', () => {
    const doc = (paths: Record<string, unknown>, indent: number) => JSON.stringify({ swagger: '2.0', info: { title: 'Contoso', version: '1.0' }, host: 'api.contoso.com', paths }, null, indent);
    const old = { '/old/{id}': { get: { operationId: 'GetOld', summary: 'Get old', description: 'Gets an old item.', responses: { '200': { description: 'OK' } } } } };
    const root = repo({ 'Contoso/apiDefinition.swagger.json': doc(old, 2), 'Contoso/apiProperties.json': '{"properties":{}}' });
    const same = plugboard(root, 'check', 'Contoso', '--since', 'main', '--format', 'json');
    expect(JSON.parse(same.stdout)).toEqual([]);
    expect(same.code).toBe(0);
    const added = { ...old, '/new/{id}': { get: { operationId: 'GetNew', summary: 'Get new', description: 'Gets a new item.', responses: { '200': { description: 'OK' } } } } };
    write(root, { 'Contoso/apiDefinition.swagger.json': doc(added, 4) });
    const r = plugboard(root, 'check', 'Contoso', '--since', 'main', '--format', 'json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Array<{ ruleId: string; pointer: string }>).filter((d) => d.ruleId === 'path-parameter-declared').map((d) => d.pointer)).toEqual(['/paths/~1new~1{id}/get']);
  });
});
