import { describe, expect, it } from 'vitest';
import { Diagnostic } from '../../src/core/diagnostic.ts';
import type { RuleId } from '../../src/core/rule-ids.ts';
import { json } from '../../src/cli/formatters/json.ts';
import { stylish } from '../../src/cli/formatters/stylish.ts';
import { varied } from './formatters/diagnostics.ts';

// Formatters print whatever they are given: the data is made by hand, severities and all.
const diagnostics = [
  new Diagnostic({
    ruleId: 'frontmatter-yaml',
    severity: 'error',
    message: 'Invalid YAML: bad indentation of a mapping entry',
    file: 'connectors/a/connector.mdx',
    place: { start: { line: 3, column: 7 }, end: { line: 3, column: 7 } },
    url: 'https://example.com/rules#frontmatter-yaml',
    args: [],
  }),
  new Diagnostic({
    // A rule of a catalogue to come: a formatter does not look ids up.
    ruleId: 'operation-summary' as RuleId,
    severity: 'warning',
    message: 'Summary ends with a period',
    file: 'connectors/a/connector.mdx',
    place: { start: { line: 12, column: 11 }, end: { line: 12, column: 20 } },
    url: 'https://example.com/rules#operation-summary',
    args: [],
  }),
  new Diagnostic({
    ruleId: 'x-ms-value',
    severity: 'info',
    message: 'Consider `x-ms-visibility`',
    file: 'connectors/a/actions/GetItem.mdx',
    pointer: '/summary',
    note: 'a note',
    url: 'https://example.com/rules#x-ms-value',
    args: [],
  }),
];

describe('stylish', () => {
  it('puts the clickable path:line:col on every line, sorted by file, aligned within a file', () => {
    expect(stylish(diagnostics, { color: false })).toBe(
      [
        '',
        'connectors/a/actions/GetItem.mdx:1:1  info  Consider `x-ms-visibility`  x-ms-value',
        '',
        'connectors/a/connector.mdx:3:7    error    Invalid YAML: bad indentation of a mapping entry  frontmatter-yaml',
        'connectors/a/connector.mdx:12:11  warning  Summary ends with a period                        operation-summary',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('says nothing when there is nothing to say', () => {
    expect(stylish([], { color: true })).toBe('');
  });

  it('counts in the singular and without infos', () => {
    expect(stylish([diagnostics[1]!], { color: false })).toBe(
      '\nconnectors/a/connector.mdx:12:11  warning  Summary ends with a period  operation-summary\n\n✖ 1 problem (0 errors, 1 warning)\n',
    );
  });

  it('counts in the plural', () => {
    const out = stylish([...diagnostics, ...diagnostics], { color: false });
    expect(out.endsWith('\n✖ 6 problems (2 errors, 2 warnings, 2 info)\n')).toBe(true);
  });

  it('colours only when asked, and never inside the path:line:col', () => {
    const out = stylish([diagnostics[0]!], { color: true });
    expect(out).toBe(
      '\nconnectors/a/connector.mdx:3:7  \x1b[31merror\x1b[39m  Invalid YAML: bad indentation of a mapping entry  \x1b[2mfrontmatter-yaml\x1b[22m\n' +
        '\n\x1b[1m\x1b[31m✖ 1 problem (1 error, 0 warnings)\x1b[39m\x1b[22m\n',
    );
  });

  it('does not let a message drive the terminal or break the line', () => {
    const d = new Diagnostic({
      ruleId: 'x-ms-value',
      severity: 'warning',
      message: 'evil\n\x1b[2J\x1b]8;;https://x\x07link \u202Ereversed\ttab',
      file: 'connectors/a/connector.mdx',
      place: { start: { line: 2, column: 1 }, end: { line: 2, column: 3 } },
      url: 'https://example.com/rules#x-ms-value',
      args: [],
    });
    expect(stylish([d], { color: false })).toBe(
      '\nconnectors/a/connector.mdx:2:1  warning  evil \uFFFD[2J\uFFFD]8;;https://x\uFFFDlink \uFFFDreversed tab  x-ms-value\n\n✖ 1 problem (0 errors, 1 warning)\n',
    );
  });

  it('does not pad every line to the width of one very long message', () => {
    const long = varied(diagnostics[1]!, { message: 'x'.repeat(300) });
    const lines = stylish([long, diagnostics[0]!], { color: false }).split('\n');
    expect(lines[1]).toBe('connectors/a/connector.mdx:3:7    error    Invalid YAML: bad indentation of a mapping entry' + ' '.repeat(52) + '  frontmatter-yaml');
    expect(lines[2]).toBe(`connectors/a/connector.mdx:12:11  warning  ${'x'.repeat(300)}  operation-summary`);
  });
});

describe('json', () => {
  it('prints the array of toJSON()', () => {
    const out = json(diagnostics.slice(0, 1), { color: true });
    expect(out).toBe(
      `[
  {
    "ruleId": "frontmatter-yaml",
    "severity": "error",
    "message": "Invalid YAML: bad indentation of a mapping entry",
    "file": "connectors/a/connector.mdx",
    "place": {
      "start": {
        "line": 3,
        "column": 7
      },
      "end": {
        "line": 3,
        "column": 7
      }
    },
    "pointer": "",
    "url": "https://example.com/rules#frontmatter-yaml",
    "fingerprint": "${diagnostics[0]!.fingerprint}"
  }
]
`,
    );
    expect(JSON.parse(json(diagnostics, { color: false }))).toEqual(diagnostics.map((d) => JSON.parse(JSON.stringify(d.toJSON()))));
  });

  it('prints an empty array when clean', () => {
    expect(json([], { color: false })).toBe('[]\n');
  });
});
