/** `plugboard build` and `plugboard check`: compile connectors (with checks); build also writes the packages. */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { hasErrors, type Diagnostic } from '../../core/diagnostic.ts';
import { formatOption, jobsOption, parseCommand, stringOption } from '../args.ts';
import { ConnectorCache, DEFAULT_CACHE_LOCATION } from '../cache.ts';
import { compileAll } from '../compile-all.ts';
import type { Outcome } from '../outcome.ts';
import { resolveJobs } from '../connectors.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { createProgress } from '../progress.ts';
import { EXIT, display, plural, seconds, useColor } from '../util.ts';

export const buildHelp = `Usage: plugboard build [ids...] [options]

Compiles connectors to Power Platform packages: for each connector folder
<connectors>/<id>/ (connector.mdx, actions/, triggers/, definitions/, assets) writes
<out>/<id>/apiDefinition.swagger.json, apiProperties.json, readme.md and the assets.
A connector with errors is still written, so it can be inspected.

Arguments:
  ids                  Connector ids (folder names) to build; default: all of them

Options:
  --connectors <dir>   Folder holding the connector folders (default: connectors)
  --out <dir>          Output folder (default: dist/connectors)
  --format <name>      Diagnostics as stylish (default) or json
  --jobs <n|auto>      Compile on n threads; auto uses 2 worker threads above 120 connectors
  --cache              Skip connectors unchanged since the last cached build whose package
                       is still in place (see \`plugboard check --help\`)
  --cache-location <dir>
                       Cache folder, implies --cache (default: ${DEFAULT_CACHE_LOCATION})
  -h, --help           Show this help

Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on bad usage.
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
  const outDir = command === 'build' ? resolve(stringOption(values, 'out') ?? 'dist/connectors') : undefined;
  const jobs = resolveJobs(root, positionals, command);
  const cacheLocation = stringOption(values, 'cache-location');
  const cache = values.cache === true || cacheLocation !== undefined
    ? new ConnectorCache({ dir: resolve(cacheLocation ?? DEFAULT_CACHE_LOCATION), command, outDir })
    : undefined;

  const started = performance.now();
  const progress = createProgress(command === 'build' ? 'building' : 'checking', jobs.length);
  let outcomes: Outcome[];
  try {
    outcomes = await compileAll(jobs, { outDir, jobs: threads, cache, onDone: (done, total, id) => progress.update(done, total, id) });
  } finally {
    progress.clear();
  }
  const elapsed = performance.now() - started;

  const diagnostics: Diagnostic[] = outcomes.flatMap((o) => o.diagnostics);
  const report = FORMATTERS[format]!(diagnostics, { color: format === 'stylish' && useColor(process.stdout) });
  if (format === 'json' || report) process.stdout.write(report);

  const crashes = outcomes.filter((o) => o.crash);
  for (const o of crashes) {
    const detail = process.env.PLUGBOARD_DEBUG === '1' && o.crash!.stack ? o.crash!.stack : o.crash!.message;
    process.stderr.write(`plugboard ${command}: internal error in connector ${o.id}: ${detail}\n`);
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
  const summary = jobs.length
    ? `${verb} ${plural(jobs.length, 'connector')} (${plural(operations, 'operation')})${where} in ${seconds(elapsed)}: ${problems}${failed}${cached}\n`
    : `No connectors in ${display(resolve(root))}\n`;
  // With --format json, stdout holds the JSON alone.
  (format === 'json' ? process.stderr : process.stdout).write(summary);

  if (crashes.length) return EXIT.usage;
  return hasErrors(diagnostics) ? EXIT.errors : EXIT.ok;
}
