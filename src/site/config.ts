/**
 * Site settings, from the environment: `plugboard site` (src/cli/commands/site.ts) sets them from its
 * options, and tests and the bench set them to build other connector sets.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { editLinkOf, gitRepositoryOf, repoPath } from './edit-links.ts';

/**
 * The folder the site is built for — the connector repository, where relative paths start and
 * file names are shown from: `PLUGBOARD_CWD`, default the working directory. `plugboard site` runs
 * Astro in plugboard's own folder, so that Astro's server build resolves plugboard's dependencies
 * (src/cli/commands/site.ts), and names the repository here.
 */
export function siteCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLUGBOARD_CWD ? resolve(env.PLUGBOARD_CWD) : process.cwd();
}

/** Folders holding connector folders: `PLUGBOARD_CONNECTORS` (separated by `:`), default `connectors`. */
export function connectorRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PLUGBOARD_CONNECTORS ?? 'connectors').split(':').filter(Boolean);
}

/**
 * Threads compiling the connectors: `PLUGBOARD_SITE_JOBS` as `plugboard build --jobs` takes it
 * (1 = this thread, n = n worker threads); default `auto`, 2 worker threads above 120 connectors.
 */
export function siteThreads(env: NodeJS.ProcessEnv = process.env): number | 'auto' {
  const n = Number(env.PLUGBOARD_SITE_JOBS);
  return env.PLUGBOARD_SITE_JOBS && Number.isInteger(n) && n >= 1 ? n : 'auto';
}

/**
 * The "Edit this file" link of a connector file (absolute, or relative to siteCwd),
 * or undefined when there is none to give. `PLUGBOARD_EDIT_LINKS=off` (`plugboard site
 * --no-edit-links`) turns the links off; `PLUGBOARD_EDIT_URL` (`--edit-url`) is a base URL to which
 * the file's path in its git repository is appended. Otherwise the link is derived from the git
 * repository holding the file (edit-links.ts): its `origin` remote on GitHub, GitLab or Bitbucket
 * and its branch; a file outside git, another host or a detached HEAD outside CI gets no link.
 */
export function editUrl(file: string, env: NodeJS.ProcessEnv = process.env, cwd = siteCwd(env)): string | undefined {
  if (env.PLUGBOARD_EDIT_LINKS === 'off') return undefined;
  const abs = resolve(cwd, file);
  const repo = gitRepositoryOf(abs);
  const path = repoPath(repo?.top ?? cwd, abs);
  if (path === undefined) return undefined;
  if (env.PLUGBOARD_EDIT_URL) return env.PLUGBOARD_EDIT_URL.replace(/\/*$/, '/') + path;
  return repo ? editLinkOf(repo, path, env) : undefined;
}

/**
 * The path the site is served under (`plugboard site --base`, `PLUGBOARD_SITE_BASE`): `/` at the root
 * of a host, `/<repo>/` for a GitHub Pages project site. astro.config.mjs gives Astro the same base.
 */
export function siteBase(env: NodeJS.ProcessEnv = process.env): string {
  const segments = (env.PLUGBOARD_SITE_BASE ?? '').split('/').filter(Boolean);
  return segments.length ? `/${segments.join('/')}/` : '/';
}

/** A link to a page or file of the site, given from the site's root (`/connectors/x/`), under siteBase. */
export function sitePath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return siteBase(env) + path.replace(/^\/+/, '');
}

/** Output folder of the site build: `PLUGBOARD_SITE_OUT`, default `dist`. */
export function siteOutDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(siteCwd(env), env.PLUGBOARD_SITE_OUT ?? 'dist');
}

/**
 * Where the site build keeps the compiled packages it serves (one folder per connector set and
 * output folder, under node_modules/.cache/plugboard-site of the working folder, beside Astro's
 * caches — astro.config.mjs): `PLUGBOARD_SITE_CACHE` overrides it.
 */
export function packageCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = siteCwd(env)): string {
  if (env.PLUGBOARD_SITE_CACHE) return resolve(env.PLUGBOARD_SITE_CACHE);
  const key = createHash('sha256').update(`${connectorRoots(env).map((r) => resolve(cwd, r)).join(':')}\0${siteOutDir(env)}`).digest('hex').slice(0, 12);
  return join(cwd, 'node_modules', '.cache', 'plugboard-site', 'packages', key);
}
