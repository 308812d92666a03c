/** `plugboard build` and `plugboard check`: compile connectors (with checks); build also writes the packages. */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { hasErrors } from '../../core/diagnostic.ts';
import { buildConnectors } from '../../build/index.ts';
import { ConnectorCache, DEFAULT_CACHE_LOCATION } from '../../build/cache.ts';
import type { Outcome } from '../../build/outcome.ts';
import { formatOption, jobsOption, parseCommand, stringOption } from '../args.ts';
import { resolveJobs } from '../connectors.ts';
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
  --format <name>      Diagnostics as stylish (default) or json
  --jobs <n|auto>      Compile on n threads; auto uses 2 worker threads above 120 connectors
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
  --format <name>      Diagnostics as stylish (default) or json
  --watch              Check, then re-check each connector whose files change, until Ctrl-C
  --jobs <n|auto>      Compile on n threads; auto uses 2 worker threads above 120 connectors
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
  else options.watch = { type: 'boolean' };
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
  const root = stringOption(values, 'connectors') ?? 'connectors';
  const outDir = command === 'build' ? resolve(stringOption(values, 'out') ?? DEFAULT_OUT) : undefined;
  if (values.watch === true && format !== 'stylish') throw new UsageError(`--watch prints diagnostics as stylish; --format ${format} is for a single run`, command);
  const jobs = resolveJobs(root, positionals, command);
  const cacheLocation = stringOption(values, 'cache-location');
  const cache = values.cache === true || cacheLocation !== undefined
    ? new ConnectorCache({ dir: resolve(cacheLocation ?? DEFAULT_CACHE_LOCATION), command, outDir })
    : undefined;
  if (values.watch === true) {
    const { runCheckWatch } = await import('./check-watch.ts');
    return runCheckWatch({ jobs, root: resolve(root), named: positionals.length > 0, threads, cache });
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
  const { outcomes, removed } = run;
  // The packages are written, but --out may hold a stale one: reported, and the build exits 1.
  if (outDir !== undefined && run.outError !== undefined) process.stderr.write(`plugboard ${command}: could not update ${display(outDir)}: ${describeError(run.outError)}\n`);
  const elapsed = performance.now() - started;

  const verb = command === 'build' ? 'Built' : 'Checked';
  const where = outDir ? ` into ${display(outDir)}` : '';
  const cached = cache ? ` (${cache.hits} of ${plural(jobs.length, 'connector')} from the cache)` : '';
  const removedText = removed.length ? `; removed the packages of ${plural(removed.length, 'deleted connector')}` : '';
  writeReport(outcomes, {
    command,
    format,
    noun: 'connector',
    summary: (problems) => `${verb} ${plural(jobs.length, 'connector')} (${plural(operationCount(outcomes), 'operation')})${where} in ${seconds(elapsed)}: ${problems}${cached}${removedText}`,
  });

  return exitStatus(outcomes, run.outError !== undefined);
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
