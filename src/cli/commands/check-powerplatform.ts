/**
 * `plugboard check <Power Platform folder>...`: checks connector folders as they are today
 * (apiDefinition.swagger.json + apiProperties.json + readme + icon) with the rules of `check`,
 * positions in their JSON files (src/import/powerplatform-check.ts). `check` (build.ts) hands the
 * whole command here when any argument is such a folder, after answering `--help` itself.
 */
import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { hasErrors } from '../../core/diagnostic.ts';
import type { Outcome } from '../../build/outcome.ts';
import { checkPowerPlatformFolder, SWAGGER_FILE } from '../../import/powerplatform-check.ts';
import { formatOption, parseCommand } from '../args.ts';
import { createProgress } from '../progress.ts';
import { operationCount, writeReport } from '../report.ts';
import { EXIT, UsageError, display, seconds } from '../util.ts';
import { plural } from '../../core/plural.ts';

/** Options of `check` on MDX connectors that have no meaning for a folder checked as it is: parsed to say so. */
const MDX_ONLY_OPTIONS: ParseArgsOptionsConfig = {
  connectors: { type: 'string' },
  jobs: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  watch: { type: 'boolean' },
};

/** An existing real directory (not a symlink, which is never followed) holding `apiDefinition.swagger.json`. */
export function isPowerPlatformFolderArg(arg: string): boolean {
  const st = lstatSync(arg, { throwIfNoEntry: false });
  if (!st?.isDirectory()) return false;
  return lstatSync(join(arg, SWAGGER_FILE), { throwIfNoEntry: false }) !== undefined;
}

/** Why `arg` cannot be checked with Power Platform folders. */
function notAFolder(arg: string): string {
  const st = lstatSync(arg, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) return `\`${arg}\` is a symbolic link, which is not followed; name the folder itself`;
  if (st?.isDirectory()) return `\`${arg}\` holds no ${SWAGGER_FILE}`;
  return `\`${arg}\` is not a Power Platform folder; connector ids and Power Platform folders cannot be checked together`;
}

export async function runCheckPowerPlatform(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('check', argv, { format: { type: 'string' }, ...MDX_ONLY_OPTIONS });
  const format = formatOption(values, 'check');
  const given = Object.keys(MDX_ONLY_OPTIONS).filter((name) => values[name] !== undefined);
  if (given.length) throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to MDX connectors, not to Power Platform folders`, 'check');
  if (positionals.length === 0) throw new UsageError('no Power Platform folder given', 'check');
  const wrong = positionals.find((arg) => !isPowerPlatformFolderArg(arg));
  if (wrong !== undefined) throw new UsageError(notAFolder(wrong), 'check');

  const folders = [...new Set(positionals.map((arg) => resolve(arg)))];
  const started = performance.now();
  const progress = createProgress('checking', folders.length);
  const outcomes: Outcome[] = [];
  try {
    for (const [i, dir] of folders.entries()) {
      const outcome = checkPowerPlatformFolder(dir, display(dir));
      outcomes.push(outcome);
      progress.update(i + 1, folders.length, outcome.id);
    }
  } finally {
    progress.clear();
  }
  const elapsed = performance.now() - started;

  const { crashes } = writeReport(outcomes, {
    command: 'check',
    format,
    noun: 'folder',
    summary: (problems) => `Checked ${plural(folders.length, 'Power Platform folder')} (${plural(operationCount(outcomes), 'operation')}) in ${seconds(elapsed)}: ${problems}`,
  });
  return crashes.length || outcomes.some((o) => hasErrors(o.diagnostics)) ? EXIT.errors : EXIT.ok;
}
