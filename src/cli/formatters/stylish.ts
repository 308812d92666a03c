/**
 * The terminal report: one line per diagnostic that starts with its clickable `path:line:col`
 * (terminals and editors open the file there), then the severity, the message and the rule id,
 * aligned within each file; files apart by a blank line; then `✖ N problems (E errors, W warnings)`.
 * Sorted by file, line, column and rule. Pure: same diagnostics and context, same string. Empty
 * string when there is nothing to say.
 *
 * Messages and paths can carry text from the connector under review, so control characters (an
 * escape sequence would drive the terminal) and bidirectional overrides are shown as `�`.
 */
import pc from 'picocolors';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { plural } from '../../core/plural.ts';
import { count, groupBy, placeOf, type FormatContext } from './context.ts';

export type { FormatContext };

/** Past this width a message is not padded: one long message must not push every rule id off screen. */
const MAX_MESSAGE_PAD = 100;

/** One line of terminal text: line breaks become spaces; control and bidi characters become `�`. */
export function terminalText(text: string): string {
  return text
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')
    .trim();
}

export function stylish(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  if (diagnostics.length === 0) return '';
  const c = pc.createColors(ctx.color);
  let out = '';
  for (const [, list] of groupBy(diagnostics, (d) => d.file)) {
    const rows = list.map((d) => {
      const p = placeOf(d);
      return {
        d,
        location: `${terminalText(d.file)}:${p ? `${p.line}:${p.column}` : '1:1'}`,
        message: terminalText(d.message),
      };
    });
    const wLoc = Math.max(...rows.map((r) => r.location.length));
    const wSev = Math.max(...rows.map((r) => r.d.severity.length));
    const wMsg = Math.min(MAX_MESSAGE_PAD, Math.max(...rows.map((r) => r.message.length)));
    out += '\n';
    for (const r of rows) {
      const sev = r.d.severity.padEnd(wSev);
      const coloured = r.d.severity === 'error' ? c.red(sev) : r.d.severity === 'warning' ? c.yellow(sev) : c.blue(sev);
      out += `${r.location.padEnd(wLoc)}  ${coloured}  ${r.message.padEnd(wMsg)}  ${c.dim(r.d.ruleId)}\n`;
    }
  }
  const { error, warning, info } = count(diagnostics);
  let summary = `✖ ${plural(diagnostics.length, 'problem')} (${plural(error, 'error')}, ${plural(warning, 'warning')}${info ? `, ${plural(info, 'info', 'info')}` : ''})`;
  summary = error ? c.bold(c.red(summary)) : warning ? c.bold(c.yellow(summary)) : c.bold(summary);
  return `${out}\n${summary}\n`;
}
