/**
 * What `check` and `build` print once the run is over, for MDX connectors and Power Platform folders
 * alike: the diagnostics in the chosen format on stdout, each failure's stack when
 * PLUGBOARD_DEBUG=1, and one summary line (on stderr with --format json, so stdout is the JSON alone).
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import type { Outcome } from '../build/outcome.ts';
import { FORMATTERS } from './formatters/index.ts';
import { problemsSummary, useColor } from './util.ts';
import { plural } from '../core/plural.ts';

/** An outcome of either kind: what the report needs of it. */
export type ReportedOutcome = Pick<Outcome, 'id' | 'diagnostics' | 'crash' | 'operations'>;

/**
 * Writes the report and returns the diagnostics and the failed outcomes. `summary` gets the
 * problems ("1 error, 2 warnings") and the failures ("1 connector failed") to place in its line.
 */
export function writeReport(
  outcomes: readonly ReportedOutcome[],
  options: { command: string; format: string; noun: string; summary: (problems: string) => string },
): { diagnostics: Diagnostic[]; crashes: ReportedOutcome[] } {
  const { command, format, noun } = options;
  const diagnostics: Diagnostic[] = outcomes.flatMap((o) => o.diagnostics);
  const report = FORMATTERS[format]!(diagnostics, { color: format === 'stylish' && useColor(process.stdout) });
  if (format === 'json' || report) process.stdout.write(report);
  // The report holds each failure as a connector-internal-error; the stack is for debugging only.
  const crashes = outcomes.filter((o) => o.crash);
  if (process.env.PLUGBOARD_DEBUG === '1') {
    for (const o of crashes) process.stderr.write(`plugboard ${command}: failed on ${noun} ${o.id} while ${o.crash!.phase}: ${o.crash!.stack ?? o.crash!.message}\n`);
  }
  const failed = crashes.length ? `, ${plural(crashes.length, noun)} failed` : '';
  (format === 'json' ? process.stderr : process.stdout).write(options.summary(problemsSummary(diagnostics) + failed) + '\n');
  return { diagnostics, crashes };
}

/** Operations over all outcomes, for the summary line. */
export function operationCount(outcomes: readonly ReportedOutcome[]): number {
  return outcomes.reduce((n, o) => n + o.operations, 0);
}
