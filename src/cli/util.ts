/** Small shared pieces of the CLI: usage errors, paths as shown, numbers as words, suggestions. */
import { plural } from '../core/plural.ts';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostic } from '../core/diagnostic.ts';

/** Bad usage (unknown command or flag, missing argument…): a message and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose `--help` to point at. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** The version of the running plugboard, from its package.json. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Exit codes: 0 clean (warnings allowed), 1 error diagnostics (a connector plugboard failed on is one:
 * connector-internal-error), 2 bad usage or a failure outside any connector.
 */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

export const CONNECTOR_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `path` relative to the working directory, with forward slashes, as shown to users. */
export function display(path: string, cwd = process.cwd()): string {
  let shown = relative(cwd, path) || '.';
  // Outside the working directory, the absolute path reads better than a trail of `../`.
  if (shown === '..' || shown.startsWith('..' + sep) || isAbsolute(shown)) shown = resolve(cwd, path);
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** `file:line:col  severity  message  (rule)`: the one diagnostic that stops a command before its report. */
export const diagnosticLine = (d: Diagnostic) => `${d.file}:${d.place?.start.line ?? 1}:${d.place?.start.column ?? 1}  ${d.severity}  ${d.message}  (${d.ruleId})`;

/** `1 error, 2 warnings, 1 info`, or `no problems`: the counts of a summary line. */
export function problemsSummary(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no problems';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${plural(infos, 'info', 'info')}` : ''}`;
}

/**
 * The candidate `word` is most likely a typo of, if any: at most two edits away, or a third of the
 * candidate's length (the rule of `suggest` in src/model/open-object.ts, which the front-matter
 * messages use; not imported from there because that module loads zod, too slow for a usage error).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates);
  return distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** ``. Did you mean `check`?`` after a message, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `. Did you mean \`${match}\`?`;
}

/** One line for an exception; the stack too when PLUGBOARD_DEBUG=1. */
export function describeError(error: unknown, debug = process.env.PLUGBOARD_DEBUG === '1'): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

/** Colours on a terminal, unless NO_COLOR; FORCE_COLOR forces them. */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY && !env.NO_COLOR;
}
