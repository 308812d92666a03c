import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorCache, codeHash, lookup } from '../../src/build/cache.ts';
import type { Job } from '../../src/build/connectors.ts';
import { buildConnectors } from '../../src/build/index.ts';
import { actionMdx, cli, connectorMdx, readTree, tempDir, writeFiles } from './helpers.ts';

function project(): string {
  const cwd = tempDir();
  writeFiles(join(cwd, 'connectors'), {
    'alpha/connector.mdx': connectorMdx('Alpha'),
    'alpha/actions/ListItems.mdx': actionMdx('GET /items', 'List items'),
    'beta/connector.mdx': connectorMdx('Beta'),
    'beta/actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service'),
    // An error, so that cached diagnostics are seen.
    'gamma/connector.mdx': connectorMdx('Gamma', 'titel: oops\n'),
    'gamma/actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service'),
  });
  return cwd;
}

/** The output without the timing and the cache count of the summary line. */
const stable = (text: string) => text.replace(/ in [\d.]+m?s:/, ' in …:').replace(/ \(\d+ of \d+ connectors? from the cache\)/, '');
const fromCache = (text: string) => Number(/\((\d+) of \d+ connectors? from the cache\)/.exec(text)?.[1] ?? NaN);

function jobsOf(cwd: string): Job[] {
  return ['alpha', 'beta', 'gamma'].map((id) => ({ id, dir: join(cwd, 'connectors', id), display: `connectors/${id}` }));
}

describe('plugboard check --cache', () => {
  it('reports cached connectors exactly as compiled ones, and recompiles an edited one', () => {
    const cwd = project();
    const plain = cli(['check'], cwd);
    const cold = cli(['check', '--cache'], cwd);
    expect(cold.code).toBe(1);
    expect(fromCache(cold.stdout)).toBe(0);
    expect(stable(cold.stdout)).toBe(stable(plain.stdout));
    expect(readdirSync(join(cwd, 'node_modules/.cache/plugboard/check')).sort()).toEqual(['alpha.json', 'beta.json', 'gamma.json']);

    const warm = cli(['check', '--cache'], cwd);
    expect(warm.code).toBe(1);
    expect(fromCache(warm.stdout)).toBe(3);
    expect(stable(warm.stdout)).toBe(stable(plain.stdout));
    const json = cli(['check', '--cache', '--format', 'json'], cwd);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(cli(['check', '--format', 'json'], cwd).stdout));

    // Fix gamma: a miss, and its error is gone.
    writeFiles(join(cwd, 'connectors'), { 'gamma/connector.mdx': connectorMdx('Gamma') });
    const edited = cli(['check', '--cache'], cwd);
    expect(edited.code).toBe(0);
    expect(fromCache(edited.stdout)).toBe(2);
    expect(edited.stdout).not.toContain('titel');
    // A new file in a folder changes its key too.
    writeFiles(join(cwd, 'connectors'), { 'beta/notes.txt': 'an asset\n' });
    expect(fromCache(cli(['check', '--cache'], cwd).stdout)).toBe(2);
    expect(fromCache(cli(['check', '--cache'], cwd).stdout)).toBe(3);
  });

  it('ignores a corrupted entry and rewrites it', () => {
    const cwd = project();
    const cold = cli(['check', '--cache-location', '.pbcache'], cwd);
    const entry = join(cwd, '.pbcache/check/gamma.json');
    for (const garbage of ['{"format":1,', '{"format":1,"key":"x","outcome":null}', '[]', '']) {
      writeFileSync(entry, garbage);
      const run = cli(['check', '--cache-location', '.pbcache'], cwd);
      expect(run.code).toBe(1);
      expect(fromCache(run.stdout)).toBe(2);
      expect(stable(run.stdout)).toBe(stable(cold.stdout));
      expect(() => JSON.parse(readFileSync(entry, 'utf8'))).not.toThrow();
    }
    expect(fromCache(cli(['check', '--cache-location', '.pbcache'], cwd).stdout)).toBe(3);
  });

  it('documents the cache in --help', () => {
    const help = cli(['check', '--help'], tempDir()).stdout;
    expect(help).toContain('--cache ');
    expect(help).toContain('--cache-location <dir>');
    expect(help).toContain('node_modules/.cache/plugboard');
    expect(cli(['build', '--help'], tempDir()).stdout).toContain('--cache');
  });
});

describe('plugboard build --cache', () => {
  it('skips connectors whose package is current, and writes a missing or touched one again', () => {
    const cwd = project();
    const cold = cli(['build', '--cache'], cwd);
    const tree = readTree(join(cwd, 'packages'));
    expect(fromCache(cold.stdout)).toBe(0);
    const warm = cli(['build', '--cache'], cwd);
    expect(fromCache(warm.stdout)).toBe(3);
    expect(stable(warm.stdout)).toBe(stable(cold.stdout));
    expect(readTree(join(cwd, 'packages'))).toEqual(tree);

    rmSync(join(cwd, 'packages/beta'), { recursive: true });
    writeFileSync(join(cwd, 'packages/alpha/readme.md'), 'edited by hand\n');
    expect(fromCache(cli(['build', '--cache'], cwd).stdout)).toBe(1);
    expect(readTree(join(cwd, 'packages'))).toEqual(tree);

    // Another --out has no package yet.
    expect(fromCache(cli(['build', '--cache', '--out', 'other'], cwd).stdout)).toBe(0);
    expect(existsSync(join(cwd, 'other/beta/apiDefinition.swagger.json'))).toBe(true);
    // check and build keep separate entries.
    expect(fromCache(cli(['check', '--cache'], cwd).stdout)).toBe(0);
  });
});

describe('ConnectorCache', () => {
  it('misses when the key changes: plugboard code, connector bytes, display path', async () => {
    const cwd = project();
    const dir = join(cwd, 'cache');
    const jobs = jobsOf(cwd);
    const a = new ConnectorCache({ dir, command: 'check', code: 'code-a' });
    const first = (await buildConnectors(jobs, { threads: 1, cache: a })).outcomes;
    expect(a.misses).toBe(3);

    const again = new ConnectorCache({ dir, command: 'check', code: 'code-a' });
    const second = (await buildConnectors(jobs, { threads: 1, cache: again })).outcomes;
    expect(again.hits).toBe(3);
    expect(second.map((o) => o.diagnostics.map((d) => [d.fingerprint, d.message, d.place]))).toEqual(
      first.map((o) => o.diagnostics.map((d) => [d.fingerprint, d.message, d.place])),
    );
    expect(second.map((o) => o.operations)).toEqual(first.map((o) => o.operations));

    // Another plugboard (version or source files): every entry is stale.
    const b = new ConnectorCache({ dir, command: 'check', code: 'code-b' });
    expect(lookup(b, jobs).cached.every((c) => c === undefined)).toBe(true);

    // Same bytes shown under another path: the diagnostics would name other files.
    const moved = jobs.map((j) => ({ ...j, display: `elsewhere/${j.id}` }));
    expect(lookup(new ConnectorCache({ dir, command: 'check', code: 'code-a' }), moved).cached.every((c) => c === undefined)).toBe(true);

    const before = again.key(jobs[0]!);
    writeFileSync(join(jobs[0]!.dir, 'actions/ListItems.mdx'), actionMdx('GET /items', 'List all items'));
    expect(again.key(jobs[0]!)).not.toBe(before);
  });

  it('hashes plugboard version and source files', () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"version":"1.0.0"}', 'src/a.ts': 'export const a = 1;\n', 'src/sub/b.ts': 'export const b = 2;\n' });
    const h1 = codeHash(root);
    expect(codeHash(root)).toBe(h1);
    writeFiles(root, { 'src/sub/b.ts': 'export const b = 3;\n' });
    const h2 = codeHash(root);
    expect(h2).not.toBe(h1);
    writeFiles(root, { 'package.json': '{"version":"1.0.1"}' });
    const h3 = codeHash(root);
    expect(h3).not.toBe(h2);
    mkdirSync(join(root, 'src/empty'));
    writeFiles(root, { 'src/c.ts': '' });
    expect(codeHash(root)).not.toBe(h3);
    // The real one covers this very file.
    expect(codeHash()).toMatch(/^[0-9a-f]{64}$/);
  });
});
