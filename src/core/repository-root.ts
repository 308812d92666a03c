import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The nearest folder up from `dir` holding `.git` (a folder, or a file in a worktree); else `dir`.
 * Where reports make paths relative and where the `.env` of live calls is read, for every command
 * and the dev server alike.
 */
export function repositoryRoot(dir: string): string {
  let at = resolve(dir);
  for (let i = 0; i < 256; i++) {
    if (existsSync(join(at, '.git'))) return at;
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  return resolve(dir);
}
