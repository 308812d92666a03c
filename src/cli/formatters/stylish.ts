/**
 * ESLint-style report: diagnostics grouped by file, one aligned line each
 * (`line:col  severity  message  rule-id`), then `✖ N problems (E errors, W warnings)`.
 * Pure: same diagnostics and context, same string. Empty string when there is nothing to say.
 */
import pc from 'picocolors';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { plural } from '../../core/plural.ts';

export interface FormatContext {
  /** Colour the output (only when the stream it goes to is a TTY). */
  color: boolean;
}

export function stylish(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  if (diagnostics.length === 0) return '';
  const c = pc.createColors(ctx.color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const [file, list] of byFile) {
    const rows = list.map((d) => {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      const start = d.place?.start;
      return {
        d,
        position: start ? `${start.line}:${start.column}` : '1:1',
        message: d.message.replace(/\s*\r?\n\s*/g, ' ').trim(),
      };
    });
    const wPos = Math.max(...rows.map((r) => r.position.length));
    const wSev = Math.max(...rows.map((r) => r.d.severity.length));
    const wMsg = Math.max(...rows.map((r) => r.message.length));
    out += `\n${c.underline(file)}\n`;
    for (const r of rows) {
      const sev = r.d.severity.padEnd(wSev);
      const coloured = r.d.severity === 'error' ? c.red(sev) : r.d.severity === 'warning' ? c.yellow(sev) : c.blue(sev);
      out += `  ${c.dim(r.position.padEnd(wPos))}  ${coloured}  ${r.message.padEnd(wMsg)}  ${c.dim(r.d.ruleId)}\n`;
    }
  }
  const total = errors + warnings + infos;
  let summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${plural(infos, 'info', 'info')}` : ''})`;
  summary = errors ? c.bold(c.red(summary)) : warnings ? c.bold(c.yellow(summary)) : c.bold(summary);
  return `${out}\n${summary}\n`;
}
