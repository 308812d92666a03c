import { describe, expect, it } from 'vitest';
import { Diagnostic } from '../../src/core/diagnostic.ts';
import type { RuleId } from '../../src/core/rule-ids.ts';
import { json } from '../../src/cli/formatters/json.ts';
import { stylish } from '../../src/cli/formatters/stylish.ts';

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
  it('groups by file and aligns columns', () => {
    expect(stylish(diagnostics, { color: false })).toBe(
      [
        '',
        'connectors/a/connector.mdx',
        '  3:7    error    Invalid YAML: bad indentation of a mapping entry  frontmatter-yaml',
        '  12:11  warning  Summary ends with a period                        operation-summary',
        '',
        'connectors/a/actions/GetItem.mdx',
        '  1:1  info  Consider `x-ms-visibility`  x-ms-value',
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
      '\nconnectors/a/connector.mdx\n  12:11  warning  Summary ends with a period  operation-summary\n\n✖ 1 problem (0 errors, 1 warning)\n',
    );
  });

  it('colours only when asked', () => {
    const out = stylish([diagnostics[0]!], { color: true });
    expect(out).toBe(
      '\n\x1b[4mconnectors/a/connector.mdx\x1b[24m\n' +
        '  \x1b[2m3:7\x1b[22m  \x1b[31merror\x1b[39m  Invalid YAML: bad indentation of a mapping entry  \x1b[2mfrontmatter-yaml\x1b[22m\n' +
        '\n\x1b[1m\x1b[31m✖ 1 problem (1 error, 0 warnings)\x1b[39m\x1b[22m\n',
    );
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
