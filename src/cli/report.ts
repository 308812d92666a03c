/**
 * What `check` and `build` print once the run is over, for MDX connectors and Power Platform folders
 * alike: the diagnostics in the chosen format on stdout, each failure's stack when
 * PLUGBOARD_DEBUG=1, and one summary line (on stderr with a machine format — every format but
 * stylish — so stdout is the report alone).
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import { repositoryRoot } from '../core/repository-root.ts';
import type { Outcome } from '../build/outcome.ts';
import type { Preset } from '../check/presets.ts';
import { FORMATTERS, NEEDS_RULES, type FormatContext } from './formatters/index.ts';
import { problemsSummary, useColor, version } from './util.ts';
import { plural } from '../core/plural.ts';

/** An outcome of either kind: what the report needs of it. */
export type ReportedOutcome = Pick<Outcome, 'id' | 'diagnostics' | 'crash' | 'operations'>;

export interface ReportOptions {
  command: string;
  format: string;
  noun: string;
  summary: (problems: string) => string;
  /** The preset the run used (SARIF gives each rule's level from it); default: each rule's own. */
  preset?: Preset;
}

/**
 * Writes the report and returns the diagnostics and the failed outcomes. `summary` gets the
 * problems ("1 error, 2 warnings") and the failures ("1 connector failed") to place in its line.
 */
export async function writeReport(
  outcomes: readonly ReportedOutcome[],
  options: ReportOptions,
): Promise<{ diagnostics: Diagnostic[]; crashes: ReportedOutcome[] }> {
  const { command, format, noun } = options;
  const diagnostics: Diagnostic[] = outcomes.flatMap((o) => o.diagnostics);
  const report = FORMATTERS[format]!(diagnostics, await formatContext(outcomes, options));
  if (format !== 'stylish' || report) process.stdout.write(report);
  // The report holds each failure as a connector-internal-error; the stack is for debugging only.
  const crashes = outcomes.filter((o) => o.crash);
  if (process.env.PLUGBOARD_DEBUG === '1') {
    for (const o of crashes) process.stderr.write(`plugboard ${command}: failed on ${noun} ${o.id} while ${o.crash!.phase}: ${o.crash!.stack ?? o.crash!.message}\n`);
  }
  const failed = crashes.length ? `, ${plural(crashes.length, noun)} failed` : '';
  (format === 'stylish' ? process.stdout : process.stderr).write(options.summary(problemsSummary(diagnostics) + failed) + '\n');
  return { diagnostics, crashes };
}

/**
 * The formatters' context for this run: colour for stylish on a terminal, each diagnostic's
 * connector (the outcome it came from), the working directory and repository root (paths in
 * SARIF and GitHub annotations are relative to the root), and for SARIF the registry and preset.
 */
export async function formatContext(outcomes: readonly ReportedOutcome[], options: Pick<ReportOptions, 'command' | 'format' | 'preset'>): Promise<FormatContext> {
  const connectors = new Map<Diagnostic, string>();
  for (const o of outcomes) for (const d of o.diagnostics) connectors.set(d, o.id);
  const cwd = process.cwd();
  const ctx: FormatContext = {
    color: options.format === 'stylish' && useColor(process.stdout),
    command: options.command,
    version: version(),
    cwd,
    root: repositoryRoot(cwd),
    connectorOf: (d) => connectors.get(d),
    ...(options.preset ? { preset: options.preset } : {}),
  };
  if (NEEDS_RULES.has(options.format)) {
    // The registry loads every rule module (about a second): only for the formats that list them.
    const { rules } = await import('../check/registry.ts');
    ctx.rules = rules;
  }
  return ctx;
}

/** Operations over all outcomes, for the summary line. */
export function operationCount(outcomes: readonly ReportedOutcome[]): number {
  return outcomes.reduce((n, o) => n + o.operations, 0);
}
