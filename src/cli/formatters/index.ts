import type { Diagnostic } from '../../core/diagnostic.ts';
import { json } from './json.ts';
import { stylish, type FormatContext } from './stylish.ts';

export type { FormatContext };
export type Formatter = (diagnostics: readonly Diagnostic[], ctx: FormatContext) => string;

export const FORMATTERS: Record<string, Formatter> = { stylish, json };
