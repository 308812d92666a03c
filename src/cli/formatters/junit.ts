/**
 * JUnit XML, for CI systems that show test reports (GitLab, Azure Pipelines, Jenkins): one
 * `<testsuite>` per connector, one `<testcase>` per finding (named by rule id, its class the
 * `file:line:col`), with a `<failure>` for an error or a warning (`type` says which) and the info
 * findings as passing cases whose `<system-out>` holds the message. A clean run is an empty
 * `<testsuites>`: there is no list of what passed to report.
 *
 * Text is XML-escaped, and characters XML 1.0 cannot hold at all (control characters, lone
 * surrogates) become `�`. No timestamps or durations: the same findings give the same file.
 * Sorted by connector, then file, line, column and rule.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import { connectorOf, count, groupBy, placeOf, type FormatContext } from './context.ts';

export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute value: also line breaks and tabs as character references, which attribute normalisation would flatten. */
function attr(text: string): string {
  return xmlText(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function testcase(d: Diagnostic): string {
  const p = placeOf(d);
  const where = `${d.file}:${p ? `${p.line}:${p.column}` : '1:1'}`;
  const text = `${where}: ${d.message}${d.note ? `\n${d.note}` : ''}\n${d.url}`;
  const open = `    <testcase name="${attr(d.ruleId)}" classname="${attr(where)}">`;
  if (d.severity === 'info') return `${open}\n      <system-out>${xmlText(text)}</system-out>\n    </testcase>\n`;
  return `${open}\n      <failure type="${d.severity}" message="${attr(d.message)}">${xmlText(text)}</failure>\n    </testcase>\n`;
}

export function junit(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  const name = `plugboard ${ctx.command ?? 'check'}`;
  const failures = (list: readonly Diagnostic[]) => {
    const c = count(list);
    return c.error + c.warning;
  };
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<testsuites name="${attr(name)}" tests="${diagnostics.length}" failures="${failures(diagnostics)}" errors="0">\n`;
  for (const [connector, list] of groupBy(diagnostics, (d) => connectorOf(d, ctx))) {
    out += `  <testsuite name="${attr(connector)}" tests="${list.length}" failures="${failures(list)}" errors="0" skipped="0">\n`;
    out += list.map(testcase).join('');
    out += '  </testsuite>\n';
  }
  return out + '</testsuites>\n';
}
