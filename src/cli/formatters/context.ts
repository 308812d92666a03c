/**
 * What every formatter is given besides the diagnostics, and the small pieces they share: one
 * order, one path as the repository knows it, one grouping by connector, one counting. Pure: no
 * I/O, no clock, no environment; what the run knows (the working directory, the repository root,
 * the registry, the preset) comes in through the context, filled by src/cli/report.ts.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Place, Severity } from '../../core/diagnostic.ts';
import type { Rule } from '../../check/define-rule.ts';
import type { Preset } from '../../check/presets.ts';

/** What a report says of a rule: the registry's entry without its examples and code. */
export type RuleInfo = Pick<Rule, 'id' | 'area' | 'severity' | 'description' | 'rationale'> & Partial<Pick<Rule, 'platformCodes'>>;

export interface FormatContext {
  /** Colour the output (only when the stream it goes to is a TTY). */
  color: boolean;
  /** The command the report is for (`check`, `build`, `diff`): the Markdown heading, the JUnit name. */
  command?: string;
  /** A heading that replaces the Markdown report's default (`plugboard check: …`). */
  title?: string;
  /** plugboard's version, for SARIF's `tool.driver`. */
  version?: string;
  /** Every rule of the registry: SARIF lists them all. Without it, SARIF lists the rules that reported. */
  rules?: readonly RuleInfo[];
  /** The active preset, for each rule's default level in SARIF; without it, each rule's own default. */
  preset?: Preset;
  /** The working directory relative diagnostic paths start from (absolute). */
  cwd?: string;
  /** The repository root (absolute): SARIF and GitHub paths are relative to it. */
  root?: string;
  /** The connector a diagnostic belongs to (Markdown and JUnit group by it); default: from its path. */
  connectorOf?: (diagnostic: Diagnostic) => string | undefined;
}

export type { Severity };

/** Code-unit order, the same on every machine and locale (unlike `localeCompare`). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** A sorted copy: file, line, column, rule, then severity, message and fingerprint, so ties never depend on input order. */
export function ordered(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.place?.start.line ?? 0) - (b.place?.start.line ?? 0) ||
      (a.place?.start.column ?? 0) - (b.place?.start.column ?? 0) ||
      compare(a.ruleId, b.ruleId) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compare(a.message, b.message) ||
      compare(a.fingerprint, b.fingerprint),
  );
}

/**
 * The diagnostic's file relative to the repository root, with `/` (`connectors/x/actions/Get.mdx`),
 * or `undefined` when it lies outside the repository. Without `cwd` and `root` in the context, the
 * path as given (less a leading `./`).
 */
export function repositoryPath(file: string, ctx: FormatContext): string | undefined {
  if (ctx.cwd === undefined || ctx.root === undefined) {
    return isAbsolute(file) ? undefined : file.split(sep).join('/').replace(/^(\.\/)+/, '');
  }
  const shown = relative(ctx.root, resolve(ctx.cwd, file));
  if (shown === '' || shown === '..' || shown.startsWith('..' + sep) || isAbsolute(shown)) return undefined;
  return shown.split(sep).join('/');
}

/** `connectors/<id>/…` gives `<id>`; a Power Platform folder's `Contoso/apiDefinition.swagger.json` gives `Contoso`. */
export function connectorFromPath(file: string): string {
  const parts = file.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const at = parts.lastIndexOf('connectors');
  if (at !== -1 && at < parts.length - 2) return parts[at + 1]!;
  return parts.length > 1 ? parts.slice(0, -1).join('/') : '.';
}

export function connectorOf(d: Diagnostic, ctx: FormatContext): string {
  return ctx.connectorOf?.(d) ?? connectorFromPath(d.file);
}

/** Diagnostics grouped by `key`, groups in code-unit order of their key, each group in report order. */
export function groupBy(diagnostics: readonly Diagnostic[], key: (d: Diagnostic) => string): [string, Diagnostic[]][] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of ordered(diagnostics)) {
    const k = key(d);
    const list = groups.get(k);
    if (list) list.push(d);
    else groups.set(k, [d]);
  }
  return [...groups].sort((a, b) => compare(a[0], b[0]));
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export function count(diagnostics: readonly Diagnostic[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** The start and end of a diagnostic, 1-based; `undefined` when its position is unknown. */
export function placeOf(d: Pick<Diagnostic, 'place'>): Span | undefined {
  return span(d.place);
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A place as formatters print it: an end before the start (never made, but not trusted) becomes the start. */
export function span(p: Place | undefined): Span | undefined {
  if (!p || !(p.start.line >= 1) || !(p.start.column >= 1)) return undefined;
  const end = p.end.line > p.start.line || (p.end.line === p.start.line && p.end.column >= p.start.column) ? p.end : p.start;
  return { line: p.start.line, column: p.start.column, endLine: end.line, endColumn: end.column };
}

/** Cut to `max` characters (code points), ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max - 1).join('') + '…';
}
