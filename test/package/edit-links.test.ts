/** "Edit this file" links derived from the git repository holding a connector file (src/site/edit-links.ts). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { editUrl } from '../../src/site/config.ts';
import { forgetGitRepositories, repositoryWeb } from '../../src/site/edit-links.ts';

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'plugboard-edit-links-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => forgetGitRepositories());

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
}

/** A git repository holding `connectors/demo/connector.mdx`, with `origin` set to `remote` when given. */
function repository(name: string, remote?: string, branch = 'main'): string {
  const root = join(tmp, name);
  mkdirSync(join(root, 'connectors', 'demo', 'actions'), { recursive: true });
  writeFileSync(join(root, 'connectors', 'demo', 'connector.mdx'), '---\ntitle: Demo\n---\n');
  writeFileSync(join(root, 'connectors', 'demo', 'actions', 'Get Thing.mdx'), '---\n---\n');
  git(root, 'init', '-q');
  git(root, 'checkout', '-q', '-b', branch);
  if (remote) git(root, 'remote', 'add', 'origin', remote);
  return root;
}

describe('editUrl', () => {
  it('links a GitHub https remote to the file at its repository path on the current branch', () => {
    const root = repository('https', 'https://github.com/acme/connectors.git');
    expect(editUrl(join(root, 'connectors/demo/connector.mdx'), {})).toBe('https://github.com/acme/connectors/edit/main/connectors/demo/connector.mdx');
  });

  it('uses the path inside the repository, not the working directory, for a file in another repository', () => {
    repository('other', 'git@github.com:acme/other-repo.git', 'feature/edit');
    const cwd = join(tmp, 'https');
    const link = editUrl(`../other/connectors/demo/actions/Get Thing.mdx`, {}, cwd);
    expect(link).toBe('https://github.com/acme/other-repo/edit/feature/edit/connectors/demo/actions/Get%20Thing.mdx');
    expect(link).not.toContain('..');
  });

  it('gives GitLab its -/edit form, with nested groups', () => {
    const root = repository('gitlab', 'ssh://git@gitlab.com/group/sub/repo.git');
    expect(editUrl(join(root, 'connectors/demo/connector.mdx'), {})).toBe('https://gitlab.com/group/sub/repo/-/edit/main/connectors/demo/connector.mdx');
  });

  it('drops credentials a CI checkout put into the remote URL', () => {
    const root = repository('token', 'https://x-access-token:secret@github.com/acme/private.git');
    const link = editUrl(join(root, 'connectors/demo/connector.mdx'), {});
    expect(link).toBe('https://github.com/acme/private/edit/main/connectors/demo/connector.mdx');
  });

  it('takes the branch GitHub Actions names over a detached checkout', () => {
    const root = repository('ci', 'https://github.com/acme/ci.git');
    const file = join(root, 'connectors/demo/connector.mdx');
    expect(editUrl(file, { GITHUB_REF_NAME: 'release' })).toBe('https://github.com/acme/ci/edit/release/connectors/demo/connector.mdx');
    expect(editUrl(file, { GITHUB_HEAD_REF: 'fix-x', GITHUB_REF_NAME: '12/merge' })).toBe('https://github.com/acme/ci/edit/fix-x/connectors/demo/connector.mdx');
  });

  it('gives no link for an unknown host, a repository without origin, or a file outside git', () => {
    const unknown = repository('unknown', 'https://git.example.com/acme/repo.git');
    expect(editUrl(join(unknown, 'connectors/demo/connector.mdx'), {})).toBeUndefined();
    const bare = repository('no-origin');
    expect(editUrl(join(bare, 'connectors/demo/connector.mdx'), {})).toBeUndefined();
    const outside = join(tmp, 'outside');
    mkdirSync(outside, { recursive: true });
    expect(editUrl(join(outside, 'connector.mdx'), {}, outside)).toBeUndefined();
  });

  it('appends the repository path to --edit-url, and --no-edit-links gives none', () => {
    const root = repository('override', 'https://github.com/acme/override.git');
    const file = join(root, 'connectors/demo/connector.mdx');
    expect(editUrl(file, { PLUGBOARD_EDIT_URL: 'https://example.test/edit/main' })).toBe('https://example.test/edit/main/connectors/demo/connector.mdx');
    expect(editUrl(file, { PLUGBOARD_EDIT_LINKS: 'off' })).toBeUndefined();
  });
});

describe('repositoryWeb', () => {
  it('reads the remote URL forms git accepts and refuses what is not a repository path', () => {
    expect(repositoryWeb('git@github.com:acme/repo.git', {})).toEqual({ host: 'github', url: 'https://github.com/acme/repo' });
    expect(repositoryWeb('https://github.com/acme/repo', {})).toEqual({ host: 'github', url: 'https://github.com/acme/repo' });
    expect(repositoryWeb('git@bitbucket.org:team/repo.git', {})).toEqual({ host: 'bitbucket', url: 'https://bitbucket.org/team/repo' });
    expect(repositoryWeb('https://ghe.corp.test/acme/repo.git', { GITHUB_SERVER_URL: 'https://ghe.corp.test' })).toEqual({ host: 'github', url: 'https://ghe.corp.test/acme/repo' });
    expect(repositoryWeb('/srv/git/repo.git', {})).toBeUndefined();
    expect(repositoryWeb('file:///srv/git/repo.git', {})).toBeUndefined();
    expect(repositoryWeb('https://github.com/acme', {})).toBeUndefined();
    expect(repositoryWeb('https://github.com/acme/%2e%2e/x', {})).toBeUndefined();
  });
});
