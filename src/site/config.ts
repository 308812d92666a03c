/** Site settings, from the environment so that tests and the bench can build other connector sets. */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/** Folders holding connector folders: `PLUGBOARD_CONNECTORS` (separated by `:`), default `connectors`. */
export function connectorRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.PLUGBOARD_CONNECTORS ?? 'connectors').split(':').filter(Boolean);
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
