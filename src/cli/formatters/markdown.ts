/**
 * A pull-request comment: a heading with the counts, then per connector a heading with its counts
 * and a table (severity icon, `file:line:col`, message, rule id linked to its docs page). A connector
 * with more than COLLAPSE_AFTER findings has its table folded in `<details>`. The first line is a
 * hidden marker (`<!-- plugboard:check -->`) a workflow can find to update its comment instead of
 * posting another.
 *
 * GitHub refuses a comment over 65,536 characters: rows stop before that and the last line says how
 * many were left out. Messages quote connector text, so they are escaped: Markdown punctuation and
 * pipes are backslash-escaped, `<`, `>` and `&` become entities (no HTML gets through), `@name`
 * gets a zero-width joiner after the `@` (no one is pinged), a line break becomes a space (a table
 * row is one line); the message's own `code` spans stay code, with their pipes escaped.
 * Pure; sorted by connector, then file, line, column and rule.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import { plural } from '../../core/plural.ts';
import { connectorOf, count, groupBy, placeOf, truncate, type Counts, type FormatContext } from './context.ts';

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_LIMIT = 65_536;
/** Room kept for the closing line that says what was left out. */
const RESERVE = 600;
const COLLAPSE_AFTER = 10;
const MAX_MESSAGE = 1000;

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;

function counts(c: Counts): string {
  const parts = [];
  if (c.error) parts.push(plural(c.error, 'error'));
  if (c.warning) parts.push(plural(c.warning, 'warning'));
  if (c.info) parts.push(plural(c.info, 'info', 'info'));
  return parts.join(', ');
}

const ZWJ = '\u200D';

/** Line breaks become spaces (a table row is one line); other control characters become `�`. */
function oneLine(text: string): string {
  return text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

/** Text outside code: nothing in it is markup, no mention pings. */
function plain(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, '\\$&')
    .replace(/@(?=[A-Za-z0-9])/g, '@' + ZWJ);
}

/** A code span around any text: a fence longer than its longest run of backticks; pipes escaped for tables. */
export function codeSpan(text: string): string {
  const one = oneLine(text);
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || (one.startsWith(' ') && one.endsWith(' ') && one.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${one.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * One table cell of a message: its code spans kept, everything else plain. Code spans as
 * CommonMark reads them: a run of n backticks opens one, the next run of exactly n closes it; a run
 * with no match is literal text (and escaped).
 */
export function cell(text: string): string {
  const one = oneLine(text).trim();
  const runs = [...one.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
  let out = '';
  let last = 0;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!;
    if (open.at < last) continue;
    const close = runs.findIndex((r, j) => j > i && r.length === open.length);
    if (close === -1) continue;
    const end = runs[close]!;
    out += plain(one.slice(last, open.at)) + codeSpan(one.slice(open.at + open.length, end.at));
    last = end.at + end.length;
    i = close;
  }
  return out + plain(one.slice(last));
}

function link(url: string): string {
  return encodeURI(decodeURIComponentSafe(url)).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function row(d: Diagnostic): string {
  const p = placeOf(d);
  const where = codeSpan(`${d.file}:${p ? `${p.line}:${p.column}` : '1:1'}`);
  // A reference link: the docs URL is written once per rule, at the end, not on every row.
  return `| ${ICON[d.severity]} | ${where} | ${cell(truncate(d.message, MAX_MESSAGE))} | [${codeSpan(d.ruleId)}][${d.ruleId}] |\n`;
}

const TABLE_HEAD = '| | Where | Message | Rule |\n| :-: | --- | --- | --- |\n';

/** Connectors with errors first, then with warnings, then the rest; by name within each. */
function severityFirst(groups: [string, Diagnostic[]][]): [string, Diagnostic[]][] {
  const worst = (list: Diagnostic[]) => (list.some((d) => d.severity === 'error') ? 0 : list.some((d) => d.severity === 'warning') ? 1 : 2);
  return groups.map((g) => [worst(g[1]), g] as const).sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

export function markdown(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  const command = ctx.command ?? 'check';
  const total = count(diagnostics);
  const title = ctx.title ?? `plugboard ${command}`;
  let out = `<!-- plugboard:${command} -->\n## ${diagnostics.length ? `${title}: ${counts(total)}` : `✅ ${title}: no problems`}\n`;
  const groups = severityFirst(groupBy(diagnostics, (d) => connectorOf(d, ctx)));
  if (groups.length > 1) out += `\nIn ${plural(groups.length, 'connector')}.\n`;

  const budget = COMMENT_LIMIT - RESERVE;
  /** The reference definitions of the rules shown so far (`[id]: url`), written last. */
  const refs = new Map<string, string>();
  let refsLength = 0;
  const refFor = (d: Diagnostic) => (refs.has(d.ruleId) ? '' : `[${d.ruleId}]: ${link(d.url)}\n`);
  let written = 0;
  for (const [connector, list] of groups) {
    const collapse = list.length > COLLAPSE_AFTER;
    const head = `\n### ${codeSpan(connector)}: ${counts(count(list))}\n\n`;
    const open = collapse ? `<details>\n<summary>${plural(list.length, 'finding')}</summary>\n\n` : '';
    const close = collapse ? '\n</details>\n' : '';
    const first = row(list[0]!);
    // A connector is shown only if its heading and at least one row fit.
    if (out.length + head.length + open.length + TABLE_HEAD.length + first.length + close.length + refsLength + refFor(list[0]!).length > budget) break;
    out += head + open + TABLE_HEAD;
    for (const d of list) {
      const line = row(d);
      const ref = refFor(d);
      if (out.length + line.length + close.length + refsLength + ref.length > budget) break;
      out += line;
      if (ref) {
        refs.set(d.ruleId, ref);
        refsLength += ref.length;
      }
      written++;
    }
    out += close;
  }
  const left = diagnostics.length - written;
  if (left > 0) {
    out += `\n_${plural(left, 'more finding')} left out: a comment holds at most ${COMMENT_LIMIT.toLocaleString('en-US')} characters. \`plugboard ${command} --format sarif\` or \`--format json\` lists them all._\n`;
  }
  if (refs.size) out += '\n' + [...refs.values()].join('');
  return out;
}
