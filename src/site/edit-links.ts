/**
 * "Edit this file" links from git: the repository holding a file (found by its `.git`, then asked
 * for its branch and `origin` remote once per repository and build — two short git commands, never
 * through a shell, each with a timeout), and the host's edit page for a path in it. Used by
 * config.ts `editUrl`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A git work tree: its top folder as the file paths spell it, its branch and its `origin` URL. */
export interface GitRepository {
  top: string;
  branch?: string;
  remote?: string;
}

/** Long enough for a cold disk, short enough that a hung git (a credential prompt) cannot stall a build. */
const GIT_TIMEOUT_MS = 5_000;

const repositories = new Map<string, GitRepository>();
const topOfDir = new Map<string, string | undefined>();

/** Forgets what git said, for tests that change a repository between builds. */
export function forgetGitRepositories(): void {
  repositories.clear();
  topOfDir.clear();
}

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', timeout: GIT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The nearest folder at or above `dir` holding a `.git` (folder, or file for worktrees and submodules). */
function workTreeTop(dir: string): string | undefined {
  const seen: string[] = [];
  let top: string | undefined;
  for (let d = dir; ; d = dirname(d)) {
    if (topOfDir.has(d)) {
      top = topOfDir.get(d);
      break;
    }
    seen.push(d);
    if (existsSync(join(d, '.git'))) {
      top = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  for (const d of seen) topOfDir.set(d, top);
  return top;
}

/** The git work tree holding `file` (an absolute path), or undefined outside git. */
export function gitRepositoryOf(file: string): GitRepository | undefined {
  const top = workTreeTop(dirname(file));
  if (top === undefined) return undefined;
  const known = repositories.get(top);
  if (known) return known;
  // symbolic-ref, not rev-parse: it names the branch of a repository with no commit yet too, and
  // nothing on a detached HEAD.
  const branch = git(top, ['symbolic-ref', '--short', '-q', 'HEAD']);
  const remote = git(top, ['config', '--get', 'remote.origin.url']);
  const repo: GitRepository = { top, ...(branch !== undefined ? { branch } : {}), ...(remote !== undefined ? { remote } : {}) };
  repositories.set(top, repo);
  return repo;
}

/** `file` relative to `top` with `/` separators, URL-encoded per segment; undefined when it is not inside `top`. */
export function repoPath(top: string, file: string): string | undefined {
  const rel = relative(top, file);
  if (rel === '' || rel.startsWith('..') || /^[a-zA-Z]:|^[\\/]/.test(rel)) return undefined;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/** Web address of a repository on a known host, from a remote URL (https, ssh or `git@host:owner/repo.git`). */
export interface RepositoryWeb {
  host: 'github' | 'gitlab' | 'bitbucket';
  /** `https://host/owner/repo`, without credentials or `.git`. */
  url: string;
}

const HOSTS: Readonly<Record<string, RepositoryWeb['host']>> = { 'github.com': 'github', 'gitlab.com': 'gitlab', 'bitbucket.org': 'bitbucket' };

export function repositoryWeb(remote: string, env: NodeJS.ProcessEnv = process.env): RepositoryWeb | undefined {
  let hostname: string;
  let path: string;
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.+)$/.exec(remote);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    hostname = scp[1]!;
    path = scp[2]!;
  } else {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    hostname = url.hostname;
    path = decodeURIComponent(url.pathname);
  }
  hostname = hostname.toLowerCase();
  // GitHub Enterprise Server: the server CI runs on (GITHUB_SERVER_URL) is a GitHub.
  const server = env.GITHUB_SERVER_URL ? safeHostname(env.GITHUB_SERVER_URL) : undefined;
  const host = HOSTS[hostname] ?? (server !== undefined && hostname === server ? 'github' : undefined);
  if (!host) return undefined;
  const segments = path.replace(/\.git\/?$/, '').split('/').filter(Boolean);
  if (segments.length < 2 || segments.some((s) => !/^[\w.-]+$/.test(s) || s === '.' || s === '..')) return undefined;
  return { host, url: `https://${hostname}/${segments.join('/')}` };
}

function safeHostname(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The edit page of `path` (repoPath's form) in `repo`, on its branch — in CI the branch GitHub
 * Actions names (GITHUB_HEAD_REF for a pull request, else GITHUB_REF_NAME), where the checkout is
 * often a detached HEAD, and the repository GITHUB_REPOSITORY names when there is no `origin`.
 */
export function editLinkOf(repo: GitRepository, path: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || repo.branch;
  const remote = repo.remote ?? (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined);
  if (!branch || !remote) return undefined;
  const web = repositoryWeb(remote, env);
  if (!web) return undefined;
  const ref = branch.split('/').map(encodeURIComponent).join('/');
  switch (web.host) {
    case 'github':
      return `${web.url}/edit/${ref}/${path}`;
    case 'gitlab':
      return `${web.url}/-/edit/${ref}/${path}`;
    case 'bitbucket':
      return `${web.url}/src/${ref}/${path}?mode=edit`;
  }
}
