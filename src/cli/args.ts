/** `node:util` parseArgs with the CLI's conventions: `-h/--help` everywhere, usage errors exit 2. */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { FORMATTERS } from './formatters/index.ts';
import { UsageError, didYouMean } from './util.ts';

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommand(command: string, argv: string[], options: ParseArgsOptionsConfig): Parsed {
  const all: ParseArgsOptionsConfig = { ...options, help: { type: 'boolean', short: 'h' } };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(parseErrorMessage(error, Object.keys(all).map((name) => `--${name}`)), command);
  }
}

/** `flags`: the command's own (`--connectors`…), for "did you mean". */
function parseErrorMessage(error: unknown, flags: readonly string[]): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1];
    if (name === undefined) return `unknown option ${message}`;
    return unknownOption(name, flags);
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /'(-[^' ]+)/.exec(message)?.[1];
    if (/argument missing/.test(message) && name) return `option ${name} needs a value`;
    if (/does not take an argument/.test(message) && name) return `option ${name} takes no value`;
  }
  return message.split('\n')[0]!.replace(/\.$/, '');
}

/** ``unknown option `--fromat`. Did you mean `--format`?`` (a single-letter `-x` gets no guess). */
export function unknownOption(name: string, flags: readonly string[]): string {
  return `unknown option \`${name}\`${name.startsWith('--') ? didYouMean(name, flags) : ''}`;
}

export function stringOption(values: Parsed['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A number option within `[min, max]` (a whole number when `integer`), `fallback` when absent; one
 * parser for every command, so that each numeric flag is bounded and refused the same way.
 */
export function numberOption(
  values: Parsed['values'],
  name: string,
  command: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false }: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} expects ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not \`${text.slice(0, 40)}\``, command);
  }
  return n;
}

/** The values of a repeatable option (`--set a=1 --set b=2`), in order; none when absent. */
export function listOption(values: Parsed['values'], name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? [v] : [];
}

/** `--format`: the name of one of the FORMATTERS (default stylish). */
export function formatOption(values: Parsed['values'], command: string): string {
  const format = stringOption(values, 'format') ?? 'stylish';
  const names = Object.keys(FORMATTERS);
  if (!names.includes(format)) throw new UsageError(`unknown format \`${format}\` (expected ${names.join(', ').replace(/, ([^,]+)$/, ' or $1')})${didYouMean(format, names)}`, command);
  return format;
}

/** A value that must be one of `allowed`: ``--to takes openapi3 or postman, not `openapi`. Did you mean `openapi3`?`` */
export function assertOneOf(flag: string, value: string, allowed: readonly string[], command: string): void {
  if (allowed.includes(value)) return;
  throw new UsageError(`--${flag} takes ${allowed.join(', ').replace(/, ([^,]+)$/, ' or $1')}, not \`${value}\`${didYouMean(value, allowed)}`, command);
}

export function jobsOption(values: Parsed['values'], command: string): number | 'auto' {
  const jobs = stringOption(values, 'jobs') ?? 'auto';
  if (jobs === 'auto') return 'auto';
  if (!/^[1-9][0-9]*$/.test(jobs)) throw new UsageError(`--jobs expects a positive number or auto, not \`${jobs}\``, command);
  return Number(jobs);
}
