/**
 * `plugboard site` refusing what it cannot build safely, before Astro starts: each is a usage error
 * (exit 2) naming the option. The build itself runs in install.test.ts and the browser tests.
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/helpers.ts';

const repo = tempDir();
cpSync(join(import.meta.dirname, '../fixtures/connectors/open-meteo'), join(repo, 'connectors', 'open-meteo'), { recursive: true });
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('plugboard site', () => {
  it.each([
    [['site', 'extra'], /takes no arguments, got `extra`/],
    [['site', '--out', '.'], /--out .* holds the working folder/],
    [['site', '--out', 'connectors/open-meteo/site'], /--out .* and the connectors folder .* overlap/],
    [['site', '--base', '/my repo/'], /--base takes a path like \/my-repo\/, not `\/my repo\/`/],
    [['site', '--site', 'owner.github.io'], /--site takes an http\(s\) address/],
    [['site', '--edit-url', 'javascript:alert(1)'], /--edit-url takes an http\(s\) address/],
    [['site', '--edit-url', 'https://example.test/', '--no-edit-links'], /do not go together/],
    [['site', '--port', '4000'], /--port goes with --dev/],
    [['site', '--dev', '--port', '70000'], /--port expects a whole number from 1 to 65535, not `70000`/],
  ])('%j is a usage error', (args, message) => {
    const r = cli(args, repo);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Run `plugboard site --help` for usage/);
  });

  it('exits 2 on a connectors folder without connectors, writing nothing', () => {
    const empty = join(repo, 'empty');
    mkdirSync(join(empty, 'connectors'), { recursive: true });
    const r = cli(['site'], empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no connector in connectors/);
    expect(readdirSync(empty)).toEqual(['connectors']);
  });

  it('documents its options', () => {
    const r = cli(['site', '--help'], repo);
    expect(r.code).toBe(0);
    for (const flag of ['--connectors', '--out', '--base', '--site', '--edit-url', '--no-edit-links', '--dev', '--port']) expect(r.stdout).toContain(flag);
  });
});
