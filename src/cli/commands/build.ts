/** `plugboard build` and `plugboard check`: compile connectors (with checks); build also writes the packages. */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { hasErrors } from '../../core/diagnostic.ts';
import { buildConnectors } from '../../build/index.ts';
import { ConnectorCache, DEFAULT_CACHE_LOCATION } from '../../build/cache.ts';
import type { Outcome } from '../../build/outcome.ts';
import type { Job } from '../../build/connectors.ts';
import { formatOption, jobsOption, parseCommand, stringOption } from '../args.ts';
import { resolveJobs } from '../connectors.ts';
import { BASELINE_HELP, BASELINE_OPTIONS, CONFIG_HELP, CONFIG_OPTIONS, openBaseline, runConfig, settleBaseline, withLevels } from '../check-config.ts';
import { createProgress } from '../progress.ts';
import { operationCount, writeReport } from '../report.ts';
import { EXIT, UsageError, describeError, display, seconds } from '../util.ts';
import { plural } from '../../core/plural.ts';

/** Where `build` writes packages unless --out says otherwise: outside the site's dist/. */
export const DEFAULT_OUT = 'packages';

export const buildHelp = `Usage: plugboard build [ids...] [options]

Compiles connectors to Power Platform packages: for each connector folder
<connectors>/<id>/ (connector.mdx, actions/, triggers/, definitions/, assets) writes
<out>/<id>/apiDefinition.swagger.json, apiProperties.json, readme.md and the assets.
A connector with errors is still written, so it can be inspected.

Output folder: packages/ by default, outside dist/: the documentation site
(\`npm run build\`) owns dist/ and writes its own copy of each package, with the pages,
under dist/connectors/<id>/, so neither build overwrites or deletes the other's files.
<out>/.plugboard-build.json lists the files plugboard wrote for each connector. A file
a connector no longer has is deleted when it is built again. When all connectors are
built (no ids given), the listed files of connectors that no longer exist are deleted
too, then their folder if it is left empty. A connectors folder with no connector at
all is bad usage (exit 2, nothing built or deleted: a mistyped --connectors must not
empty --out). Nothing else is ever deleted: no file plugboard did not write, no
symbolic link (never followed, nor written through), nothing outside --out.

Arguments:
  ids                  Connector ids (folder names) to build; default: all of them

Options:
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --out <dir>          Output folder (default: packages)
  --format <name>      Diagnostics as stylish (default), json, github, sarif, markdown or junit
${CONFIG_HELP}  --jobs <n|auto>      Compile on n threads; auto uses 2 worker threads above 120 connectors
  --cache              Skip connectors unchanged since the last cached build whose package
                       is still in place (see \`plugboard check --help\`)
  --cache-location <dir>
                       Cache folder, implies --cache (default: ${DEFAULT_CACHE_LOCATION})
  -h, --help           Show this help

Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on bad usage
(also: an id that names no connector, a connectors folder with no connector in it).
A connector plugboard fails on is an error on it (connector-internal-error; the stack
with PLUGBOARD_DEBUG=1), and the others are still built.
`;

export const checkHelp = `Usage: plugboard check [ids...] [options]
       plugboard check <Power Platform folder...> [options]

Compiles connectors and runs every check, writing nothing (but the cache, with --cache).
Given Power Platform connector folders (apiDefinition.swagger.json + apiProperties.json
+ readme, as in the public connector repository), checks them as they are, with the same
rules, positions in their JSON files.

Arguments:
  ids                  Connector ids (folder names) to check; default: all of them
  folder               A Power Platform connector folder (holding apiDefinition.swagger.json)

Options:
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --format <name>      Diagnostics as stylish (default), json, github, sarif, markdown or junit
  --watch              Check, then re-check each connector whose files change, until Ctrl-C
  --since <git-ref>    Report only findings that are new since that revision (read from git
                       objects; the work tree is not touched); the exit status counts only them
  --fix                Fix in the MDX sources what is certain (see Fix below), then check again
  --fix-dry-run        Print those fixes as a unified diff, writing nothing
${CONFIG_HELP}${BASELINE_HELP}  --jobs <n|auto>      Compile on n threads; auto uses 2 worker threads above 120 connectors
  --cache              Reuse the diagnostics of connectors unchanged since the last cached run
  --cache-location <dir>
                       Cache folder, implies --cache (default: ${DEFAULT_CACHE_LOCATION})
  -h, --help           Show this help

Cache: with --cache, each connector's outcome is stored under the cache folder, keyed by a
sha256 of plugboard's version and its own source files (any plugboard or dependency update
invalidates the whole cache) and of every file in the connector folder (names and bytes). A
connector whose key has not changed is not parsed or compiled: its diagnostics are reported
from the cache, exactly as they were. Keep the folder between CI runs (restore/save it like
any build cache) to check only the connectors a pull request touched. Deleting the folder
is always safe; an unreadable entry is ignored and rewritten.

Fix: --fix mends only what has one certain fix and keeps the meaning: a misspelt key the
check suggests one key for (\`sumary\` → \`summary\`, \`x-ms-sumary\` → \`x-ms-summary\`),
the case of a visibility (\`Internal\` → \`internal\`), a final period, colon, semicolon,
comma or space of a summary (\`List items.\` → \`List items\`). It edits the MDX files in
place (nothing else in them changes), checks again (at most 3 passes), lists each fix as
\`file:line:col: what (rule)\` and reports what is left. --fix-dry-run prints the fixes of
the first pass. \`plugboard rules\` marks the rules that have a fix. Power Platform folders
are never fixed.

Watch: --watch checks everything once, then watches the connectors folder (or the
folders of the ids given) and re-checks only the connector a change is in: a file added,
changed or deleted, a connector folder added or removed; a burst of saves is checked
once. It prints that connector's diagnostics and the summary of all, clearing the screen
first on a terminal. Symbolic links are not followed. Ctrl-C stops it, exit status 0.

Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on bad usage
(also: an id that names no connector, a connectors folder with no connector in it).
A connector plugboard fails on is an error on it (connector-internal-error; the stack
with PLUGBOARD_DEBUG=1), and the others are still checked.
`;

export async function runBuild(command: 'build' | 'check', argv: string[]): Promise<number> {
  const options: ParseArgsOptionsConfig = {
    connectors: { type: 'string' },
    format: { type: 'string' },
    jobs: { type: 'string' },
    cache: { type: 'boolean' },
    'cache-location': { type: 'string' },
  };
  if (command === 'build') options.out = { type: 'string' };
  else Object.assign(options, { watch: { type: 'boolean' }, fix: { type: 'boolean' }, 'fix-dry-run': { type: 'boolean' } });
  if (command === 'check') options.since = { type: 'string' };
  Object.assign(options, CONFIG_OPTIONS, command === 'check' ? BASELINE_OPTIONS : {});
  const { values, positionals } = parseCommand(command, argv, options);
  if (values.help) {
    process.stdout.write(command === 'build' ? buildHelp : checkHelp);
    return EXIT.ok;
  }
  if (command === 'check' && positionals.length > 0) {
    // Loaded only when folders or ids are named: build and a check of every connector never load it.
    const { isPowerPlatformFolderArg, runCheckPowerPlatform } = await import('./check-powerplatform.ts');
    if (positionals.some(isPowerPlatformFolderArg)) return runCheckPowerPlatform(argv);
  }
  const format = formatOption(values, command);
  const threads = jobsOption(values, command);
  // The repository config (src/check/config.ts): its levels go with each job, its folder is the default root.
  const configRun = runConfig(values, command);
  const root = stringOption(values, 'connectors') ?? (configRun.config?.connectors !== undefined ? display(configRun.config.connectors) : 'connectors');
  const outDir = command === 'build' ? resolve(stringOption(values, 'out') ?? DEFAULT_OUT) : undefined;
  if (values.watch === true && (values.fix === true || values['fix-dry-run'] === true)) throw new UsageError('--fix and --fix-dry-run are for a single run, not with --watch', command);
  if (values.since !== undefined && (values.watch === true || values.fix === true || values['fix-dry-run'] === true)) throw new UsageError('--since is for a single check, not with --watch or --fix', command);
  if (values.watch === true && format !== 'stylish') throw new UsageError(`--watch prints diagnostics as stylish; --format ${format} is for a single run`, command);
  const jobs = withLevels(resolveJobs(root, positionals, command), configRun);
  const baseline = openBaseline(values, command);
  if (baseline && (values.watch === true || values.fix === true || values['fix-dry-run'] === true)) throw new UsageError('--baseline is for a single check, not with --watch or --fix', command);
  const cacheLocation = stringOption(values, 'cache-location');
  const cache = values.cache === true || cacheLocation !== undefined
    ? new ConnectorCache({ dir: resolve(cacheLocation ?? DEFAULT_CACHE_LOCATION), command, outDir })
    : undefined;
  if (values.watch === true) {
    const { runCheckWatch } = await import('./check-watch.ts');
    return runCheckWatch({ jobs, root: resolve(root), named: positionals.length > 0, threads, cache, levels: configRun.config || configRun.presetFlag ? configRun.levels : undefined });
  }

  if (values.fix === true || values['fix-dry-run'] === true) {
    const { runCheckFix } = await import('./check-fix.ts');
    return runCheckFix({ jobs, threads, cache, format, dryRun: values['fix-dry-run'] === true, preset: configRun.base });
  }

  const started = performance.now();
  const progress = createProgress(command === 'build' ? 'building' : 'checking', jobs.length);
  // Only a build of every connector (no ids) deletes the packages of connectors that are gone.
  const out = outDir === undefined ? undefined : { dir: outDir, prune: positionals.length === 0 };
  let run;
  try {
    run = await buildConnectors(jobs, { threads, out, cache, onDone: (done, total, id) => progress.update(done, total, id) });
  } finally {
    progress.clear();
  }
  const since = stringOption(values, 'since');
  const sinceRun = since === undefined ? undefined : await newFindingsSince(run.outcomes, jobs, since, command);
  const { outcomes: found, removed } = sinceRun ? { ...run, outcomes: sinceRun.outcomes } : run;
  // --baseline: only findings it does not hold are reported and fail the run.
  const baselined = baseline ? settleBaseline(baseline, found, jobs, positionals.length === 0, command) : undefined;
  const outcomes = baselined ? baselined.outcomes : found;
  // The packages are written, but --out may hold a stale one: reported, and the build exits 1.
  if (outDir !== undefined && run.outError !== undefined) process.stderr.write(`plugboard ${command}: could not update ${display(outDir)}: ${describeError(run.outError)}\n`);
  const elapsed = performance.now() - started;

  const verb = command === 'build' ? 'Built' : 'Checked';
  const where = outDir ? ` into ${display(outDir)}` : '';
  const cached = cache ? ` (${cache.hits} of ${plural(jobs.length, 'connector')} from the cache)` : '';
  const removedText = removed.length ? `; removed the packages of ${plural(removed.length, 'deleted connector')}` : '';
  await writeReport(outcomes, {
    command,
    format,
    noun: 'connector',
    preset: configRun.base,
    summary: (problems) => `${verb} ${plural(jobs.length, 'connector')} (${plural(operationCount(outcomes), 'operation')})${where} in ${seconds(elapsed)}: ${problems}${sinceRun ? sinceText(since!, sinceRun) : ''}${baselined?.note ?? ''}${cached}${removedText}`,
  });

  return exitStatus(outcomes, run.outError !== undefined);
}

/** `check --since`: the findings new since `ref` (src/git/since.ts); a ref that names no commit is bad usage. */
async function newFindingsSince(outcomes: Outcome[], jobs: Job[], ref: string, command: string) {
  const { findingsSince } = await import('../../git/since.ts');
  const { GitError } = await import('../../git/repo.ts');
  try {
    return await findingsSince(outcomes, jobs, ref);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`--since: ${error.message}`, command);
    throw error;
  }
}

/** ` new since main (12 findings it had already not shown)`. */
function sinceText(ref: string, run: { known: number; added: number }): string {
  const known = run.known ? `; ${plural(run.known, 'finding')} already there at \`${ref}\` not shown` : '';
  const added = run.added ? `; ${plural(run.added, 'connector')} new since then` : '';
  return ` new since \`${ref}\`${known}${added}`;
}

/**
 * 1 when any connector has an error — a connector plugboard failed on has its
 * connector-internal-error — or --out could not be brought up to date; else 0. Never 2: that
 * stays "bad usage".
 */
export function exitStatus(outcomes: readonly Outcome[], outFolderFailed = false): number {
  const failed = outFolderFailed || outcomes.some((o) => o.crash || hasErrors(o.diagnostics));
  return failed ? EXIT.errors : EXIT.ok;
}
