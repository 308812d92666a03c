/**
 * Every output format of `check`, `build` and `diff`, by the name `--format` takes (args.ts reads
 * the names from here). Each is a pure `(diagnostics, ctx) => string`, one file each.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { FormatContext } from './context.ts';
import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { markdown } from './markdown.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';

export type { FormatContext, RuleInfo } from './context.ts';
export type Formatter = (diagnostics: readonly Diagnostic[], ctx: FormatContext) => string;

export const FORMATTERS: Record<string, Formatter> = { stylish, json, github, sarif, markdown, junit };

/** Formats whose report lists every rule of the registry (loaded only for them: it takes a second). */
export const NEEDS_RULES: ReadonlySet<string> = new Set(['sarif']);
