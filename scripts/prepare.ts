/**
 * `prepare`: builds lib/ when npm installs plugboard from a git URL. npm runs `prepack` only for
 * `npm pack` / `npm publish`, not for git dependencies (npm/pacote#257), but it does run `prepare`
 * there, after installing the devDependencies this build needs. `npm pack` / `npm publish` already
 * build through `prepack`, and `npm ci` here (the README's set-up) needs no lib/: both skip.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const command = process.env.npm_command;
if (command === 'ci' || command === 'pack' || command === 'publish') process.exit(0);
const built = spawnSync(process.execPath, [join(import.meta.dirname, 'build-lib.ts')], { stdio: 'inherit' });
process.exit(built.status ?? 1);
