/** Machine-readable report: the array of `diagnostic.toJSON()`, two-space indented, newline-terminated. */
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { FormatContext } from './context.ts';

export function json(diagnostics: readonly Diagnostic[], _ctx: FormatContext): string {
  return JSON.stringify(diagnostics.map((d) => d.toJSON()), null, 2) + '\n';
}
