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

  it('writes workflows that parse: check --since, SARIF, diff and site on pull requests, one sticky comment, Pages from main', () => {
    const dir = tempDir();
    expect(cli(['init'], dir).code).toBe(0);
    const tree = initTree(dir);
    type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; env?: Record<string, string>; jobs: Record<string, { if?: string; needs?: string; permissions?: Record<string, string>; steps: Step[] }> };
    const review = parse(tree.get('.github/workflows/review.yml')!) as Workflow;
    expect(Object.keys(review.on)).toEqual(['pull_request']);
    expect(review.permissions).toEqual({ contents: 'read' });
    expect(review.env).toEqual({ BASE: '${{ github.event.pull_request.base.sha }}' });
    const runs = (job: string) => review.jobs[job]!.steps.map((s) => s.run).filter(Boolean);
    const uses = (steps: Step[]) => steps.map((s) => s.uses).filter(Boolean);

    // check: annotations, then SARIF uploaded to code scanning (not for forks, whose token cannot).
    const check = review.jobs.check!;
    expect(check.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(check.steps[0]).toEqual({ uses: 'actions/checkout@v6', with: { 'fetch-depth': 0 } });
    expect(runs('check')).toEqual([
      'npm ci',
      'npx plugboard check --since "$BASE" --format github',
      'npx plugboard check --since "$BASE" --format sarif > plugboard.sarif || [ $? -eq 1 ]',
    ]);
    const upload = check.steps.find((s) => s.uses === 'github/codeql-action/upload-sarif@v4')!;
    expect(upload.with).toEqual({ sarif_file: 'plugboard.sarif', category: 'plugboard' });
    expect((upload as { if: string }).if).toContain('github.event.pull_request.head.repo.full_name == github.repository');

    // diff: markdown saved with the pull request's number as an artifact; a breaking change fails after it.
    const diff = review.jobs.diff!;
    expect(diff.permissions).toBeUndefined();
    expect(runs('diff')[1]).toContain('npx plugboard diff "$BASE" --format markdown > plugboard-diff.md');
    expect(diff.steps.find((s) => s.uses === 'actions/upload-artifact@v6')?.with).toMatchObject({ name: 'plugboard-diff', path: 'plugboard-diff.md\npull-request-number\n' });
    expect(runs('site')).toEqual(['npm ci', 'npx plugboard site']);
    for (const job of Object.values(review.jobs)) expect(uses(job.steps)).toContain('actions/setup-node@v6');

    // The comment: a workflow_run with write rights that never checks out the pull request.
    const comment = parse(tree.get('.github/workflows/review-comment.yml')!) as Workflow;
    expect(comment.on).toEqual({ workflow_run: { workflows: ['Review'], types: ['completed'] } });
    expect(comment.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    const commentSteps = comment.jobs.comment!.steps;
    expect(uses(commentSteps)).toEqual(['actions/download-artifact@v7', 'actions/github-script@v8']);
    expect(commentSteps.some((s) => s.uses?.startsWith('actions/checkout') || s.run)).toBe(false);
    const script = String(commentSteps[1]!.with!.script);
    expect(script).toContain("const marker = '<!-- plugboard:diff -->';");
    expect(script).toContain('github.rest.issues.updateComment');
    expect(script).toContain('github.rest.issues.createComment');
    expect(script).toContain('pull.head.sha !== context.payload.workflow_run.head_sha');
    // The script is valid JavaScript (github-script runs it as the body of an async function).
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => unknown;
    expect(() => new AsyncFunction('require', 'github', 'context', script)).not.toThrow();

    const pages = parse(tree.get('.github/workflows/pages.yml')!) as Workflow & { on: { push: { branches: string[] } } };
    expect(pages.on.push.branches).toEqual(['main']);
    expect(pages.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    const build = pages.jobs.build!.steps;
    expect(build.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npx plugboard site --base "/${{ github.event.repository.name }}/"']);
    expect(build.find((s) => s.uses === 'actions/upload-pages-artifact@v4')?.with).toEqual({ path: 'dist' });
    expect(pages.jobs.deploy!.needs).toBe('build');
    expect(uses(pages.jobs.deploy!.steps)).toEqual(['actions/deploy-pages@v4']);

    // Every action is pinned to a major version.
    const all = [review, comment, pages].flatMap((w) => Object.values(w.jobs).flatMap((j) => uses(j.steps)));
    for (const action of all) expect(action).toMatch(/^[\w-]+\/[\w/-]+@v\d+$/);

    expect(JSON.parse(tree.get('plugboard.config.json')!)).toEqual({ preset: 'recommended' });
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
      'plugboard init: 4 files are already there; nothing was written:\n' +
        '  .github/workflows/pages.yml\n  .github/workflows/review-comment.yml\n  .github/workflows/review.yml\n  README.md\n' +
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
