/**
 * Reading a connector at a git revision from git objects: the same source as the file loader reads
 * from a checkout, the work tree and index untouched, refs validated, symbolic links and files over
 * the size limits left out as the loader leaves them out. Each test builds a throwaway repository.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { LIMITS } from '../../src/core/safe-fs.ts';
import { GitError, GitRepo, refProblem } from '../../src/git/repo.ts';
import { loadRevisionConnector } from '../../src/git/source.ts';
import { connector, getItem } from '../../src/check/diff-examples.ts';
import { git, repoWith, write } from './helpers.ts';

let root: string;
let repo: GitRepo | undefined;

beforeEach(() => {
  root = repoWith({ 'connectors/contoso/connector.mdx': connector('1.0'), 'connectors/contoso/actions/GetItem.mdx': getItem(), 'connectors/contoso/icon.png': 'png' });
});

afterEach(() => {
  repo?.close();
  repo = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe('GitRepo', () => {
  it('validates refs before git sees them, and names the commit of a good one', async () => {
    repo = await GitRepo.open(root);
    expect(refProblem('--upload-pack=touch /tmp/x')).toMatch(/cannot start with `-`/);
    expect(refProblem('main branch')).toMatch(/spaces/);
    expect(refProblem('a'.repeat(300))).toMatch(/256/);
    await expect(repo.commit('-x')).rejects.toThrow(GitError);
    await expect(repo.commit('no-such-branch')).rejects.toThrow(/names no commit/);
    const head = git(root, 'rev-parse', 'HEAD').trim();
    expect(await repo.commit('main')).toBe(head);
    // A tree or blob is not a commit.
    await expect(repo.commit('main^{tree}')).rejects.toThrow(/names no commit/);
  });

  it('maps paths into the repository, and refuses paths outside it', async () => {
    repo = await GitRepo.open(join(root, 'connectors'));
    expect(repo.repoPath('contoso', join(root, 'connectors'))).toBe('connectors/contoso');
    expect(repo.repoPath(root)).toBe('');
    expect(repo.repoPath(tmpdir())).toBeUndefined();
  });
});

describe('loadRevisionConnector', () => {
  it('reads the same source from git objects as the file loader from a checkout, touching nothing', async () => {
    repo = await GitRepo.open(root);
    const commit = await repo.commit('main');
    // The work tree moves on; the revision is read as committed.
    write(root, { 'connectors/contoso/actions/GetItem.mdx': getItem('Changed in the work tree') });
    const status = git(root, 'status', '--porcelain');
    const index = statSync(join(root, '.git', 'index')).mtimeMs;
    const source = await loadRevisionConnector(repo, commit, 'connectors/contoso', 'connectors/contoso');
    expect(source).toBeDefined();
    expect(source!.actions.map((f) => f.text)).toEqual([getItem()]);
    expect([...source!.assets.keys()]).toEqual(['icon.png']);
    expect(readFileSync(join(root, 'connectors/contoso/actions/GetItem.mdx'), 'utf8')).toBe(getItem('Changed in the work tree'));
    // The index is not written (`git status` below may refresh it, so it is looked at first).
    expect(statSync(join(root, '.git', 'index')).mtimeMs).toBe(index);
    expect(git(root, 'status', '--porcelain')).toBe(status);

    // Compiled, it is the committed connector exactly: a checkout of the commit gives the same.
    const checkout = mkdtempSync(join(tmpdir(), 'plugboard-checkout-'));
    try {
      write(checkout, { 'contoso/connector.mdx': connector('1.0'), 'contoso/actions/GetItem.mdx': getItem(), 'contoso/icon.png': 'png' });
      const fromDisk = compileAndCheck(loadConnector(join(checkout, 'contoso'), 'connectors/contoso'));
      const fromGit = compileAndCheck(source!);
      expect(fromGit.swagger).toEqual(fromDisk.swagger);
      expect(fromGit.diagnostics.map(String)).toEqual(fromDisk.diagnostics.map(String));
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it('is undefined for a folder the revision does not have', async () => {
    repo = await GitRepo.open(root);
    expect(await loadRevisionConnector(repo, await repo.commit('main'), 'connectors/fabrikam', 'connectors/fabrikam')).toBeUndefined();
  });

  it('leaves out a symbolic link in the tree (never followed) and a file over the size limit, as the loader does', async () => {
    symlinkSync('/etc/passwd', join(root, 'connectors/contoso/secret.txt'));
    symlinkSync('../../..', join(root, 'connectors/contoso/actions/Up.mdx'));
    writeFileSync(join(root, 'connectors/contoso/big.csv'), Buffer.alloc(LIMITS.assetBytes + 1, 97));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'links');
    repo = await GitRepo.open(root);
    const source = (await loadRevisionConnector(repo, await repo.commit('HEAD'), 'connectors/contoso', 'connectors/contoso'))!;
    expect(source.findings.map((f) => `${f.ruleId} ${f.file}: ${f.message}`).sort()).toEqual([
      'connector-file-unsafe connectors/contoso/actions/Up.mdx: Left out `Up.mdx`: it is a symbolic link; links are not followed',
      'connector-file-unsafe connectors/contoso/secret.txt: Left out `secret.txt`: it is a symbolic link; links are not followed',
      'source-limit connectors/contoso/big.csv: Left out `big.csv`: it is 4.0 MB; the limit is 4.0 MB'.replace('4.0 MB; the limit is 4.0 MB', `${(LIMITS.assetBytes + 1).toLocaleString('en-US')} bytes; the limit is ${LIMITS.assetBytes.toLocaleString('en-US')} bytes`),
    ]);
    expect(source.assets.has('secret.txt')).toBe(false);
    expect(source.actions.map((f) => f.path)).toEqual(['connectors/contoso/actions/GetItem.mdx']);
  });
});
