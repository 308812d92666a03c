import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { version } from '../../src/cli/util.ts';
import { connectorMdx, cli, readTree, tempDir, writeFiles } from './helpers.ts';

const GOLDEN = new URL('./golden/init/', import.meta.url);

/** What init wrote, with the running version replaced (the golden stays valid across releases). */
function initTree(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  for (const [rel, bytes] of readTree(dir)) tree.set(rel, bytes.toString('utf8').replace(`"plugboard": "^${version()}"`, '"plugboard": "^<version>"'));
  return tree;
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

describe('plugboard init', () => {
  it('writes the repository of the golden folder, whose starter connector checks clean', async () => {
    const dir = join(tempDir(), 'contoso-connectors');
    const r = cli(['init', dir], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  .github/workflows/review.yml\n');
    expect(r.stdout).toContain('npm install');
    const tree = initTree(dir);
    const golden = readTree(GOLDEN.pathname);
    expect([...tree.keys()]).toEqual([...golden.keys()]);
    for (const [rel, text] of tree) await expect(text, rel).toMatchFileSnapshot(new URL(rel, GOLDEN).pathname);
    expect(cli(['check'], dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Checked 1 connector \(1 operation\) in [\d.]+s: no problems\n$/) });
  });

  it('writes workflows that parse: check and site on pull requests, Pages from main', () => {
    const dir = tempDir();
    expect(cli(['init'], dir).code).toBe(0);
    const tree = initTree(dir);
    const review = parse(tree.get('.github/workflows/review.yml')!) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, { steps: Step[] }> };
    expect(Object.keys(review.on)).toEqual(['pull_request']);
    expect(review.permissions).toEqual({ contents: 'read' });
    const reviewRuns = Object.values(review.jobs).flatMap((j) => j.steps.map((s) => s.run).filter(Boolean));
    expect(reviewRuns).toEqual(['npm ci', expect.stringMatching(/^npx plugboard check( --format github)?$/), 'npx plugboard site']);

    const pages = parse(tree.get('.github/workflows/pages.yml')!) as { on: { push: { branches: string[] } }; permissions: Record<string, string>; jobs: Record<string, { needs?: string; steps: Step[] }> };
    expect(pages.on.push.branches).toEqual(['main']);
    expect(pages.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    const build = pages.jobs.build!.steps;
    expect(build.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npx plugboard site --base "/${{ github.event.repository.name }}/"']);
    expect(build.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'dist' });
    expect(pages.jobs.deploy!.needs).toBe('build');
    expect(pages.jobs.deploy!.steps.map((s) => s.uses)).toEqual([expect.stringMatching(/^actions\/deploy-pages@v\d+$/)]);

    const pkg = JSON.parse(tree.get('package.json')!) as { name: string; private: boolean; engines: { node: string } };
    expect(pkg).toMatchObject({ name: expect.stringMatching(/^plugboard-cli-/), private: true, engines: { node: '>=22.12' } });
  });

  it('writes nothing when a file is already there, lists every one and exits 2', () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFiles(dir, { 'README.md': 'mine\n' });
    mkdirSync(join(dir, '.github'));
    // A folder on the way that is a symlink counts as taken: nothing is written through it.
    symlinkSync(outside, join(dir, '.github/workflows'));
    const before = readTree(dir);
    const r = cli(['init'], dir);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      'plugboard init: 3 files are already there; nothing was written:\n' +
        '  .github/workflows/pages.yml\n  .github/workflows/review.yml\n  README.md\n' +
        'Move them aside, or run `plugboard init <new folder>`.\n',
    );
    expect(readTree(dir)).toEqual(before);
    expect(readTree(outside).size).toBe(0);
  });

  it('leaves a connectors folder that holds connectors as it is: no starter connector', () => {
    const dir = tempDir();
    writeFiles(dir, { 'connectors/alpha/connector.mdx': connectorMdx('Alpha') });
    const r = cli(['init'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('connectors/ already holds files: no starter connector written.\n');
    expect([...readTree(join(dir, 'connectors')).keys()]).toEqual(['alpha/connector.mdx']);
  });

  it('refuses a file as the folder, and more than one folder', () => {
    const dir = tempDir();
    writeFiles(dir, { file: 'x' });
    expect(cli(['init', 'file'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('plugboard init: file is not a folder\n') });
    expect(cli(['init', 'a', 'b'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('expected at most one folder') });
  });
});
