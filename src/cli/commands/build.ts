/** `plugboard build` and `plugboard check`: compile connectors (with checks); build also writes the packages. */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { hasErrors, type Diagnostic } from '../../core/diagnostic.ts';
import { buildConnectors } from '../../build/index.ts';
import { ConnectorCache, DEFAULT_CACHE_LOCATION } from '../../build/cache.ts';
import type { Outcome } from '../../build/outcome.ts';
import { formatOption, jobsOption, parseCommand, stringOption } from '../args.ts';
import { resolveJobs } from '../connectors.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { createProgress } from '../progress.ts';
import { EXIT, describeError, display, plural, seconds, useColor } from '../util.ts';

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
too, then their folder if it is left empty; not when the connectors folder holds no
connector at all (a mistyped --connectors must not empty --out). Nothing else is ever
deleted: no file plugboard did not write, no symbolic link (never followed, nor
written through), nothing outside --out.

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

Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on bad usage.
A connector plugboard fails on is an error on it (connector-internal-error; the stack
with PLUGBOARD_DEBUG=1), and the others are still built.
`;

export const checkHelp = `Usage: plugboard check [ids...] [options]

Compiles connectors and runs every check, writing nothing (but the cache, with --cache).

Arguments:
  ids                  Connector ids (folder names) to check; default: all of them

Options:
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --format <name>      Diagnostics as stylish (default) or json
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

Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on bad usage.
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
  const { values, positionals } = parseCommand(command, argv, options);
  if (values.help) {
    process.stdout.write(command === 'build' ? buildHelp : checkHelp);
    return EXIT.ok;
  }
  const format = formatOption(values, command);
  const threads = jobsOption(values, command);
  const root = stringOption(values, 'connectors') ?? 'connectors';
  const outDir = command === 'build' ? resolve(stringOption(values, 'out') ?? DEFAULT_OUT) : undefined;
  const jobs = resolveJobs(root, positionals, command);
  const cacheLocation = stringOption(values, 'cache-location');
  const cache = values.cache === true || cacheLocation !== undefined
    ? new ConnectorCache({ dir: resolve(cacheLocation ?? DEFAULT_CACHE_LOCATION), command, outDir })
    : undefined;

  const started = performance.now();
  const progress = createProgress(command === 'build' ? 'building' : 'checking', jobs.length);
  // Only a build of every connector (no ids) deletes the packages of connectors that are gone.
  const out = outDir === undefined ? undefined : { dir: outDir, prune: positionals.length === 0 && jobs.length > 0 };
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

  const diagnostics: Diagnostic[] = outcomes.flatMap((o) => o.diagnostics);
  const report = FORMATTERS[format]!(diagnostics, { color: format === 'stylish' && useColor(process.stdout) });
  if (format === 'json' || report) process.stdout.write(report);

  // The report holds each failure as a connector-internal-error; the stack is for debugging only.
  const crashes = outcomes.filter((o) => o.crash);
  if (process.env.PLUGBOARD_DEBUG === '1') {
    for (const o of crashes) process.stderr.write(`plugboard ${command}: failed on connector ${o.id} while ${o.crash!.phase}: ${o.crash!.stack ?? o.crash!.message}\n`);
  }

  const operations = outcomes.reduce((n, o) => n + o.operations, 0);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const verb = command === 'build' ? 'Built' : 'Checked';
  const where = outDir ? ` into ${display(outDir)}` : '';
  const infos = diagnostics.length - errors - warnings;
  const problems = diagnostics.length
    ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${infos} info` : ''}`
    : 'no problems';
  const failed = crashes.length ? `, ${plural(crashes.length, 'connector')} failed` : '';
  const cached = cache ? ` (${cache.hits} of ${plural(jobs.length, 'connector')} from the cache)` : '';
  const removedText = removed.length ? `; removed the packages of ${plural(removed.length, 'deleted connector')}` : '';
  const summary = jobs.length
    ? `${verb} ${plural(jobs.length, 'connector')} (${plural(operations, 'operation')})${where} in ${seconds(elapsed)}: ${problems}${failed}${cached}${removedText}\n`
    : `No connectors in ${display(resolve(root))}${removedText}\n`;
  // With --format json, stdout holds the JSON alone.
  (format === 'json' ? process.stderr : process.stdout).write(summary);

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
