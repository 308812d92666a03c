/** Site settings, from the environment so that tests and the bench can build other connector sets. */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

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

/** Base URL of "edit this file" links; the repo-relative path of the file is appended. */
export function editBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.PLUGBOARD_EDIT_URL ?? 'https://github.com/plugboard/plugboard/edit/main/';
}

/** Output folder of the site build: `PLUGBOARD_SITE_OUT`, default `dist`. */
export function siteOutDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PLUGBOARD_SITE_OUT ?? 'dist');
}

/**
 * Where the site build keeps the compiled packages it serves (one folder per connector set and
 * output folder, under node_modules/.astro): `PLUGBOARD_SITE_CACHE` overrides it.
 */
export function packageCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.PLUGBOARD_SITE_CACHE) return resolve(env.PLUGBOARD_SITE_CACHE);
  const key = createHash('sha256').update(`${connectorRoots(env).map((r) => resolve(cwd, r)).join(':')}\0${siteOutDir(env)}`).digest('hex').slice(0, 12);
  return join(cwd, 'node_modules', '.astro', 'plugboard-packages', key);
}
