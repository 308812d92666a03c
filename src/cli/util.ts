/** Small shared pieces of the CLI: usage errors, paths as shown, numbers as words. */
import { isAbsolute, relative, resolve, sep } from 'node:path';

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

export function plural(n: number, word: string, words = word + 's'): string {
  return `${n} ${n === 1 ? word : words}`;
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
