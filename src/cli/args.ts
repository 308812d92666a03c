/** `node:util` parseArgs with the CLI's conventions: `-h/--help` everywhere, usage errors exit 2. */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './util.ts';

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommand(command: string, argv: string[], options: ParseArgsOptionsConfig): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(parseErrorMessage(error), command);
  }
}

function parseErrorMessage(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1];
    return `unknown option ${name ?? message}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /'(-[^' ]+)/.exec(message)?.[1];
    if (/argument missing/.test(message) && name) return `option ${name} needs a value`;
    if (/does not take an argument/.test(message) && name) return `option ${name} takes no value`;
  }
  return message.split('\n')[0]!.replace(/\.$/, '');
}

export function stringOption(values: Parsed['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function formatOption(values: Parsed['values'], command: string): 'stylish' | 'json' {
  const format = stringOption(values, 'format') ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format \`${format}\` (expected stylish or json)`, command);
  return format;
}

export function jobsOption(values: Parsed['values'], command: string): number | 'auto' {
  const jobs = stringOption(values, 'jobs') ?? 'auto';
  if (jobs === 'auto') return 'auto';
  if (!/^[1-9][0-9]*$/.test(jobs)) throw new UsageError(`--jobs expects a positive number or auto, not \`${jobs}\``, command);
  return Number(jobs);
}
