/**
 * `check --fix` and `--fix-dry-run` on golden folders: test/fixtures/fix/<case>/before/ is a connector
 * folder, after/ what --fix makes of it (accept changes with `npx vitest run test/cli/fix.test.ts -u`),
 * fixes.txt the listing of the fixes. The dry run writes nothing and prints a unified diff that
 * `git apply` turns into after/ exactly.
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, readTree, tempDir } from './helpers.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/fix/', import.meta.url));
const cases = readdirSync(FIXTURES).sort();

/** A copy of the case's before/ as the only connector of a repository: returns the repository. */
function repository(name: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'connectors'));
  cpSync(join(FIXTURES, name, 'before'), join(dir, 'connectors', name), { recursive: true });
  return dir;
}

/** The fix listing: `file:line:col: what (rule)` lines (the report's own lines have no `: ` after the column). */
const listing = (stdout: string) => stdout.split('\n').filter((l) => /^connectors\/\S+:\d+:\d+: /.test(l));
/** The unified diff of a dry run: everything before the listing. */
const patch = (stdout: string) => stdout.slice(0, stdout.search(/^connectors\/\S+:\d+:\d+: /m));

describe('check --fix', () => {
  it('has golden cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));

  for (const name of cases) {
    it(`${name}: --fix-dry-run writes nothing and prints a diff that gives after/`, () => {
      const dir = repository(name);
      const before = readTree(dir);
      const r = cli(['check', '--fix-dry-run'], dir);
      expect(r.code, r.stderr).toBeLessThanOrEqual(1);
      expect(readTree(dir)).toEqual(before);
      expect(r.stdout).toMatch(/: would fix \d+ problems? in \d+ files? \(nothing written\); /);
      const diff = patch(r.stdout);
      expect(diff).toMatch(/^--- a\/connectors\//);
      writeFileSync(join(dir, 'fix.diff'), diff);
      const applied = spawnSync('git', ['apply', '--whitespace=nowarn', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
      expect(applied.status, applied.stderr).toBe(0);
      const after = readTree(join(FIXTURES, name, 'after'));
      const got = readTree(join(dir, 'connectors', name));
      expect([...got.keys()]).toEqual([...after.keys()]);
      for (const [rel, bytes] of got) expect(bytes.toString('utf8'), rel).toBe(after.get(rel)!.toString('utf8'));
    });

    it(`${name}: --fix writes after/, lists the fixes, and a second run has nothing to fix`, async () => {
      const dir = repository(name);
      const r = cli(['check', '--fix'], dir);
      expect(r.code, r.stderr).toBeLessThanOrEqual(1);
      expect(r.stdout).toMatch(/: fixed \d+ problems? in \d+ files?; left: /);
      const got = readTree(join(dir, 'connectors', name));
      for (const [rel, bytes] of got) await expect(bytes.toString('utf8'), rel).toMatchFileSnapshot(join(FIXTURES, name, 'after', rel));
      await expect(listing(r.stdout).join('\n') + '\n').toMatchFileSnapshot(join(FIXTURES, name, 'fixes.txt'));
      const again = cli(['check', '--fix'], dir);
      expect(again.stdout).toMatch(/: nothing to fix; left: /);
      expect(readTree(join(dir, 'connectors', name))).toEqual(got);
    });
  }

  it('refuses Power Platform folders and --watch', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'Contoso'));
    writeFileSync(join(dir, 'Contoso', 'apiDefinition.swagger.json'), '{"swagger":"2.0","info":{"title":"C","version":"1.0"},"paths":{}}');
    expect(cli(['check', 'Contoso', '--fix'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--fix applies to MDX connectors, not to Power Platform folders') });
    expect(cli(['check', '--fix', '--watch'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--fix and --fix-dry-run are for a single run') });
  });

  it('with --format json keeps stdout the JSON of what is left', () => {
    const dir = repository('keys');
    const r = cli(['check', '--fix', '--format', 'json'], dir);
    const left = JSON.parse(r.stdout) as Array<{ ruleId: string; message: string }>;
    expect(left.map((d) => d.ruleId)).toEqual(['frontmatter-unknown-key', 'x-ms-position']);
    expect(left[0]!.message).toContain('`descripton`');
    expect(r.stderr).toContain('Renamed `sumary` to `summary` (frontmatter-unknown-key)');
  });
});
