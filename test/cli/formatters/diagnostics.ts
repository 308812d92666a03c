/**
 * Diagnostics made by hand for the formatter tests: formatters print whatever they are given, so
 * the severities, ids and places are chosen, not computed. `hostile` holds what a connector under
 * review can put in a message or a path: line breaks, `%`, `,`, `:`, HTML, pipes, backticks,
 * mentions, escape sequences, a very long message.
 */
import { Diagnostic, type DiagnosticInit } from '../../../src/core/diagnostic.ts';
import type { RuleId } from '../../../src/core/rule-ids.ts';

const url = (id: string) => `https://github.com/plugboard/plugboard/blob/main/src/check/README.md#${id}`;

function make(init: Omit<DiagnosticInit, 'url' | 'args'> & { args?: string[] }): Diagnostic {
  return new Diagnostic({ args: [], url: url(init.ruleId), ...init });
}

const at = (line: number, column: number, endLine = line, endColumn = column + 5) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

/** An ordinary run: two connectors, three severities, given out of order. */
export const plain: Diagnostic[] = [
  make({ ruleId: 'x-ms-value', severity: 'info', message: 'Consider `x-ms-visibility`', file: 'connectors/b/actions/GetItem.mdx', pointer: '/summary', note: 'Shown in the designer.' }),
  make({ ruleId: 'operation-summary' as RuleId, severity: 'warning', message: 'Summary ends with a period', file: 'connectors/a/connector.mdx', place: at(12, 11, 12, 20) }),
  make({ ruleId: 'frontmatter-yaml', severity: 'error', message: 'Invalid YAML: bad indentation of a mapping entry', file: 'connectors/a/connector.mdx', place: at(3, 7, 3, 7) }),
  make({ ruleId: 'operation-id-unique', severity: 'error', message: 'Duplicate operationId `GetItem`', file: 'connectors/a/actions/Get.mdx', place: at(4, 3, 4, 10), pointer: '/operationId', args: ['GetItem'], cause: { message: 'First declared here', file: 'connectors/a/actions/List.mdx', pointer: '/operationId', place: at(2, 1, 2, 8) } }),
];

/** What a hostile connector can make a message say (and a folder be named). */
export const hostile: Diagnostic[] = [
  make({
    ruleId: 'x-ms-value',
    severity: 'error',
    message: 'Bad value 100% sure, a:b\n::error file=evil.ts::forged\r\n<script>alert(1)</script> | col | `a|b` @octocat & #1 *x* _y_ [z](javascript:alert(1)) \u001b[31mred\u001b[0m \u202Eevil',
    file: 'connectors/odd, name/actions/Get:It.mdx',
    place: at(2, 1, 2, 4),
  }),
  make({ ruleId: 'mdx-url', severity: 'warning', message: 'Long: ' + 'abcdefghij'.repeat(600), file: 'connectors/odd, name/connector.mdx', place: at(9, 2) }),
  make({ ruleId: 'mdx-syntax', severity: 'info', message: 'Backticks `` ` `` and ```triple``` and a lone ` tick', file: 'connectors/odd, name/connector.mdx' }),
];

/** A copy of `d` with some fields changed (a new fingerprint when `args` change). */
export function varied(d: Diagnostic, changes: Partial<Omit<DiagnosticInit, 'url'>>): Diagnostic {
  const { ruleId, severity, message, file, pointer, place, note, cause, args } = d;
  return new Diagnostic({
    ruleId, severity, message, file, pointer, args, url: d.url,
    ...(place ? { place } : {}),
    ...(note ? { note } : {}),
    ...(cause ? { cause } : {}),
    ...changes,
  });
}
