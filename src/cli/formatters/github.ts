/**
 * GitHub Actions workflow commands, one per diagnostic, which the runner turns into annotations on
 * the pull request's changed lines:
 *
 *   ::error file=connectors/x/actions/Get.mdx,line=4,col=3,endLine=4,endColumn=10,title=operation-summary::Summary ends with a period
 *
 * `error` → `::error`, `warning` → `::warning`, `info` → `::notice`; `title` is the rule id, so an
 * annotation names what to look up. Paths are relative to the repository root (the runner resolves
 * them against the workspace). A diagnostic without a position annotates its file; one over several
 * lines gives its lines without columns.
 *
 * Escaping, as the runner parses (actions/toolkit packages/core/src/command.ts, `escapeData` and
 * `escapeProperty`; GitHub Docs "Workflow commands for GitHub Actions"): in the message, `%` →
 * `%25`, CR → `%0D`, LF → `%0A`; in a property also `:` → `%3A` and `,` → `%2C`. Without it a
 * message holding a line break and `::error …` would forge a second annotation.
 *
 * GitHub shows at most 10 annotations of each kind per step (50 per job); the rest stay in the log.
 * Pure; sorted by file, line, column and rule; empty string when there is nothing to say.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import { ordered, placeOf, repositoryPath, truncate, type FormatContext } from './context.ts';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** A long message is cut: an annotation is read at a glance (and the log line stays bounded). */
const MAX_MESSAGE = 4000;

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(d: Diagnostic, ctx: FormatContext): string {
  const props: [string, string | number][] = [['file', repositoryPath(d.file, ctx) ?? d.file]];
  const p = placeOf(d);
  // Columns only within one line: the runner refuses them on an annotation over several lines
  // (actions/toolkit `AnnotationProperties`; the Checks API's `start_column` says the same).
  if (p && p.line === p.endLine) props.push(['line', p.line], ['col', p.column], ['endLine', p.endLine], ['endColumn', p.endColumn]);
  else if (p) props.push(['line', p.line], ['endLine', p.endLine]);
  props.push(['title', d.ruleId]);
  // Other control characters (an escape sequence the log viewer would act on) are shown as `�`.
  const message = truncate(d.note ? `${d.message}\n${d.note}` : d.message, MAX_MESSAGE).replace(CONTROL, '\uFFFD');
  return `::${COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
}

export function github(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  return ordered(diagnostics).map((d) => command(d, ctx) + '\n').join('');
}
