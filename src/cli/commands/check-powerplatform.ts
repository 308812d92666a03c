/**
 * `plugboard check <Power Platform folder>...`: checks connector folders as they are today
 * (apiDefinition.swagger.json + apiProperties.json + readme + icon) with the rules of `check`,
 * positions in their JSON files (src/import/powerplatform-check.ts). `check` (build.ts) hands the
 * whole command here when any argument is such a folder, after answering `--help` itself.
 */
import { lstatSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { hasErrors } from '../../core/diagnostic.ts';
import type { Outcome } from '../../build/outcome.ts';
import { checkPowerPlatformFolder, SWAGGER_FILE } from '../../import/powerplatform-check.ts';
import { formatOption, parseCommand } from '../args.ts';
import { BASELINE_OPTIONS, CONFIG_OPTIONS, openBaseline, runConfig, settleBaseline } from '../check-config.ts';
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
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
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
  const { values, positionals } = parseCommand('check', argv, { format: { type: 'string' }, since: { type: 'string' }, ...CONFIG_OPTIONS, ...BASELINE_OPTIONS, ...MDX_ONLY_OPTIONS });
  const format = formatOption(values, 'check');
  const given = Object.keys(MDX_ONLY_OPTIONS).filter((name) => values[name] !== undefined);
  if (given.length) throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to MDX connectors, not to Power Platform folders`, 'check');
  if (positionals.length === 0) throw new UsageError('no Power Platform folder given', 'check');
  const wrong = positionals.find((arg) => !isPowerPlatformFolderArg(arg));
  if (wrong !== undefined) throw new UsageError(notAFolder(wrong), 'check');

  const folders = [...new Set(positionals.map((arg) => resolve(arg)))];
  // The repository config: a folder's JSON has no comments, so its `overrides` are the way to disable a rule for one folder.
  const configRun = runConfig(values, 'check');
  const baseline = openBaseline(values, 'check');
  const started = performance.now();
  const progress = createProgress('checking', folders.length);
  const outcomes: Outcome[] = [];
  try {
    for (const [i, dir] of folders.entries()) {
      const preset = configRun.config || configRun.presetFlag ? configRun.levels({ id: basename(dir), dir }) : undefined;
      const outcome = checkPowerPlatformFolder(dir, display(dir), preset ? { preset } : {});
      outcomes.push(outcome);
      progress.update(i + 1, folders.length, outcome.id);
    }
  } finally {
    progress.clear();
  }
  const elapsed = performance.now() - started;
  // --since: only the findings new since that revision (src/git/since.ts); the exit status counts only them.
  if (typeof values.since === 'string') outcomes.splice(0, outcomes.length, ...(await foldersSince(outcomes, folders, values.since)));
  // --baseline: a folder is known by its path relative to the baseline file; only the named folders were checked.
  const baselined = baseline ? settleBaseline(baseline, outcomes, folders.map((dir) => ({ dir, display: display(dir) })), false, 'check') : undefined;
  const reported = baselined ? baselined.outcomes : outcomes;

  const { crashes } = await writeReport(reported, {
    command: 'check',
    format,
    noun: 'folder',
    preset: configRun.base,
    summary: (problems) => `Checked ${plural(folders.length, 'Power Platform folder')} (${plural(operationCount(reported), 'operation')}) in ${seconds(elapsed)}: ${problems}${baselined?.note ?? ''}`,
  });
  return crashes.length || reported.some((o) => hasErrors(o.diagnostics)) ? EXIT.errors : EXIT.ok;
}

/** `check --since <ref>` on folders: each folder's outcome less the findings it had at `ref`; a bad ref is bad usage. */
async function foldersSince(outcomes: Outcome[], folders: string[], ref: string): Promise<Outcome[]> {
  const { folderFindingsSince } = await import('../../git/since.ts');
  const { GitError } = await import('../../git/repo.ts');
  try {
    const run = await folderFindingsSince(outcomes, folders, ref, (dir) => display(dir));
    process.stderr.write(`plugboard check: ${run.known} finding${run.known === 1 ? '' : 's'} already there at \`${ref}\` not shown${run.added ? `; ${run.added} folder${run.added === 1 ? '' : 's'} new since then` : ''}\n`);
    return run.outcomes;
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`--since: ${error.message}`, 'check');
    throw error;
  }
}
